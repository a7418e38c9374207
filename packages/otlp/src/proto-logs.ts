// ExportLogsServiceRequest (protobuf) -> LogRow[]. Field numbers (opentelemetry-proto logs.proto):
//   ExportLogsServiceRequest { resource_logs=1 }  ResourceLogs { resource=1, scope_logs=2, schema_url=3 }
//   ScopeLogs { scope=1, log_records=2, schema_url=3 }
//   LogRecord { time_unix_nano=1 (fixed64), severity_number=2, severity_text=3, body=5 (AnyValue),
//               attributes=6, dropped_attributes_count=7, flags=8 (fixed32), trace_id=9, span_id=10,
//               observed_time_unix_nano=11 (fixed64), event_name=12 }
import type { Attributes, LogRow } from '@nightjar/model';
import type { DecodeState } from './decode-state.ts';
import { allZero, bytesToHex } from './hex.ts';
import { u64ToDecimal } from './int64.ts';
import { toLogRow } from './log-row.ts';
import { anyValueBody, readKeyValue } from './proto-common.ts';
import type { ProtoReader } from './proto-reader.ts';
import { walkExportRequest } from './proto-envelope.ts';
import type { ResourceInfo } from './resource.ts';

type State = DecodeState<LogRow>;

export function decodeLogsProto(body: Uint8Array, s: State): void {
  walkExportRequest(body, s, readLogRecord);
}

function readLogRecord(r: ProtoReader, s: State, end: number, resource: ResourceInfo): void {
  let timeNs = '0';
  let observedNs = '0';
  let severityNumber = 0;
  let severityText = '';
  let body = '';
  let eventName = '';
  let traceAt = -1;
  let traceLen = 0;
  let spanAt = -1;
  let spanLen = 0;
  const attributes: Attributes = {};
  let count = 0;
  while (r.pos < end) {
    const tag = r.varint32();
    switch (tag) {
      case 9:
        r.fixed64();
        timeNs = u64ToDecimal(r.lo, r.hi);
        break;
      case 16:
        severityNumber = r.varint32() | 0;
        break;
      case 26:
        severityText = r.str(r.len(end));
        break;
      case 42: {
        const n = r.len(end);
        body = anyValueBody(r, s, r.pos + n, s.limits.maxBodyLength);
        break;
      }
      case 50: {
        const n = r.len(end);
        count = readKeyValue(r, s, r.pos + n, attributes, count, null);
        break;
      }
      case 74:
        traceLen = r.len(end);
        traceAt = r.pos;
        r.pos += traceLen;
        break;
      case 82:
        spanLen = r.len(end);
        spanAt = r.pos;
        r.pos += spanLen;
        break;
      case 89:
        r.fixed64();
        observedNs = u64ToDecimal(r.lo, r.hi);
        break;
      case 98:
        eventName = r.str(r.len(end));
        break;
      default:
        r.skip(tag);
    }
  }
  r.expectEnd(end);
  if (traceLen !== 0 && traceLen !== 16) return s.reject(`log record: trace id must be empty or 16 bytes, got ${traceLen}`);
  if (spanLen !== 0 && spanLen !== 8) return s.reject(`log record: span id must be empty or 8 bytes, got ${spanLen}`);
  const traceId = traceLen === 16 && !allZero(r.buf, traceAt, 16) ? bytesToHex(r.buf, traceAt, 16) : '';
  const spanId = spanLen === 8 && !allZero(r.buf, spanAt, 8) ? bytesToHex(r.buf, spanAt, 8) : '';
  const row = toLogRow(s.project, { timeNs, observedNs, traceId, spanId, severityText, severityNumber, body, attributes, eventName }, resource);
  if (typeof row === 'string') s.reject(row);
  else s.rows.push(row);
}
