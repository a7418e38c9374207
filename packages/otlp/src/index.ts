// @nightjar/otlp: OTLP export requests (protobuf and JSON) decoded straight to flat model rows,
// and the receiver's response bodies. Pure: no I/O.
export { decodeLogs, decodeMetrics, decodeTraces, type DecodeContext } from './decode.ts';
export type { DecodeResult } from './decode-state.ts';
export { OtlpDecodeError } from './errors.ts';
export {
  DEFAULT_LIMITS,
  DEFAULT_MAX_ATTRIBUTE_VALUE_LENGTH,
  DEFAULT_MAX_ATTRIBUTES,
  DEFAULT_MAX_BODY_LENGTH,
  DEFAULT_MAX_DEPTH,
  DEFAULT_MAX_EVENTS,
  DEFAULT_MAX_LINKS,
  resolveLimits,
  TRUNCATION_MARKER,
  type DecodeStats,
  type OtlpLimits,
} from './limits.ts';
export { encodeExportResponse, encodeStatus, type OtlpFormat, type OtlpSignal, type PartialSuccess } from './response.ts';
