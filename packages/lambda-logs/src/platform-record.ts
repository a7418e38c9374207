// Platform records in the Telemetry API schema ({ time, type, record }), which is also what Lambda
// writes to CloudWatch for system logs in the JSON log format.
import type { ParsedLine, ReportFields } from './parsed-line.ts';
import { isJsonObject } from './json-app-line.ts';
import type { JsonObject } from './json-app-line.ts';
import { metricNumber } from './units.ts';
import { traceIdFromAmznTraceHeader } from './xray.ts';

export type RecordResult = { line: ParsedLine } | { reason: string };

function str(obj: JsonObject, key: string): string | null {
  const value = obj[key];
  return typeof value === 'string' && value !== '' ? value : null;
}

function lower(obj: JsonObject, key: string): string | null {
  return str(obj, key)?.toLowerCase() ?? null;
}

function traceOf(obj: JsonObject): string | null {
  const tracing = obj['tracing'];
  if (!isJsonObject(tracing) || typeof tracing['value'] !== 'string') return null;
  return traceIdFromAmznTraceHeader(tracing['value']);
}

function metricsOf(obj: JsonObject): JsonObject {
  const metrics = obj['metrics'];
  return isJsonObject(metrics) ? metrics : {};
}

function requireRequestId(type: string, record: JsonObject): string | { reason: string } {
  const requestId = str(record, 'requestId');
  return requestId ?? { reason: `${type} record has no requestId` };
}

function reportFields(record: JsonObject): ReportFields {
  const m = metricsOf(record);
  return {
    durationMs: metricNumber(m['durationMs']),
    billedDurationMs: metricNumber(m['billedDurationMs']),
    memorySizeMb: metricNumber(m['memorySizeMB']),
    maxMemoryUsedMb: metricNumber(m['maxMemoryUsedMB']),
    initDurationMs: metricNumber(m['initDurationMs']),
    restoreDurationMs: metricNumber(m['restoreDurationMs']),
    billedRestoreDurationMs: metricNumber(m['billedRestoreDurationMs']),
    status: lower(record, 'status'),
    errorType: str(record, 'errorType'),
    traceId: traceOf(record),
  };
}

/** The line a platform.* record stands for, or why it cannot be read. */
export function platformRecordToLine(type: string, record: unknown): RecordResult {
  if (!isJsonObject(record)) {
    // Records that are only informative may be anything; the ones that carry data must be objects.
    if (type === 'platform.extension' || type === 'platform.telemetrySubscription' || type === 'platform.logsDropped') {
      return { line: { kind: 'platform-other', type } };
    }
    if (!type.startsWith('platform.') || KNOWN.has(type)) return { reason: `${type} record is not an object` };
    return { line: { kind: 'platform-other', type } };
  }
  switch (type) {
    case 'platform.initStart':
      return {
        line: {
          kind: 'init-start',
          runtimeVersion: str(record, 'runtimeVersion'),
          runtimeVersionArn: str(record, 'runtimeVersionArn'),
          initType: lower(record, 'initializationType'),
        },
      };
    case 'platform.initRuntimeDone':
    case 'platform.initReport':
      return {
        line: {
          kind: 'init-report',
          initDurationMs: type === 'platform.initReport' ? metricNumber(metricsOf(record)['durationMs']) : null,
          phase: lower(record, 'phase'),
          status: lower(record, 'status'),
          errorType: str(record, 'errorType'),
          initType: lower(record, 'initializationType'),
        },
      };
    case 'platform.start': {
      const requestId = requireRequestId(type, record);
      if (typeof requestId !== 'string') return requestId;
      return { line: { kind: 'start', requestId, version: str(record, 'version'), traceId: traceOf(record) } };
    }
    case 'platform.runtimeDone': {
      const requestId = requireRequestId(type, record);
      if (typeof requestId !== 'string') return requestId;
      return {
        line: {
          kind: 'runtime-done',
          requestId,
          status: lower(record, 'status'),
          errorType: str(record, 'errorType'),
          traceId: traceOf(record),
        },
      };
    }
    case 'platform.report': {
      const requestId = requireRequestId(type, record);
      if (typeof requestId !== 'string') return requestId;
      return { line: { kind: 'report', requestId, report: reportFields(record) } };
    }
    case 'platform.restoreStart':
      return { line: { kind: 'restore-start', runtimeVersion: str(record, 'runtimeVersion') } };
    case 'platform.restoreRuntimeDone':
    case 'platform.restoreReport':
      return {
        line: {
          kind: 'restore-report',
          restoreDurationMs: type === 'platform.restoreReport' ? metricNumber(metricsOf(record)['durationMs']) : null,
          status: lower(record, 'status'),
          errorType: str(record, 'errorType'),
        },
      };
    case 'platform.end': {
      const requestId = str(record, 'requestId');
      return requestId === null ? { reason: 'platform.end record has no requestId' } : { line: { kind: 'end', requestId } };
    }
    default:
      return { line: { kind: 'platform-other', type } };
  }
}

const KNOWN = new Set([
  'platform.initStart',
  'platform.initRuntimeDone',
  'platform.initReport',
  'platform.start',
  'platform.runtimeDone',
  'platform.report',
  'platform.restoreStart',
  'platform.restoreRuntimeDone',
  'platform.restoreReport',
  'platform.end',
]);
