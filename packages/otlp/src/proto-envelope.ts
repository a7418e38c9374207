// The nesting every OTLP export request shares, walked once for traces, logs and metrics:
//   Export*ServiceRequest { resource_*=1 }  Resource* { resource=1, scope_*=2 }  Scope* { scope=1, items=2 }
// The resource and scope are read first (wherever they sit in their message), then readItem is
// called for every span, log record or metric with them.
import type { DecodeState } from './decode-state.ts';
import { findLast, readResource, readScope } from './proto-common.ts';
import { ProtoReader } from './proto-reader.ts';
import { EMPTY_RESOURCE, EMPTY_SCOPE, type ResourceInfo, type ScopeInfo } from './resource.ts';

export type ItemReader<T> = (r: ProtoReader, s: DecodeState<T>, end: number, resource: ResourceInfo, scope: ScopeInfo) => void;

export function walkExportRequest<T>(body: Uint8Array, s: DecodeState<T>, readItem: ItemReader<T>): void {
  const r = new ProtoReader(body, s.limits.maxDepth);
  const end = r.cap;
  while (r.pos < end) {
    const tag = r.varint32();
    if (tag === 10) {
      const n = r.len(end);
      readResourceGroup(r, s, r.pos + n, readItem);
    } else r.skip(tag);
  }
  r.expectEnd(end);
}

function readResourceGroup<T>(r: ProtoReader, s: DecodeState<T>, end: number, readItem: ItemReader<T>): void {
  const at = findLast(r, end, 10);
  let resource = EMPTY_RESOURCE;
  if (at >= 0) {
    const from = r.pos;
    r.pos = at;
    resource = readResource(r, s, at + r.lo);
    r.pos = from;
  }
  while (r.pos < end) {
    const tag = r.varint32();
    if (tag === 18) {
      const n = r.len(end);
      readScopeGroup(r, s, r.pos + n, resource, readItem);
    } else r.skip(tag);
  }
  r.expectEnd(end);
}

function readScopeGroup<T>(r: ProtoReader, s: DecodeState<T>, end: number, resource: ResourceInfo, readItem: ItemReader<T>): void {
  const at = findLast(r, end, 10);
  let scope = EMPTY_SCOPE;
  if (at >= 0) {
    const from = r.pos;
    r.pos = at;
    scope = readScope(r, at + r.lo);
    r.pos = from;
  }
  while (r.pos < end) {
    const tag = r.varint32();
    if (tag === 18) {
      const n = r.len(end);
      readItem(r, s, r.pos + n, resource, scope);
    } else r.skip(tag);
  }
  r.expectEnd(end);
}
