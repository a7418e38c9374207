// One decoded log record -> LogRow (shared by the protobuf and JSON paths).
import type { Attributes, LogRow } from '@nightjar/model';
import { setAttr } from './flatten.ts';
import type { ResourceInfo } from './resource.ts';

export const SEVERITY_NAMES: readonly string[] = [
  'SEVERITY_NUMBER_UNSPECIFIED',
  ...['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'].flatMap((level) =>
    ['', '2', '3', '4'].map((n) => `SEVERITY_NUMBER_${level}${n}`),
  ),
];

export interface LogFields {
  /** Decimal unix nanos, '0' when absent. */
  timeNs: string;
  observedNs: string;
  /** Lowercase hex or ''. */
  traceId: string;
  spanId: string;
  severityText: string;
  severityNumber: number;
  body: string;
  attributes: Attributes;
  eventName: string;
}

/** The row, or a reason string when the record must be rejected. */
export function toLogRow(project: string, f: LogFields, resource: ResourceInfo): LogRow | string {
  if (f.timeNs === '0' && f.observedNs === '0') return 'log record: missing time (time_unix_nano and observed_time_unix_nano are both 0)';
  const a = f.attributes;
  if (f.eventName !== '' && a['event.name'] === undefined) setAttr(a, 'event.name', f.eventName);
  const sev = f.severityNumber;
  return {
    project,
    timeNs: f.timeNs !== '0' ? f.timeNs : f.observedNs,
    observedNs: f.observedNs !== '0' ? f.observedNs : f.timeNs,
    traceId: f.traceId,
    spanId: f.spanId,
    requestId: a['faas.invocation_id'] ?? a['faas.execution'] ?? '',
    function: a['faas.name'] ?? (resource.faasName !== '' ? resource.faasName : resource.service),
    severityText: f.severityText,
    severityNumber: Number.isInteger(sev) && sev >= 0 && sev <= 24 ? sev : 0,
    body: f.body,
    attributes: a,
    resource: resource.attributes,
    source: 'otlp',
  };
}
