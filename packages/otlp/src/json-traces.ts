// ExportTraceServiceRequest (OTLP/JSON) -> SpanRow[], with the same rules as the protobuf path.
import type { Attributes, SpanEvent, SpanLink, SpanRow } from '@nightjar/model';
import type { DecodeState } from './decode-state.ts';
import { shortName } from './decode-state.ts';
import { isZeroHex, jsonHexId } from './hex.ts';
import { decimalDiff } from './int64.ts';
import { jArray, jAttributes, jEnum, jObject, jResource, jScope, jString, jU64, parseJsonBody, pick, type JsonObject } from './json-common.ts';
import { SpanDraft, spanKindOf, spanStatusOf } from './span-draft.ts';
import type { ResourceInfo, ScopeInfo } from './resource.ts';

type State = DecodeState<SpanRow>;

const KIND_NAMES = ['SPAN_KIND_UNSPECIFIED', 'SPAN_KIND_INTERNAL', 'SPAN_KIND_SERVER', 'SPAN_KIND_CLIENT', 'SPAN_KIND_PRODUCER', 'SPAN_KIND_CONSUMER'];
const STATUS_NAMES = ['STATUS_CODE_UNSET', 'STATUS_CODE_OK', 'STATUS_CODE_ERROR'];

export function decodeTracesJson(body: Uint8Array, s: State): void {
  const root = parseJsonBody(body);
  const draft = new SpanDraft();
  for (const rsv of jArray(pick(root, 'resourceSpans', 'resource_spans'), 'resourceSpans')) {
    const rs = jObject(rsv, 'ResourceSpans');
    if (rs === null) continue;
    const resource = jResource(rs.resource, s);
    for (const ssv of jArray(pick(rs, 'scopeSpans', 'scope_spans'), 'scopeSpans')) {
      const ss = jObject(ssv, 'ScopeSpans');
      if (ss === null) continue;
      const scope = jScope(ss.scope);
      for (const sv of jArray(ss.spans, 'spans')) {
        const span = jObject(sv, 'Span');
        if (span !== null) readSpan(span, s, resource, scope, draft);
      }
    }
  }
}

function readSpan(o: JsonObject, s: State, resource: ResourceInfo, scope: ScopeInfo, d: SpanDraft): void {
  d.reset();
  const limits = s.limits;
  d.name = jString(o.name, 'span.name');
  d.traceState = jString(pick(o, 'traceState', 'trace_state'), 'span.traceState');
  d.kind = spanKindOf(jEnum(o.kind, KIND_NAMES, 'span.kind'));
  const start = jU64(pick(o, 'startTimeUnixNano', 'start_time_unix_nano'), 'span.startTimeUnixNano');
  const end = jU64(pick(o, 'endTimeUnixNano', 'end_time_unix_nano'), 'span.endTimeUnixNano');
  d.attributeCount = jAttributes(o.attributes, s, d.attributes, 0, d);
  const events = jArray(o.events, 'span.events');
  for (let i = 0; i < events.length; i++) {
    if (d.events.length >= limits.maxEvents) {
      s.stats.droppedEvents += events.length - i;
      break;
    }
    const ev = jObject(events[i], 'Span.Event');
    if (ev === null) continue;
    const event = readEvent(ev, s);
    d.events.push(event);
    d.sawEvent(event);
  }
  const links = jArray(o.links, 'span.links');
  for (let i = 0; i < links.length; i++) {
    if (d.links.length >= limits.maxLinks) {
      s.stats.droppedLinks += links.length - i;
      break;
    }
    const lo = jObject(links[i], 'Span.Link');
    if (lo === null) continue;
    const link = readLink(lo, s);
    if (link === null) s.stats.droppedLinks++;
    else d.links.push(link);
  }
  const status = jObject(o.status, 'span.status');
  if (status !== null) {
    d.statusMessage = jString(status.message, 'status.message');
    d.status = spanStatusOf(jEnum(status.code, STATUS_NAMES, 'status.code'));
  }

  const name = shortName(d.name);
  const traceId = jsonHexId(pick(o, 'traceId', 'trace_id'), 16);
  if (traceId === null || traceId === '') return s.reject(`span "${name}": trace id must be 32 hex digits`);
  if (isZeroHex(traceId)) return s.reject(`span "${name}": trace id is all zeros`);
  const spanId = jsonHexId(pick(o, 'spanId', 'span_id'), 8);
  if (spanId === null || spanId === '') return s.reject(`span "${name}": span id must be 16 hex digits`);
  if (isZeroHex(spanId)) return s.reject(`span "${name}": span id is all zeros`);
  const parent = jsonHexId(pick(o, 'parentSpanId', 'parent_span_id'), 8);
  if (parent === null) return s.reject(`span "${name}": parent span id must be empty or 16 hex digits`);
  if (start === '0') return s.reject(`span "${name}": missing start time`);
  d.traceId = traceId;
  d.spanId = spanId;
  d.parentSpanId = parent !== '' && isZeroHex(parent) ? '' : parent;
  d.startNs = start;
  const duration = end === '0' ? 0 : decimalDiff(end, start);
  d.durationNs = duration > 0 ? duration : 0;
  s.rows.push(d.toRow(s.project, resource, scope));
}

function readEvent(o: JsonObject, s: State): SpanEvent {
  const attributes: Attributes = {};
  jAttributes(o.attributes, s, attributes, 0, null);
  return {
    timeNs: jU64(pick(o, 'timeUnixNano', 'time_unix_nano'), 'event.timeUnixNano'),
    name: jString(o.name, 'event.name'),
    attributes,
  };
}

function readLink(o: JsonObject, s: State): SpanLink | null {
  const attributes: Attributes = {};
  jAttributes(o.attributes, s, attributes, 0, null);
  const traceId = jsonHexId(pick(o, 'traceId', 'trace_id'), 16);
  const spanId = jsonHexId(pick(o, 'spanId', 'span_id'), 8);
  if (traceId === null || traceId === '' || spanId === null || spanId === '') return null;
  return { traceId, spanId, attributes };
}
