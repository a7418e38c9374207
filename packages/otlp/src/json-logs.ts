// ExportLogsServiceRequest (OTLP/JSON) -> LogRow[], with the same rules as the protobuf path.
import type { Attributes, LogRow } from '@nightjar/model';
import type { DecodeState } from './decode-state.ts';
import { isZeroHex, jsonHexId } from './hex.ts';
import { jArray, jAttributes, jBody, jEnum, jObject, jResource, jString, jU64, parseJsonBody, pick, type JsonObject } from './json-common.ts';
import { SEVERITY_NAMES, toLogRow } from './log-row.ts';
import type { ResourceInfo } from './resource.ts';

type State = DecodeState<LogRow>;

export function decodeLogsJson(body: Uint8Array, s: State): void {
  const root = parseJsonBody(body);
  for (const rlv of jArray(pick(root, 'resourceLogs', 'resource_logs'), 'resourceLogs')) {
    const rl = jObject(rlv, 'ResourceLogs');
    if (rl === null) continue;
    const resource = jResource(rl.resource, s);
    for (const slv of jArray(pick(rl, 'scopeLogs', 'scope_logs'), 'scopeLogs')) {
      const sl = jObject(slv, 'ScopeLogs');
      if (sl === null) continue;
      for (const lv of jArray(pick(sl, 'logRecords', 'log_records'), 'logRecords')) {
        const rec = jObject(lv, 'LogRecord');
        if (rec !== null) readLogRecord(rec, s, resource);
      }
    }
  }
}

function readLogRecord(o: JsonObject, s: State, resource: ResourceInfo): void {
  const attributes: Attributes = {};
  jAttributes(o.attributes, s, attributes, 0, null);
  const timeNs = jU64(pick(o, 'timeUnixNano', 'time_unix_nano'), 'logRecord.timeUnixNano');
  const observedNs = jU64(pick(o, 'observedTimeUnixNano', 'observed_time_unix_nano'), 'logRecord.observedTimeUnixNano');
  const severityNumber = jEnum(pick(o, 'severityNumber', 'severity_number'), SEVERITY_NAMES, 'logRecord.severityNumber');
  const severityText = jString(pick(o, 'severityText', 'severity_text'), 'logRecord.severityText');
  const body = jBody(o.body, s, s.limits.maxBodyLength);
  const eventName = jString(pick(o, 'eventName', 'event_name'), 'logRecord.eventName');
  const traceId = jsonHexId(pick(o, 'traceId', 'trace_id'), 16);
  if (traceId === null) return s.reject('log record: trace id must be empty or 32 hex digits');
  const spanId = jsonHexId(pick(o, 'spanId', 'span_id'), 8);
  if (spanId === null) return s.reject('log record: span id must be empty or 16 hex digits');
  const row = toLogRow(
    s.project,
    {
      timeNs,
      observedNs,
      traceId: isZeroHex(traceId) ? '' : traceId,
      spanId: isZeroHex(spanId) ? '' : spanId,
      severityText,
      severityNumber,
      body,
      attributes,
      eventName,
    },
    resource,
  );
  if (typeof row === 'string') s.reject(row);
  else s.rows.push(row);
}
