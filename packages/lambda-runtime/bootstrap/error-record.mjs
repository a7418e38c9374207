// Errors as the Node.js runtime reports them: the Runtime API error body ({errorType, errorMessage,
// trace}) and the log record's JSON ({errorType, errorMessage, stack}).

/** A named error of the runtime itself (Runtime.ImportModuleError, Runtime.HandlerNotFound, ...). */
export class RuntimeError extends Error {
  constructor(errorType, message, cause) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = errorType;
  }
}

function errorType(error) {
  if (error instanceof Error) return error.name || error.constructor?.name || 'Error';
  return typeof error === 'object' && error !== null && typeof error.errorType === 'string' ? error.errorType : 'Error';
}

function errorMessage(error) {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}

function stackLines(error) {
  return error instanceof Error && typeof error.stack === 'string' ? error.stack.split('\n') : [];
}

/** Body posted to /invocation/{id}/error and /init/error. */
export function toRuntimeResponse(error) {
  return { errorType: errorType(error), errorMessage: errorMessage(error), trace: stackLines(error) };
}

/** JSON of an "Invoke Error" / "Uncaught Exception" log record. */
export function toLogRecord(error) {
  return JSON.stringify({ errorType: errorType(error), errorMessage: errorMessage(error), stack: stackLines(error) });
}

/** The "Unhandled Promise Rejection" record: the reason wrapped in Runtime.UnhandledPromiseRejection. */
export function unhandledRejection(reason) {
  const wrapped = new RuntimeError('Runtime.UnhandledPromiseRejection', `${errorType(reason)}: ${errorMessage(reason)}`);
  return wrapped;
}
