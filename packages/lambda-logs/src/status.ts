// How Lambda's error types and platform statuses map to the model's invocation statuses.
import { STATUS_RANK } from '@nightjar/model';
import type { InvocationStatus } from '@nightjar/model';

/** Error types Lambda reports when the function could not be initialised. */
const INIT_ERROR_TYPES = new Set([
  'Runtime.ImportModuleError',
  'Runtime.HandlerNotFound',
  'Runtime.MalformedHandlerName',
  'Runtime.UserCodeSyntaxError',
  'Runtime.InvalidEntrypoint',
  'Runtime.BadFunctionCode',
  'Runtime.InitError',
  'Runtime.MissingHandler',
  'Extension.InitError',
]);

/** Error types of a runtime or extension process that died. */
const CRASH_ERROR_TYPES = new Set(['Runtime.ExitError', 'Runtime.Crash', 'Extension.Crash', 'Extension.ExitError']);

/**
 * Status of a failed invocation from its error type. `memoryFull` (Max Memory Used >= Memory Size)
 * turns a process exit (Runtime.ExitError, "signal: killed") into out_of_memory.
 */
export function statusFromErrorType(errorType: string | null, memoryFull: boolean): InvocationStatus {
  if (errorType === null) return memoryFull ? 'out_of_memory' : 'error';
  if (errorType === 'Runtime.OutOfMemory') return 'out_of_memory';
  if (errorType === 'Sandbox.Timedout' || errorType === 'Runtime.Timeout') return 'timeout';
  if (INIT_ERROR_TYPES.has(errorType)) return 'init_error';
  if (CRASH_ERROR_TYPES.has(errorType)) return memoryFull ? 'out_of_memory' : 'crash';
  return 'error';
}

/** True for error types that mean the function never initialised. */
export function isInitErrorType(errorType: string | null): boolean {
  return errorType !== null && INIT_ERROR_TYPES.has(errorType);
}

/**
 * Status of an invocation-phase platform record (REPORT Status, platform.runtimeDone/report status):
 * success | error | failure | timeout. null for an unknown status word.
 */
export function statusFromPlatform(
  status: string | null,
  errorType: string | null,
  memoryFull: boolean,
): InvocationStatus | null {
  switch (status === null ? 'success' : status.toLowerCase()) {
    case 'success':
      return 'success';
    case 'timeout':
      return 'timeout';
    case 'error':
      return statusFromErrorType(errorType, memoryFull);
    case 'failure':
      return errorType === null ? (memoryFull ? 'out_of_memory' : 'crash') : statusFromErrorType(errorType, memoryFull);
    default:
      return null;
  }
}

/** True when an init/restore status word says the phase failed. */
export function isFailedPhase(status: string | null): boolean {
  return status !== null && status.toLowerCase() !== 'success';
}

/** The status that wins the store's merge (highest STATUS_RANK); null loses to anything. */
export function worseStatus(a: InvocationStatus | null, b: InvocationStatus | null): InvocationStatus | null {
  if (a === null) return b;
  if (b === null) return a;
  return STATUS_RANK[b] > STATUS_RANK[a] ? b : a;
}
