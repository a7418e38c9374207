// Lambda's text-format platform lines, byte for byte as CloudWatch Logs receives them (the trailing
// newline is part of each message).

function fixed2(ms: number): string {
  return ms.toFixed(2);
}

export function initStartLine(runtimeVersion: string, runtimeVersionArn: string): string {
  return `INIT_START Runtime Version: ${runtimeVersion}\tRuntime Version ARN: ${runtimeVersionArn}\n`;
}

export function initReportErrorLine(initDurationMs: number, errorType: string): string {
  return `INIT_REPORT Init Duration: ${fixed2(initDurationMs)} ms\tPhase: init\tStatus: error\tError Type: ${errorType}\n`;
}

export function startLine(requestId: string, version: string): string {
  return `START RequestId: ${requestId} Version: ${version}\n`;
}

export function endLine(requestId: string): string {
  return `END RequestId: ${requestId}\n`;
}

export interface ReportSpec {
  requestId: string;
  durationMs: number;
  billedDurationMs: number;
  memorySizeMb: number;
  maxMemoryUsedMb: number;
  initDurationMs?: number | undefined;
  status?: 'timeout' | 'error' | undefined;
  errorType?: string | undefined;
}

export function reportLine(r: ReportSpec): string {
  let line =
    `REPORT RequestId: ${r.requestId}\tDuration: ${fixed2(r.durationMs)} ms\tBilled Duration: ${r.billedDurationMs} ms\t` +
    `Memory Size: ${r.memorySizeMb} MB\tMax Memory Used: ${r.maxMemoryUsedMb} MB\t`;
  if (r.initDurationMs !== undefined) line += `Init Duration: ${fixed2(r.initDurationMs)} ms\t`;
  if (r.status !== undefined) {
    line += `Status: ${r.status}`;
    if (r.errorType !== undefined) line += `\tError Type: ${r.errorType}`;
  }
  return `${line}\n`;
}

/** The older timeout line: "<iso> <requestId> Task timed out after 3.00 seconds". */
export function timeoutLine(nowMs: number, requestId: string, timeoutSeconds: number): string {
  return `${new Date(nowMs).toISOString()} ${requestId} Task timed out after ${fixed2(timeoutSeconds)} seconds\n`;
}

/** "RequestId: <id> Error: Runtime exited with error: signal: killed\nRuntime.ExitError" */
export function runtimeExitLine(requestId: string, reason: string, errorType: string): string {
  return `RequestId: ${requestId} Error: ${reason}\n${errorType}\n`;
}
