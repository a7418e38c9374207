// Row -> positional column arrays for JSONCompactEachRow, one function per table, in the column
// order of the matching *_COLUMNS list. The hot path: no per-row allocations beyond the output array.
import { STATUS_RANK, nsToClickHouse, type IngestErrorRow, type InvocationRow, type LogRow, type MetricRow, type SpanRow } from '@nightjar/model';
import { resourceId } from './resource-ids.ts';

export const SPAN_COLUMNS = [
  'project', 'timestamp', 'trace_id', 'span_id', 'parent_span_id', 'trace_state', 'name', 'service', 'kind',
  'duration_ns', 'status', 'status_message', 'scope_name', 'scope_version', 'attributes', 'resource_id',
  'event_times', 'event_names', 'event_attributes', 'link_trace_ids', 'link_span_ids', 'link_attributes',
  'function_name', 'request_id', 'cold_start', 'http_route', 'error_type', 'link_out', 'link_in', 'input', 'output',
  // Last, so that WAL lines written before it existed still insert (missing trailing columns take defaults).
  'map_edges',
] as const;

const EMPTY: never[] = [];

export function encodeSpan(s: SpanRow): unknown[] {
  const ev = s.events;
  const ln = s.links;
  let evTimes: string[] = EMPTY, evNames: string[] = EMPTY, evAttrs: unknown[] = EMPTY;
  if (ev.length > 0) {
    evTimes = new Array<string>(ev.length);
    evNames = new Array<string>(ev.length);
    evAttrs = new Array<unknown>(ev.length);
    for (let i = 0; i < ev.length; i++) {
      const e = ev[i]!;
      evTimes[i] = nsToClickHouse(e.timeNs);
      evNames[i] = e.name;
      evAttrs[i] = e.attributes;
    }
  }
  let lnTraces: string[] = EMPTY, lnSpans: string[] = EMPTY, lnAttrs: unknown[] = EMPTY;
  if (ln.length > 0) {
    lnTraces = ln.map((l) => l.traceId);
    lnSpans = ln.map((l) => l.spanId);
    lnAttrs = ln.map((l) => l.attributes);
  }
  return [
    s.project, nsToClickHouse(s.startNs), s.traceId, s.spanId, s.parentSpanId, s.traceState, s.name, s.service, s.kind,
    s.durationNs > 0 ? Math.round(s.durationNs) : 0, s.status, s.statusMessage, s.scopeName, s.scopeVersion, s.attributes, resourceId(s.resource),
    evTimes, evNames, evAttrs, lnTraces, lnSpans, lnAttrs,
    s.functionName, s.requestId, s.coldStart, s.httpRoute, s.errorType, s.linkOut, s.linkIn, s.input, s.output,
    s.mapEdges === undefined ? EMPTY : s.mapEdges.map((e) => [e.from, e.to, e.via, e.weight, e.key]),
  ];
}

export const RESOURCE_COLUMNS = ['project', 'resource_id', 'attributes', 'last_seen'] as const;

export const LOG_COLUMNS = [
  'project', 'timestamp', 'observed_timestamp', 'trace_id', 'span_id', 'request_id', 'function',
  'severity_text', 'severity_number', 'body', 'attributes', 'resource', 'source',
] as const;

export function encodeLog(l: LogRow): unknown[] {
  return [
    l.project, nsToClickHouse(l.timeNs), nsToClickHouse(l.observedNs || l.timeNs), l.traceId, l.spanId, l.requestId, l.function,
    l.severityText, clampInt(l.severityNumber, 0, 255), l.body, l.attributes, l.resource, l.source,
  ];
}

export const INVOCATION_COLUMNS = [
  'project', 'function', 'bucket', 'request_id', 'start', 'version', 'region', 'architecture', 'duration_ms',
  'billed_duration_ms', 'memory_size_mb', 'max_memory_used_mb', 'init_duration_ms', 'restore_duration_ms',
  'cold_start', 'status_rank', 'error_type', 'error_message', 'cost_usd', 'trace_id', 'sources',
] as const;

/** Unix seconds of the minute a partial invocation row is filed under (its start, else `nowMs`). */
export function invocationBucket(r: InvocationRow, nowMs: number): number {
  if (r.startNs !== null) return Math.floor(Number(r.startNs.length > 9 ? r.startNs.slice(0, -9) : '0') / 60) * 60;
  return Math.floor(nowMs / 60_000) * 60;
}

export function encodeInvocation(r: InvocationRow, nowMs: number): unknown[] {
  return [
    r.project, r.function, invocationBucket(r, nowMs), r.requestId, r.startNs === null ? null : nsToClickHouse(r.startNs),
    r.version, r.region, r.architecture, num(r.durationMs),
    num(r.billedDurationMs), num(r.memorySizeMb), num(r.maxMemoryUsedMb), num(r.initDurationMs), num(r.restoreDurationMs),
    r.coldStart === null ? null : r.coldStart ? 1 : 0, r.status === null ? 0 : STATUS_RANK[r.status], r.errorType, r.errorMessage, num(r.costUsd), r.traceId, [r.source],
  ];
}

export const METRIC_COLUMNS = [
  'project', 'timestamp', 'start_time', 'name', 'description', 'unit', 'type', 'service', 'attributes', 'resource',
  'value', 'count', 'sum', 'min', 'max', 'bounds', 'bucket_counts', 'is_monotonic', 'temporality',
] as const;

export function encodeMetric(m: MetricRow): unknown[] {
  return [
    m.project, nsToClickHouse(m.timeNs), nsToClickHouse(m.startNs || '0'), m.name, m.description, m.unit, m.type, m.service, m.attributes, m.resource,
    fin(m.value), m.count > 0 ? Math.round(m.count) : 0, fin(m.sum), num(m.min), num(m.max), m.bounds.map(fin), m.bucketCounts.map((c) => (c > 0 ? Math.round(c) : 0)), m.isMonotonic, m.temporality,
  ];
}

export const INGEST_ERROR_COLUMNS = ['project', 'timestamp', 'source', 'reason', 'sample'] as const;

export function encodeIngestError(e: IngestErrorRow): unknown[] {
  return [e.project, nsToClickHouse(e.timeNs), e.source, e.reason, e.sample];
}

function num(v: number | null): number | null {
  return v === null || !Number.isFinite(v) ? null : v;
}

function fin(v: number): number {
  return Number.isFinite(v) ? v : 0;
}

function clampInt(v: number, lo: number, hi: number): number {
  return Number.isFinite(v) ? Math.min(hi, Math.max(lo, Math.round(v))) : lo;
}
