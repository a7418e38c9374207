// The tracer's own span model: what the wrapper and instrumentation build and the encoder writes.

export type TracerAttributeValue = string | number | boolean | string[];
/** Undefined values are skipped when encoding. */
export type TracerAttributes = Record<string, TracerAttributeValue | undefined>;

export type TracerSpanKind = 'internal' | 'server' | 'client' | 'producer' | 'consumer';
export type TracerStatusCode = 'unset' | 'ok' | 'error';

/** Unix time in nanoseconds: a bigint, or its decimal digits. */
export type Nanos = bigint | string;

export interface TracerSpanEvent {
  name: string;
  timeNs: Nanos;
  attributes?: TracerAttributes;
}

export interface TracerSpanLink {
  /** 32 hex digits. */
  traceId: string;
  /** 16 hex digits. */
  spanId: string;
  attributes?: TracerAttributes;
}

export interface TracerSpan {
  /** 32 hex digits. */
  traceId: string;
  /** 16 hex digits. */
  spanId: string;
  /** 16 hex digits; absent or '' for a root span. */
  parentSpanId?: string;
  name: string;
  kind: TracerSpanKind;
  startNs: Nanos;
  endNs: Nanos;
  status?: { code: TracerStatusCode; message?: string };
  attributes?: TracerAttributes;
  events?: TracerSpanEvent[];
  links?: TracerSpanLink[];
}

export interface TracerScope {
  name: string;
  version?: string;
}
