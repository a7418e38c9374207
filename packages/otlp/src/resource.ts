// Resource and instrumentation scope as the rows need them. A resource's attribute map is shared
// by every row it describes and frozen, so a consumer that mutates it fails loudly.
import type { Attributes } from '@nightjar/model';

export interface ResourceInfo {
  readonly attributes: Readonly<Attributes>;
  /** service.name, or ''. */
  readonly service: string;
  /** faas.name, or ''. */
  readonly faasName: string;
}

export interface ScopeInfo {
  readonly name: string;
  readonly version: string;
}

export const EMPTY_SCOPE: ScopeInfo = Object.freeze({ name: '', version: '' });

export function resourceInfo(attributes: Attributes): ResourceInfo {
  return {
    attributes: Object.freeze(attributes),
    service: attributes['service.name'] ?? '',
    faasName: attributes['faas.name'] ?? '',
  };
}

export const EMPTY_RESOURCE: ResourceInfo = resourceInfo({});
