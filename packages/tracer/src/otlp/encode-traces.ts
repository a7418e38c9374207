// TracerSpan[] -> ExportTraceServiceRequest protobuf (opentelemetry-proto collector/trace/v1):
//   ExportTraceServiceRequest { resource_spans=1 }  ResourceSpans { resource=1, scope_spans=2 }
//   Resource { attributes=1 }  ScopeSpans { scope=1, spans=2 }  InstrumentationScope { name=1, version=2 }
//   Span { trace_id=1, span_id=2, parent_span_id=4, name=5, kind=6, start=7, end=8 (fixed64),
//          attributes=9, events=11, links=13, status=15 }
//   Event { time_unix_nano=1, name=2, attributes=3 }  Link { trace_id=1, span_id=2, attributes=4 }
//   Status { message=2, code=3 }  KeyValue { key=1, value=2 }
//   AnyValue { string=1, bool=2, int=3, double=4, array=5 }  ArrayValue { values=1 }
import { ProtoWriter } from './proto-writer.ts';
import type { Nanos, TracerAttributes, TracerAttributeValue, TracerScope, TracerSpan, TracerSpanKind, TracerStatusCode } from './span.ts';

const KIND: Record<TracerSpanKind, number> = { internal: 1, server: 2, client: 3, producer: 4, consumer: 5 };
const STATUS: Record<TracerStatusCode, number> = { unset: 0, ok: 1, error: 2 };

export function hexBytes(hex: string): Uint8Array {
  return Buffer.from(hex, 'hex');
}

export function nanos(t: Nanos): bigint {
  if (typeof t === 'bigint') return t;
  try {
    return BigInt(t);
  } catch {
    return 0n;
  }
}

function anyValue(w: ProtoWriter, field: number, v: TracerAttributeValue): void {
  const at = w.begin(field);
  if (typeof v === 'string') w.string(1, v);
  else if (typeof v === 'boolean') w.bool(2, v);
  else if (typeof v === 'number') {
    if (Number.isSafeInteger(v)) w.int64(3, v);
    else w.double(4, v);
  } else {
    const arr = w.begin(5);
    for (const item of v) {
      const one = w.begin(1);
      w.string(1, String(item));
      w.end(one);
    }
    w.end(arr);
  }
  w.end(at);
}

export function attributes(w: ProtoWriter, field: number, attrs: TracerAttributes | undefined): void {
  if (attrs === undefined) return;
  for (const key of Object.keys(attrs)) {
    const v = attrs[key];
    if (v === undefined) continue;
    const kv = w.begin(field);
    w.string(1, key);
    anyValue(w, 2, v);
    w.end(kv);
  }
}

function span(w: ProtoWriter, s: TracerSpan): void {
  const at = w.begin(2);
  w.bytes(1, hexBytes(s.traceId));
  w.bytes(2, hexBytes(s.spanId));
  if (s.parentSpanId !== undefined && s.parentSpanId !== '') w.bytes(4, hexBytes(s.parentSpanId));
  w.string(5, s.name);
  w.uint(6, KIND[s.kind] ?? 0);
  w.fixed64(7, nanos(s.startNs));
  w.fixed64(8, nanos(s.endNs));
  attributes(w, 9, s.attributes);
  for (const e of s.events ?? []) {
    const ev = w.begin(11);
    w.fixed64(1, nanos(e.timeNs));
    w.string(2, e.name);
    attributes(w, 3, e.attributes);
    w.end(ev);
  }
  for (const l of s.links ?? []) {
    const link = w.begin(13);
    w.bytes(1, hexBytes(l.traceId));
    w.bytes(2, hexBytes(l.spanId));
    attributes(w, 4, l.attributes);
    w.end(link);
  }
  if (s.status !== undefined && (s.status.code !== 'unset' || (s.status.message ?? '') !== '')) {
    const st = w.begin(15);
    if (s.status.message !== undefined && s.status.message !== '') w.string(2, s.status.message);
    w.uint(3, STATUS[s.status.code] ?? 0);
    w.end(st);
  }
  w.end(at);
}

/** One ExportTraceServiceRequest body (Content-Type: application/x-protobuf). */
export function encodeTraceRequest(spans: readonly TracerSpan[], resource: TracerAttributes, scope: TracerScope): Uint8Array {
  const w = new ProtoWriter();
  const rs = w.begin(1);
  const res = w.begin(1);
  attributes(w, 1, resource);
  w.end(res);
  const ss = w.begin(2);
  const sc = w.begin(1);
  w.string(1, scope.name);
  if (scope.version !== undefined && scope.version !== '') w.string(2, scope.version);
  w.end(sc);
  for (const s of spans) span(w, s);
  w.end(ss);
  w.end(rs);
  return w.finish();
}
