// What one Lambda log line (or one Telemetry API event) says, whichever format it came in.
import type { Attributes } from '@nightjar/model';

/** Fields of a REPORT line / platform.report record; null when absent. Durations ms, memory MB. */
export interface ReportFields {
  durationMs: number | null;
  billedDurationMs: number | null;
  memorySizeMb: number | null;
  maxMemoryUsedMb: number | null;
  initDurationMs: number | null;
  restoreDurationMs: number | null;
  billedRestoreDurationMs: number | null;
  /** Status word as written (success, error, failure, timeout), null when the line has none. */
  status: string | null;
  errorType: string | null;
  /** X-Ray trace of the invocation as an OTel 32-hex id. */
  traceId: string | null;
}

/** An error the function's runtime reported. Strong: a runtime's own error record (the invocation
 * failed). Weak: an ERROR-level record shaped like an error, which application code may also write. */
export interface AppError {
  errorType: string | null;
  errorMessage: string | null;
  strong: boolean;
}

export type AppFormat = 'node' | 'python' | 'json' | 'plain';

export interface StartLine {
  kind: 'start';
  requestId: string;
  version: string | null;
  traceId: string | null;
}
export interface EndLine {
  kind: 'end';
  requestId: string;
}
export interface ReportLine {
  kind: 'report';
  requestId: string;
  report: ReportFields;
}
/** platform.runtimeDone (JSON format, Telemetry API). */
export interface RuntimeDoneLine {
  kind: 'runtime-done';
  requestId: string;
  status: string | null;
  errorType: string | null;
  traceId: string | null;
}
export interface InitStartLine {
  kind: 'init-start';
  runtimeVersion: string | null;
  runtimeVersionArn: string | null;
  /** on-demand | provisioned-concurrency | snap-start, when known (JSON only). */
  initType: string | null;
}
/** INIT_REPORT, platform.initReport and platform.initRuntimeDone. */
export interface InitReportLine {
  kind: 'init-report';
  initDurationMs: number | null;
  phase: string | null;
  status: string | null;
  errorType: string | null;
  initType: string | null;
}
export interface RestoreStartLine {
  kind: 'restore-start';
  runtimeVersion: string | null;
}
/** RESTORE_REPORT, platform.restoreReport and platform.restoreRuntimeDone. */
export interface RestoreReportLine {
  kind: 'restore-report';
  restoreDurationMs: number | null;
  status: string | null;
  errorType: string | null;
}
/** "<iso> <requestId> Task timed out after 3.00 seconds" (the older timeout style). */
export interface TimeoutLine {
  kind: 'timeout';
  requestId: string | null;
  seconds: number | null;
}
/** "RequestId: <id> Error: Runtime exited with error: signal: killed\nRuntime.ExitError". */
export interface RuntimeExitLine {
  kind: 'runtime-exit';
  requestId: string | null;
  errorType: string | null;
  errorMessage: string;
}
/** Other platform records: EXTENSION, TELEMETRY/LOGS subscriptions, platform.logsDropped, ... */
export interface PlatformOtherLine {
  kind: 'platform-other';
  /** Telemetry API type name, e.g. "platform.extension". */
  type: string;
}
/** A line written by the function (or an extension): runtime-formatted text or structured JSON. */
export interface AppLine {
  kind: 'app';
  format: AppFormat;
  requestId: string | null;
  /** Level as written (INFO, WARNING, 30...), null when the line has none. */
  level: string | number | null;
  body: string;
  attributes: Attributes;
  traceId: string | null;
  error: AppError | null;
}

export type ParsedLine =
  | StartLine
  | EndLine
  | ReportLine
  | RuntimeDoneLine
  | InitStartLine
  | InitReportLine
  | RestoreStartLine
  | RestoreReportLine
  | TimeoutLine
  | RuntimeExitLine
  | PlatformOtherLine
  | AppLine;

/** The request id a line names itself, if any. */
export function explicitRequestId(line: ParsedLine): string | null {
  switch (line.kind) {
    case 'start':
    case 'end':
    case 'report':
    case 'runtime-done':
      return line.requestId;
    case 'timeout':
    case 'runtime-exit':
    case 'app':
      return line.requestId;
    default:
      return null;
  }
}

/** The Telemetry API event type a line corresponds to (the lambda.log.type attribute of its log row). */
export function logTypeOf(line: ParsedLine): string {
  switch (line.kind) {
    case 'start':
      return 'platform.start';
    case 'end':
      return 'platform.end';
    case 'report':
      return 'platform.report';
    case 'runtime-done':
      return 'platform.runtimeDone';
    case 'init-start':
      return 'platform.initStart';
    case 'init-report':
      return 'platform.initReport';
    case 'restore-start':
      return 'platform.restoreStart';
    case 'restore-report':
      return 'platform.restoreReport';
    case 'timeout':
      return 'platform.timeout';
    case 'runtime-exit':
      return 'platform.fault';
    case 'platform-other':
      return line.type;
    case 'app':
      return 'function';
  }
}
