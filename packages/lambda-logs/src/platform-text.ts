// Lambda's text-format platform lines: START, END, REPORT (+ XRAY tail), INIT_START, INIT_REPORT,
// RESTORE_START, RESTORE_REPORT, EXTENSION/LOGS/TELEMETRY, the older "Task timed out" line and the
// "RequestId: <id> Error: Runtime exited ..." fault line.
import { parseDurationMs, parseMemoryMb } from './units.ts';
import { firstToken, readFields } from './report-fields.ts';
import { xrayToOtelTraceId } from './xray.ts';
import type { ParsedLine, ReportFields } from './parsed-line.ts';

const TIMEOUT =
  /^(?:\d{4}-\d{2}-\d{2}T[\d:.]{8,18}Z?\s+)?(?:([0-9A-Za-z][0-9A-Za-z-]{0,63})\s+)?Task timed out after\s+(\d{1,7}(?:\.\d{1,6})?)\s*seconds/;
const FAULT_WITH_ID = /^RequestId:\s*(\S{1,128})\s+Error:\s*(.*)$/;
const FAULT_RUNTIME = /^Error:\s*(Runtime exited.*)$/;
const ERROR_TYPE = /^[A-Za-z][\w.]{0,127}$/;

function numberOrNull(value: string | undefined, parse: (text: string) => number | null): number | null {
  return value === undefined ? null : parse(value);
}

function lowerOrNull(value: string | undefined): string | null {
  const token = firstToken(value);
  return token === null ? null : token.toLowerCase();
}

function reportFields(fields: Map<string, string>): ReportFields {
  const xray = firstToken(fields.get('XRAY TraceId'));
  return {
    durationMs: numberOrNull(fields.get('Duration'), parseDurationMs),
    billedDurationMs: numberOrNull(fields.get('Billed Duration'), parseDurationMs),
    memorySizeMb: numberOrNull(fields.get('Memory Size'), parseMemoryMb),
    maxMemoryUsedMb: numberOrNull(fields.get('Max Memory Used'), parseMemoryMb),
    initDurationMs: numberOrNull(fields.get('Init Duration'), parseDurationMs),
    restoreDurationMs: numberOrNull(fields.get('Restore Duration'), parseDurationMs),
    billedRestoreDurationMs: numberOrNull(fields.get('Billed Restore Duration'), parseDurationMs),
    status: lowerOrNull(fields.get('Status')),
    errorType: firstToken(fields.get('Error Type')),
    traceId: xray === null ? null : xrayToOtelTraceId(xray),
  };
}

/** Lines after the first, trimmed, without empty ones. */
function restLines(text: string): string[] {
  return text
    .split(/\r\n|\r|\n/)
    .slice(1)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

function parseFault(text: string): ParsedLine | null {
  const firstLine = text.split(/\r\n|\r|\n/, 1)[0] ?? '';
  let requestId: string | null = null;
  let message: string;
  const withId = FAULT_WITH_ID.exec(firstLine);
  if (withId) {
    requestId = withId[1] ?? null;
    message = (withId[2] ?? '').trim();
  } else {
    const bare = FAULT_RUNTIME.exec(firstLine);
    if (!bare) return null;
    message = (bare[1] ?? '').trim();
  }
  const next = restLines(text)[0];
  const errorType = next !== undefined && ERROR_TYPE.test(next) ? next : null;
  return { kind: 'runtime-exit', requestId, errorType, errorMessage: message };
}

/** The platform line in `text`, or null when it is not one. */
export function parsePlatformText(text: string): ParsedLine | null {
  const head = text.slice(0, 16);
  if (head.startsWith('START RequestId:')) {
    const f = readFields(text);
    const requestId = firstToken(f.get('RequestId'));
    if (requestId === null) return null;
    return { kind: 'start', requestId, version: firstToken(f.get('Version')), traceId: null };
  }
  if (head.startsWith('END RequestId:')) {
    const requestId = firstToken(readFields(text).get('RequestId'));
    return requestId === null ? null : { kind: 'end', requestId };
  }
  if (head.startsWith('REPORT RequestId')) {
    const f = readFields(text);
    const requestId = firstToken(f.get('RequestId'));
    return requestId === null ? null : { kind: 'report', requestId, report: reportFields(f) };
  }
  if (head.startsWith('INIT_START')) {
    const f = readFields(text);
    return {
      kind: 'init-start',
      runtimeVersion: firstToken(f.get('Runtime Version')),
      runtimeVersionArn: firstToken(f.get('Runtime Version ARN')),
      initType: null,
    };
  }
  if (head.startsWith('INIT_REPORT')) {
    const f = readFields(text);
    return {
      kind: 'init-report',
      initDurationMs: numberOrNull(f.get('Init Duration'), parseDurationMs),
      phase: lowerOrNull(f.get('Phase')),
      status: lowerOrNull(f.get('Status')),
      errorType: firstToken(f.get('Error Type')),
      initType: null,
    };
  }
  if (head.startsWith('RESTORE_START')) {
    return { kind: 'restore-start', runtimeVersion: firstToken(readFields(text).get('Runtime Version')) };
  }
  if (head.startsWith('RESTORE_REPORT')) {
    const f = readFields(text);
    return {
      kind: 'restore-report',
      restoreDurationMs: numberOrNull(f.get('Restore Duration'), parseDurationMs),
      status: lowerOrNull(f.get('Status')),
      errorType: firstToken(f.get('Error Type')),
    };
  }
  if (head.startsWith('EXTENSION\t') || head.startsWith('EXTENSION Name')) {
    return { kind: 'platform-other', type: 'platform.extension' };
  }
  if (head.startsWith('TELEMETRY\t') || head.startsWith('LOGS\t')) {
    return { kind: 'platform-other', type: 'platform.telemetrySubscription' };
  }
  const timeout = TIMEOUT.exec(text.slice(0, 200));
  if (timeout) {
    const seconds = Number(timeout[2]);
    return { kind: 'timeout', requestId: timeout[1] ?? null, seconds: Number.isFinite(seconds) ? seconds : null };
  }
  if (head.startsWith('RequestId:') || head.startsWith('Error: Runtime')) return parseFault(text);
  return null;
}
