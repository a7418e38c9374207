// Per-record limits applied while decoding, and the counters of what they dropped.
// Request size is not limited here: the ingest layer bounds the body.

export const DEFAULT_MAX_ATTRIBUTES = 128;
export const DEFAULT_MAX_ATTRIBUTE_VALUE_LENGTH = 16 * 1024;
export const DEFAULT_MAX_EVENTS = 128;
export const DEFAULT_MAX_LINKS = 128;
export const DEFAULT_MAX_BODY_LENGTH = 64 * 1024;
export const DEFAULT_MAX_DEPTH = 32;
const MAX_DEPTH_CEILING = 256;

/** Appended to a value cut at the length limit, so a reader sees it is not whole. */
export const TRUNCATION_MARKER = '…[truncated]';

export interface OtlpLimits {
  /** Attributes kept per span, event, link, log record, data point and resource; extra ones are dropped. */
  maxAttributes: number;
  /** UTF-16 code units kept per attribute value (before the marker); nightjar.link.* are exempt. */
  maxAttributeValueLength: number;
  /** Events kept per span. */
  maxEvents: number;
  /** Links kept per span. */
  maxLinks: number;
  /** UTF-16 code units kept per log body (before the marker). */
  maxBodyLength: number;
  /** Nesting depth of AnyValue arrays / key-value lists (and protobuf groups) before the request is refused. */
  maxDepth: number;
}

export const DEFAULT_LIMITS: Readonly<OtlpLimits> = Object.freeze({
  maxAttributes: DEFAULT_MAX_ATTRIBUTES,
  maxAttributeValueLength: DEFAULT_MAX_ATTRIBUTE_VALUE_LENGTH,
  maxEvents: DEFAULT_MAX_EVENTS,
  maxLinks: DEFAULT_MAX_LINKS,
  maxBodyLength: DEFAULT_MAX_BODY_LENGTH,
  maxDepth: DEFAULT_MAX_DEPTH,
});

/** What the limits dropped or cut in one request (records are still kept). */
export interface DecodeStats {
  droppedAttributes: number;
  truncatedValues: number;
  droppedEvents: number;
  droppedLinks: number;
}

/** Defaults overridden by `partial`, validated (RangeError on a bad value: check config at startup). */
export function resolveLimits(partial: Partial<OtlpLimits> | undefined): OtlpLimits {
  const l: OtlpLimits = { ...DEFAULT_LIMITS, ...partial };
  for (const [k, v] of Object.entries(l)) {
    if (!Number.isInteger(v) || v < 0) throw new RangeError(`OTLP limit ${k} must be a non-negative integer, got ${String(v)}`);
  }
  if (l.maxAttributeValueLength < 1 || l.maxBodyLength < 1 || l.maxDepth < 1) {
    throw new RangeError('OTLP limits maxAttributeValueLength, maxBodyLength and maxDepth must be at least 1');
  }
  // Decoding recurses once per nesting level: keep it far from the stack's limit.
  if (l.maxDepth > MAX_DEPTH_CEILING) throw new RangeError(`OTLP limit maxDepth must be at most ${MAX_DEPTH_CEILING}`);
  return l;
}

export function emptyStats(): DecodeStats {
  return { droppedAttributes: 0, truncatedValues: 0, droppedEvents: 0, droppedLinks: 0 };
}
