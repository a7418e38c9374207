// ExportTraceServiceRequest (protobuf) -> SpanRow[]. Field numbers (opentelemetry-proto trace.proto):
//   ExportTraceServiceRequest { resource_spans=1 }  ResourceSpans { resource=1, scope_spans=2, schema_url=3 }
//   ScopeSpans { scope=1, spans=2, schema_url=3 }
//   Span { trace_id=1, span_id=2, trace_state=3, parent_span_id=4, name=5, kind=6,
//          start_time_unix_nano=7 (fixed64), end_time_unix_nano=8 (fixed64), attributes=9,
//          dropped_attributes_count=10, events=11, dropped_events_count=12, links=13,
//          dropped_links_count=14, status=15, flags=16 (fixed32) }
//   Span.Event { time_unix_nano=1, name=2, attributes=3, dropped_attributes_count=4 }
//   Span.Link { trace_id=1, span_id=2, trace_state=3, attributes=4, dropped_attributes_count=5, flags=6 }
//   Status { message=2, code=3 }
import type { Attributes, SpanEvent, SpanLink, SpanRow } from '@nightjar/model';
import type { DecodeState } from './decode-state.ts';
import { shortName } from './decode-state.ts';
import { allZero, bytesToHex } from './hex.ts';
import { u64Diff, u64ToDecimal } from './int64.ts';
import { internedStr, readKeyValue } from './proto-common.ts';
import type { ProtoReader } from './proto-reader.ts';
import { walkExportRequest } from './proto-envelope.ts';
import type { ResourceInfo, ScopeInfo } from './resource.ts';
import { SpanDraft, spanKindOf, spanStatusOf } from './span-draft.ts';

type State = DecodeState<SpanRow>;

export function decodeTracesProto(body: Uint8Array, s: State): void {
  const draft = new SpanDraft();
  walkExportRequest(body, s, (r, st, end, resource, scope) => readSpan(r, st, end, resource, scope, draft));
}

function readSpan(r: ProtoReader, s: State, end: number, resource: ResourceInfo, scope: ScopeInfo, d: SpanDraft): void {
  d.reset();
  const limits = s.limits;
  let traceAt = -1;
  let traceLen = 0;
  let spanAt = -1;
  let spanLen = 0;
  let parentAt = -1;
  let parentLen = 0;
  let startLo = 0;
  let startHi = 0;
  let endLo = 0;
  let endHi = 0;
  while (r.pos < end) {
    const tag = r.varint32();
    switch (tag) {
      case 10:
        traceLen = r.len(end);
        traceAt = r.pos;
        r.pos += traceLen;
        break;
      case 18:
        spanLen = r.len(end);
        spanAt = r.pos;
        r.pos += spanLen;
        break;
      case 26:
        d.traceState = r.str(r.len(end));
        break;
      case 34:
        parentLen = r.len(end);
        parentAt = r.pos;
        r.pos += parentLen;
        break;
      case 42:
        d.name = internedStr(r, r.len(end));
        break;
      case 48:
        d.kind = spanKindOf(r.varint32());
        break;
      case 57:
        r.fixed64();
        startLo = r.lo;
        startHi = r.hi;
        break;
      case 65:
        r.fixed64();
        endLo = r.lo;
        endHi = r.hi;
        break;
      case 74: {
        const n = r.len(end);
        d.attributeCount = readKeyValue(r, s, r.pos + n, d.attributes, d.attributeCount, d);
        break;
      }
      case 90: {
        const n = r.len(end);
        if (d.events.length >= limits.maxEvents) {
          s.stats.droppedEvents++;
          r.pos += n;
        } else {
          const ev = readEvent(r, s, r.pos + n);
          d.events.push(ev);
          d.sawEvent(ev);
        }
        break;
      }
      case 106: {
        const n = r.len(end);
        if (d.links.length >= limits.maxLinks) {
          s.stats.droppedLinks++;
          r.pos += n;
        } else {
          const link = readLink(r, s, r.pos + n);
          if (link === null) s.stats.droppedLinks++;
          else d.links.push(link);
        }
        break;
      }
      case 122: {
        const n = r.len(end);
        readStatus(r, r.pos + n, d);
        break;
      }
      default:
        r.skip(tag);
    }
  }
  r.expectEnd(end);

  const buf = r.buf;
  if (traceLen !== 16) return s.reject(`span "${shortName(d.name)}": trace id must be 16 bytes, got ${traceLen}`);
  if (allZero(buf, traceAt, 16)) return s.reject(`span "${shortName(d.name)}": trace id is all zeros`);
  if (spanLen !== 8) return s.reject(`span "${shortName(d.name)}": span id must be 8 bytes, got ${spanLen}`);
  if (allZero(buf, spanAt, 8)) return s.reject(`span "${shortName(d.name)}": span id is all zeros`);
  if (parentLen !== 0 && parentLen !== 8) {
    return s.reject(`span "${shortName(d.name)}": parent span id must be empty or 8 bytes, got ${parentLen}`);
  }
  if ((startLo | startHi) === 0) return s.reject(`span "${shortName(d.name)}": missing start time`);
  d.traceId = bytesToHex(buf, traceAt, 16);
  d.spanId = bytesToHex(buf, spanAt, 8);
  d.parentSpanId = parentLen === 8 && !allZero(buf, parentAt, 8) ? bytesToHex(buf, parentAt, 8) : '';
  d.startNs = u64ToDecimal(startLo, startHi);
  const duration = (endLo | endHi) === 0 ? 0 : u64Diff(endLo, endHi, startLo, startHi);
  d.durationNs = duration > 0 ? duration : 0;
  s.rows.push(d.toRow(s.project, resource, scope));
}

function readEvent(r: ProtoReader, s: State, end: number): SpanEvent {
  let timeNs = '0';
  let name = '';
  const attributes: Attributes = {};
  let count = 0;
  while (r.pos < end) {
    const tag = r.varint32();
    if (tag === 9) {
      r.fixed64();
      timeNs = u64ToDecimal(r.lo, r.hi);
    } else if (tag === 18) name = internedStr(r, r.len(end));
    else if (tag === 26) {
      const n = r.len(end);
      count = readKeyValue(r, s, r.pos + n, attributes, count, null);
    } else r.skip(tag);
  }
  r.expectEnd(end);
  return { timeNs, name, attributes };
}

/** A link, or null when its ids are not valid (the link alone is dropped). */
function readLink(r: ProtoReader, s: State, end: number): SpanLink | null {
  let traceAt = -1;
  let traceLen = 0;
  let spanAt = -1;
  let spanLen = 0;
  const attributes: Attributes = {};
  let count = 0;
  while (r.pos < end) {
    const tag = r.varint32();
    if (tag === 10) {
      traceLen = r.len(end);
      traceAt = r.pos;
      r.pos += traceLen;
    } else if (tag === 18) {
      spanLen = r.len(end);
      spanAt = r.pos;
      r.pos += spanLen;
    } else if (tag === 34) {
      const n = r.len(end);
      count = readKeyValue(r, s, r.pos + n, attributes, count, null);
    } else r.skip(tag);
  }
  r.expectEnd(end);
  if (traceLen !== 16 || spanLen !== 8) return null;
  return { traceId: bytesToHex(r.buf, traceAt, 16), spanId: bytesToHex(r.buf, spanAt, 8), attributes };
}

function readStatus(r: ProtoReader, end: number, d: SpanDraft): void {
  while (r.pos < end) {
    const tag = r.varint32();
    if (tag === 18) d.statusMessage = r.str(r.len(end));
    else if (tag === 24) d.status = spanStatusOf(r.varint32());
    else r.skip(tag);
  }
  r.expectEnd(end);
}
