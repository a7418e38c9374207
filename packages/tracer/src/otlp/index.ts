export { encodeTraceRequest } from './encode-traces.ts';
export type {
  Nanos,
  TracerAttributes,
  TracerAttributeValue,
  TracerScope,
  TracerSpan,
  TracerSpanEvent,
  TracerSpanKind,
  TracerSpanLink,
  TracerStatusCode,
} from './span.ts';
export { encodeLogsRequest, SEVERITY, type TracerLogRecord, type TracerSeverityText } from './encode-logs.ts';
