// Public types: a function's configuration, an invocation's result, a log event.

export type Architecture = 'x86_64' | 'arm64';

export interface FunctionConfig {
  name: string;
  /** "file.export" relative to codeDir, as _HANDLER. */
  handler: string;
  /** LAMBDA_TASK_ROOT: the directory holding the function's code. */
  codeDir: string;
  memoryMb?: number;
  timeoutSeconds?: number;
  environment?: Record<string, string>;
  version?: string;
  region?: string;
  architecture?: Architecture;
  /** Path of an executable wrapper; same as setting AWS_LAMBDA_EXEC_WRAPPER in environment. */
  execWrapper?: string;
  /** Reserved concurrency: invocations beyond this many at once are throttled (429), as in Lambda. */
  reservedConcurrency?: number;
  /** External extensions: executables, or .js/.mjs/.cjs files run by node (as /opt/extensions/*). */
  extensions?: string[];
  /** Extra environment for each new sandbox, called once per sandbox. Lambda isolates every sandbox's
   * network; local sandboxes share the host's, so what must differ per sandbox (a port an extension
   * listens on) is set here. */
  sandboxEnvironment?: () => Record<string, string>;
}

export interface InvokeOptions {
  /** Client context as the SDK sends it (an object, JSON-encoded into Lambda-Runtime-Client-Context). */
  clientContext?: unknown;
  cognitoIdentity?: unknown;
  /** An incoming X-Amzn-Trace-Id (Root=...;Parent=...;Sampled=...); a new one is made otherwise. */
  traceHeader?: string;
  /** Use this request id instead of a new one (an Event invocation's id is known before it runs). */
  requestId?: string;
}

/** How an invocation ended (the invocations table's status words). */
export type InvokeStatus = 'success' | 'error' | 'timeout' | 'crash' | 'out_of_memory' | 'init_error' | 'throttled';

export interface InvokeResult {
  requestId: string;
  /** The Invoke API's status code: 200 even when the function failed (see functionError); 429 when throttled. */
  statusCode: number;
  /** The function's response, JSON-parsed when it is JSON, else the raw text. */
  payload: unknown;
  /** The response bytes exactly as the runtime posted them (or the platform's error JSON). */
  payloadText: string;
  /** "Unhandled" when the function or runtime failed (X-Amz-Function-Error). */
  functionError?: string;
  status: InvokeStatus;
  errorType?: string;
  durationMs: number;
  billedDurationMs: number;
  initDurationMs?: number;
  maxMemoryUsedMb: number;
  coldStart: boolean;
  logStreamName: string;
  executedVersion: string;
}

/** One CloudWatch Logs event: a platform line or one line of the function's output, with its
 * trailing newline as CloudWatch stores it (a Node.js record's own newlines are kept inside). */
export interface LogEvent {
  /** ms since the epoch. */
  timestamp: number;
  message: string;
}

export type LogListener = (functionName: string, logStreamName: string, event: LogEvent) => void;
