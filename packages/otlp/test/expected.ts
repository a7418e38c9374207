// The rows the decoder should produce, computed independently from the SDK's own objects (BigInt
// time arithmetic, JSON.stringify flattening): the reference the decode tests compare against.
import type { Attributes, LogRow, SpanKind, SpanRow, SpanStatus } from '@nightjar/model';
import type { HrTime } from '@opentelemetry/api';
import type { ReadableLogRecord } from '@opentelemetry/sdk-logs';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';

export function hrToNs(t: HrTime): string {
  return (BigInt(t[0]) * 1_000_000_000n + BigInt(t[1])).toString();
}

function base64(b: Uint8Array): string {
  return Buffer.from(b).toString('base64');
}

function jsonable(v: unknown): unknown {
  if (v instanceof Uint8Array) return base64(v);
  if (Array.isArray(v)) return v.map(jsonable);
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  if (v === undefined) return null;
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) Object.defineProperty(out, k, { value: jsonable(x), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return v;
}

/**
 * The flattening rule: strings as is, scalars as text, bytes as base64, the rest as JSON text
 * (numbers inside arrays and maps must be safe integers or non-integral for JSON.stringify to agree).
 */
export function flat(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') {
    // An integral number within int64 travels as int_value: its exact integer, not String()'s shortest form.
    const int64 = Number.isInteger(v) && v >= -(2 ** 63) && v < 2 ** 63;
    return int64 && Math.abs(v) > Number.MAX_SAFE_INTEGER ? BigInt(v).toString() : String(v);
  }
  if (typeof v === 'boolean') return String(v);
  if (v instanceof Uint8Array) return base64(v);
  if (v === null || v === undefined) return '';
  return JSON.stringify(jsonable(v));
}

export function flatAttrs(attrs: Record<string, unknown> | undefined, skip: (key: string) => boolean = () => false): Attributes {
  const out: Attributes = {};
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (skip(k)) continue;
    Object.defineProperty(out, k, { value: flat(v), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

const PROMOTED = new Set(['nightjar.link.out', 'nightjar.link.in', 'nightjar.input', 'nightjar.output']);
const KINDS: SpanKind[] = ['internal', 'server', 'client', 'producer', 'consumer'];
const STATUSES: SpanStatus[] = ['unset', 'ok', 'error'];

function list(v: unknown): string[] {
  if (v === undefined) return [];
  if (Array.isArray(v)) return v.filter((x) => x !== null && x !== undefined).map(flat).filter((s) => s !== '');
  const s = flat(v);
  return s === '' ? [] : [s];
}

export function expectedSpanRow(span: ReadableSpan, project: string): SpanRow {
  const ctx = span.spanContext();
  const attrs = flatAttrs(span.attributes, (k) => PROMOTED.has(k));
  const resource = flatAttrs(span.resource.attributes);
  const events = span.events.map((e) => ({ timeNs: hrToNs(e.time), name: e.name, attributes: flatAttrs(e.attributes) }));
  // The first exception event with a non-empty type names the error; otherwise error.type does.
  const exception = events.find((e) => e.name === 'exception' && (e.attributes['exception.type'] ?? '') !== '');
  const parent = span.parentSpanContext?.spanId ?? '';
  return {
    project,
    traceId: ctx.traceId,
    spanId: ctx.spanId,
    parentSpanId: parent === '0000000000000000' ? '' : parent,
    traceState: ctx.traceState?.serialize() ?? '',
    name: span.name,
    service: resource['service.name'] ?? '',
    kind: KINDS[span.kind] ?? 'unspecified',
    startNs: hrToNs(span.startTime),
    durationNs: Math.max(0, Number(BigInt(hrToNs(span.endTime)) - BigInt(hrToNs(span.startTime)))),
    status: STATUSES[span.status.code] ?? 'unset',
    statusMessage: span.status.message ?? '',
    scopeName: span.instrumentationScope.name,
    scopeVersion: span.instrumentationScope.version ?? '',
    attributes: attrs,
    resource,
    events,
    links: span.links.map((l) => ({ traceId: l.context.traceId, spanId: l.context.spanId, attributes: flatAttrs(l.attributes) })),
    functionName: attrs['faas.name'] ?? resource['faas.name'] ?? '',
    requestId: attrs['faas.invocation_id'] ?? attrs['faas.execution'] ?? '',
    coldStart: flat(span.attributes['faas.coldstart']) === 'true',
    httpRoute: attrs['http.route'] ?? '',
    errorType: exception?.attributes['exception.type'] ?? attrs['error.type'] ?? '',
    linkOut: list(span.attributes['nightjar.link.out']),
    linkIn: list(span.attributes['nightjar.link.in']),
    input: flat(span.attributes['nightjar.input']),
    output: flat(span.attributes['nightjar.output']),
  };
}

export function expectedLogRow(rec: ReadableLogRecord, project: string): LogRow {
  const attributes = flatAttrs(rec.attributes);
  if (rec.eventName && attributes['event.name'] === undefined) attributes['event.name'] = rec.eventName;
  const resource = flatAttrs(rec.resource.attributes);
  const time = hrToNs(rec.hrTime);
  const observed = hrToNs(rec.hrTimeObserved);
  return {
    project,
    timeNs: time !== '0' ? time : observed,
    observedNs: observed !== '0' ? observed : time,
    traceId: rec.spanContext?.traceId ?? '',
    spanId: rec.spanContext?.spanId ?? '',
    requestId: attributes['faas.invocation_id'] ?? attributes['faas.execution'] ?? '',
    function: attributes['faas.name'] ?? resource['faas.name'] ?? resource['service.name'] ?? '',
    severityText: rec.severityText ?? '',
    severityNumber: rec.severityNumber ?? 0,
    body: flat(rec.body),
    attributes,
    resource,
    source: 'otlp',
  };
}

/** Rows compared without regard to the serializer's grouping order. */
export function bySpanId<T extends { spanId: string }>(rows: T[]): T[] {
  return [...rows].sort((a, b) => (a.spanId < b.spanId ? -1 : a.spanId > b.spanId ? 1 : 0));
}
