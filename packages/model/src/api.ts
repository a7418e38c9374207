// JSON shapes of the HTTP query API (/api/*), shared by store queries, api handlers, web UI and CLI.
// Times are ISO 8601 strings (millisecond precision) unless a field name ends in Ns.
import type { Attributes, InvocationStatus, SpanKind, SpanStatus } from './rows.ts';

export interface ListResponse<T> {
  items: T[];
}

export interface InvocationItem {
  function: string;
  requestId: string;
  version: string | null;
  region: string | null;
  start: string | null;
  durationMs: number | null;
  billedDurationMs: number | null;
  memorySizeMb: number | null;
  maxMemoryUsedMb: number | null;
  initDurationMs: number | null;
  coldStart: boolean;
  status: InvocationStatus | 'unknown';
  errorType: string | null;
  errorMessage: string | null;
  costUsd: number | null;
  traceId: string | null;
  /** Which sources saw it: report-log, platform-log, telemetry, tracer. */
  sources: string[];
}

export interface FunctionSummary {
  function: string;
  invocations: number;
  errors: number;
  timeouts: number;
  coldStarts: number;
  /** errors + timeouts + out_of_memory + init_error + crash, over invocations. */
  errorRate: number;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  costUsd: number;
  lastSeen: string | null;
}

export interface SpanItem {
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  service: string;
  kind: SpanKind;
  start: string;
  startNs: string;
  durationMs: number;
  status: SpanStatus;
  statusMessage: string;
  attributes: Attributes;
  resource: Attributes;
  events: { time: string; name: string; attributes: Attributes }[];
  functionName: string;
  requestId: string;
  linkOut: string[];
  linkIn: string[];
  input: string;
  output: string;
}

export interface TraceResponse {
  traceId: string;
  spans: SpanItem[];
}

export interface LogItem {
  time: string;
  timeNs: string;
  function: string;
  requestId: string;
  traceId: string;
  spanId: string;
  severityText: string;
  severityNumber: number;
  body: string;
  attributes: Attributes;
  source: string;
}

export interface IngestErrorItem {
  time: string;
  source: string;
  reason: string;
  sample: string;
}

export interface HealthResponse {
  status: 'ok' | 'degraded';
  version: string;
  store: 'chdb' | 'clickhouse';
  uptimeSeconds: number;
  /** Rows accepted but not yet durable (waiting in the writer). */
  pendingRows: number;
}

export interface InvocationDetail {
  invocation: InvocationItem;
  logs: LogItem[];
  spans: SpanItem[];
}

export interface ApiError {
  error: string;
}

/** Per-interval figures of one function, for charts (from the per-minute rollup). */
export interface SeriesPoint {
  /** Interval start, ISO 8601. */
  t: string;
  invocations: number;
  errors: number;
  coldStarts: number;
  p95Ms: number | null;
}

export interface FunctionSeries {
  function: string;
  stepSeconds: number;
  points: SeriesPoint[];
}
