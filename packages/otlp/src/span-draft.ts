// One span being decoded (protobuf or JSON), and how it becomes a SpanRow: enum names, promoted
// hot fields (faas.*, http.route, error type, nightjar.* stitching keys and payloads).
import type { Attributes, SpanEvent, SpanKind, SpanLink, SpanRow, SpanStatus } from '@nightjar/model';
import type { ResourceInfo, ScopeInfo } from './resource.ts';

const KINDS: readonly SpanKind[] = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'];
const STATUSES: readonly SpanStatus[] = ['unset', 'ok', 'error'];

/** OTLP SpanKind number -> model name ('unspecified' for unknown values). */
export function spanKindOf(n: number): SpanKind {
  return KINDS[n] ?? 'unspecified';
}

/** OTLP Status.code number -> model name ('unset' for unknown values). */
export function spanStatusOf(n: number): SpanStatus {
  return STATUSES[n] ?? 'unset';
}

export class SpanDraft {
  traceId = '';
  spanId = '';
  parentSpanId = '';
  traceState = '';
  name = '';
  kind: SpanKind = 'unspecified';
  startNs = '';
  durationNs = 0;
  status: SpanStatus = 'unset';
  statusMessage = '';
  attributes: Attributes = {};
  attributeCount = 0;
  events: SpanEvent[] = [];
  links: SpanLink[] = [];
  linkOut: string[] | null = null;
  linkIn: string[] | null = null;
  input = '';
  output = '';
  /** exception.type of the first exception event that has one. */
  exceptionType = '';

  reset(): void {
    this.traceId = '';
    this.spanId = '';
    this.parentSpanId = '';
    this.traceState = '';
    this.name = '';
    this.kind = 'unspecified';
    this.startNs = '';
    this.durationNs = 0;
    this.status = 'unset';
    this.statusMessage = '';
    this.attributes = {};
    this.attributeCount = 0;
    this.events = [];
    this.links = [];
    this.linkOut = null;
    this.linkIn = null;
    this.input = '';
    this.output = '';
    this.exceptionType = '';
  }

  /** Notes an event for the error type: the first exception event with exception.type wins. */
  sawEvent(event: SpanEvent): void {
    if (this.exceptionType === '' && event.name === 'exception') {
      this.exceptionType = event.attributes['exception.type'] ?? '';
    }
  }

  toRow(project: string, resource: ResourceInfo, scope: ScopeInfo): SpanRow {
    const a = this.attributes;
    return {
      project,
      traceId: this.traceId,
      spanId: this.spanId,
      parentSpanId: this.parentSpanId,
      traceState: this.traceState,
      name: this.name,
      service: resource.service,
      kind: this.kind,
      startNs: this.startNs,
      durationNs: this.durationNs,
      status: this.status,
      statusMessage: this.statusMessage,
      scopeName: scope.name,
      scopeVersion: scope.version,
      attributes: a,
      resource: resource.attributes,
      events: this.events,
      links: this.links,
      functionName: a['faas.name'] ?? resource.faasName,
      requestId: a['faas.invocation_id'] ?? a['faas.execution'] ?? '',
      coldStart: a['faas.coldstart'] === 'true',
      httpRoute: a['http.route'] ?? '',
      errorType: this.exceptionType !== '' ? this.exceptionType : (a['error.type'] ?? ''),
      linkOut: this.linkOut ?? [],
      linkIn: this.linkIn ?? [],
      input: this.input,
      output: this.output,
    };
  }
}
