// Flat rows: what decoders and parsers produce and what the store writes. One interface per table.
// Times are unix nanoseconds as decimal digit strings ("1700000000123456789") so that no
// precision is lost and no BigInt is needed on the hot path; durations are plain numbers.

/** Attribute maps are flattened to strings: arrays and key-value lists become JSON text. */
export type Attributes = Record<string, string>;

export type SpanKind = 'unspecified' | 'internal' | 'server' | 'client' | 'producer' | 'consumer';
export type SpanStatus = 'unset' | 'ok' | 'error';

export interface SpanEvent {
  timeNs: string;
  name: string;
  attributes: Attributes;
}

export interface SpanLink {
  traceId: string;
  spanId: string;
  attributes: Attributes;
}

export interface SpanRow {
  project: string;
  /** 32 lowercase hex digits. */
  traceId: string;
  /** 16 lowercase hex digits. */
  spanId: string;
  /** '' for a root span. */
  parentSpanId: string;
  traceState: string;
  name: string;
  /** resource service.name, or '' when absent. */
  service: string;
  kind: SpanKind;
  startNs: string;
  durationNs: number;
  status: SpanStatus;
  statusMessage: string;
  scopeName: string;
  scopeVersion: string;
  /** Span attributes without the promoted ones below. */
  attributes: Attributes;
  resource: Attributes;
  events: SpanEvent[];
  links: SpanLink[];
  // Promoted hot fields ('' / false / [] when absent).
  /** faas.name from span or resource (the Lambda function name). */
  functionName: string;
  /** faas.invocation_id (the Lambda request id). */
  requestId: string;
  coldStart: boolean;
  httpRoute: string;
  /** exception.type of the first exception event, else error.type. */
  errorType: string;
  /** Stitching keys (design section 4): nightjar.link.out / nightjar.link.in. */
  linkOut: string[];
  linkIn: string[];
  /** Captured payloads (nightjar.input / nightjar.output), already truncated and scrubbed. */
  input: string;
  output: string;
  /** Service-map edges this span shows on its own (set at ingest by @nightjar/assemble's spanMapEdges). */
  mapEdges?: MapEdge[];
}

/**
 * A service-map edge one span shows: node ids as in transactions ("lambda:orders-api", "sqs:q").
 * `from` starting with "?" is resolved at read time through the producers of the span's consumed keys
 * starting with `key`; the rest of it is the node to fall back to ('' = drop the edge when unresolved).
 */
export interface MapEdge {
  from: string;
  to: string;
  via: string;
  /** Calls, or messages for a batch trigger. */
  weight: number;
  /** For an unresolved `from`: the prefix ("sns:") of the span's consumed keys that name its producers; else ''. */
  key: string;
}

export type LogSource = 'otlp' | 'cloudwatch' | 'telemetry';

export interface LogRow {
  project: string;
  timeNs: string;
  observedNs: string;
  traceId: string;
  spanId: string;
  /** Lambda request id the line belongs to, '' when unknown. */
  requestId: string;
  /** Lambda function name or OTel service name. */
  function: string;
  severityText: string;
  /** OTLP severity number 0..24 (0 = unspecified). */
  severityNumber: number;
  body: string;
  attributes: Attributes;
  resource: Attributes;
  source: LogSource;
}

export type InvocationStatus =
  | 'success'
  | 'error'
  | 'timeout'
  | 'out_of_memory'
  | 'init_error'
  | 'crash'
  | 'throttled';

/**
 * Merge rank of each status: when sources disagree, the highest rank wins (a REPORT line saying
 * "success" never hides a timeout seen by the tracer). Stored as a number so the store can merge
 * with max().
 */
export const STATUS_RANK: Record<InvocationStatus, number> = {
  success: 1,
  error: 2,
  crash: 3,
  init_error: 4,
  out_of_memory: 5,
  timeout: 6,
  throttled: 7,
};

export type InvocationSource = 'report-log' | 'platform-log' | 'telemetry' | 'tracer';

/**
 * What one source knows of one invocation. Every field a source did not see is null; the store
 * merges all partial rows of (project, function, requestId) idempotently: numbers by max, strings by
 * last non-null, status by STATUS_RANK, start by min.
 */
export interface InvocationRow {
  project: string;
  function: string;
  requestId: string;
  source: InvocationSource;
  version: string | null;
  region: string | null;
  architecture: 'x86_64' | 'arm64' | null;
  startNs: string | null;
  durationMs: number | null;
  billedDurationMs: number | null;
  memorySizeMb: number | null;
  maxMemoryUsedMb: number | null;
  initDurationMs: number | null;
  restoreDurationMs: number | null;
  coldStart: boolean | null;
  status: InvocationStatus | null;
  errorType: string | null;
  errorMessage: string | null;
  costUsd: number | null;
  traceId: string | null;
}

/** A partial invocation row that knows nothing yet beyond its key: every other field is null. */
export function blankInvocation(key: Pick<InvocationRow, 'project' | 'function' | 'requestId' | 'source'>): InvocationRow {
  return {
    ...key,
    version: null,
    region: null,
    architecture: null,
    startNs: null,
    durationMs: null,
    billedDurationMs: null,
    memorySizeMb: null,
    maxMemoryUsedMb: null,
    initDurationMs: null,
    restoreDurationMs: null,
    coldStart: null,
    status: null,
    errorType: null,
    errorMessage: null,
    costUsd: null,
    traceId: null,
  };
}

export type MetricType = 'gauge' | 'sum' | 'histogram' | 'exponential_histogram' | 'summary';

export interface MetricRow {
  project: string;
  timeNs: string;
  startNs: string;
  name: string;
  description: string;
  unit: string;
  type: MetricType;
  service: string;
  attributes: Attributes;
  resource: Attributes;
  /** gauge/sum value; for histograms and summaries the sum / count is in sum and count. */
  value: number;
  count: number;
  sum: number;
  min: number | null;
  max: number | null;
  /** Histogram explicit bounds and bucket counts; summary quantiles as bounds=quantile, counts=value. */
  bounds: number[];
  bucketCounts: number[];
  isMonotonic: boolean;
  /** 'delta' | 'cumulative' | '' */
  temporality: string;
}

export type IngestSource =
  | 'otlp-traces'
  | 'otlp-logs'
  | 'otlp-metrics'
  | 'firehose'
  | 'lambda-telemetry';

/** A record that was rejected alone, kept with its reason so a user can see what was dropped. */
export interface IngestErrorRow {
  project: string;
  timeNs: string;
  source: IngestSource;
  reason: string;
  /** The start of the offending record (at most a few KB), for diagnosis. */
  sample: string;
}

/** Everything one ingest request produced, grouped by table. */
export interface RowBatch {
  spans: SpanRow[];
  logs: LogRow[];
  invocations: InvocationRow[];
  metrics: MetricRow[];
  ingestErrors: IngestErrorRow[];
}

export function emptyBatch(): RowBatch {
  return { spans: [], logs: [], invocations: [], metrics: [], ingestErrors: [] };
}

export function batchSize(b: RowBatch): number {
  return b.spans.length + b.logs.length + b.invocations.length + b.metrics.length + b.ingestErrors.length;
}
