// TracerLogRecord[] -> ExportLogsServiceRequest protobuf (opentelemetry-proto collector/logs/v1):
//   ExportLogsServiceRequest { resource_logs=1 }  ResourceLogs { resource=1, scope_logs=2 }
//   Resource { attributes=1 }  ScopeLogs { scope=1, log_records=2 }  InstrumentationScope { name=1, version=2 }
//   LogRecord { time_unix_nano=1 (fixed64), severity_number=2, severity_text=3, body=5 (AnyValue),
//               attributes=6, trace_id=9, span_id=10, observed_time_unix_nano=11 (fixed64) }
import { attributes, hexBytes, nanos } from './encode-traces.ts';
import { ProtoWriter } from './proto-writer.ts';
import type { Nanos, TracerAttributes, TracerScope } from './span.ts';

/** OTLP SeverityNumber values of the levels the tracer records. */
export const SEVERITY = { TRACE: 1, DEBUG: 5, INFO: 9, WARN: 13, ERROR: 17 } as const;
export type TracerSeverityText = keyof typeof SEVERITY;

export interface TracerLogRecord {
  timeNs: Nanos;
  severityText: TracerSeverityText;
  body: string;
  /** 32 hex digits (absent: not in a trace). */
  traceId?: string;
  /** 16 hex digits. */
  spanId?: string;
  attributes?: TracerAttributes;
}

function logRecord(w: ProtoWriter, r: TracerLogRecord): void {
  const at = w.begin(2);
  const time = nanos(r.timeNs);
  w.fixed64(1, time);
  w.uint(2, SEVERITY[r.severityText] ?? 0);
  w.string(3, r.severityText);
  const body = w.begin(5);
  w.string(1, r.body);
  w.end(body);
  attributes(w, 6, r.attributes);
  if (r.traceId !== undefined && r.traceId !== '') w.bytes(9, hexBytes(r.traceId));
  if (r.spanId !== undefined && r.spanId !== '') w.bytes(10, hexBytes(r.spanId));
  w.fixed64(11, time);
  w.end(at);
}

/** One ExportLogsServiceRequest body (Content-Type: application/x-protobuf). */
export function encodeLogsRequest(records: readonly TracerLogRecord[], resource: TracerAttributes, scope: TracerScope): Uint8Array {
  const w = new ProtoWriter();
  const rl = w.begin(1);
  const res = w.begin(1);
  attributes(w, 1, resource);
  w.end(res);
  const sl = w.begin(2);
  const sc = w.begin(1);
  w.string(1, scope.name);
  if (scope.version !== undefined && scope.version !== '') w.string(2, scope.version);
  w.end(sc);
  for (const r of records) logRecord(w, r);
  w.end(sl);
  w.end(rl);
  return w.finish();
}
