// What the OTLP/HTTP receiver answers: Export*ServiceResponse with an optional partial_success
// on 200, and google.rpc.Status on errors, in protobuf or JSON (matching the request's encoding).
//   Export{Trace,Logs,Metrics}ServiceResponse { partial_success=1 }
//   Export*PartialSuccess { rejected_spans | rejected_log_records | rejected_data_points =1 (int64), error_message=2 }
//   google.rpc.Status { code=1 (int32), message=2, details=3 }
import { ProtoWriter } from './proto-writer.ts';

export type OtlpSignal = 'traces' | 'logs' | 'metrics';
export type OtlpFormat = 'protobuf' | 'json';

export interface PartialSuccess {
  rejected: number;
  message: string;
}

const REJECTED_FIELD: Record<OtlpSignal, string> = {
  traces: 'rejectedSpans',
  logs: 'rejectedLogRecords',
  metrics: 'rejectedDataPoints',
};

const encoder = new TextEncoder();

/** The body of a 200 answer. Without rejections or message it is the empty response. */
export function encodeExportResponse(signal: OtlpSignal, format: OtlpFormat, partial?: PartialSuccess): Uint8Array {
  const rejected = partial !== undefined && partial.rejected > 0 ? Math.floor(partial.rejected) : 0;
  const message = partial?.message ?? '';
  const hasPartial = rejected > 0 || message !== '';
  if (format === 'json') {
    if (!hasPartial) return encoder.encode('{}');
    const ps: Record<string, string> = {};
    if (rejected > 0) ps[REJECTED_FIELD[signal]] = String(rejected);
    if (message !== '') ps.errorMessage = message;
    return encoder.encode(JSON.stringify({ partialSuccess: ps }));
  }
  const w = new ProtoWriter();
  if (hasPartial) {
    const ps = new ProtoWriter();
    if (rejected > 0) ps.tag(1, 0).varint(rejected);
    if (message !== '') ps.string(2, message);
    w.message(1, ps);
  }
  return w.finish();
}

/** The body of an error answer (google.rpc.Status). `code` is a google.rpc.Code. */
export function encodeStatus(format: OtlpFormat, code: number, message: string): Uint8Array {
  if (format === 'json') return encoder.encode(JSON.stringify({ code, message }));
  const w = new ProtoWriter();
  if (code !== 0) w.tag(1, 0).varint(code | 0);
  if (message !== '') w.string(2, message);
  return w.finish();
}
