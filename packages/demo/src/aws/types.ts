// The contracts of the demo's local AWS: a parsed signed request, a response, a service that
// answers one SigV4 service name, and the Lambda invoker the event sources deliver through.

export const ACCOUNT_ID = '123456789012';
export const REGION = 'us-east-1';

export interface AwsRequest {
  method: string;
  /** Path without the query string, percent-decoded segments left as sent. */
  path: string;
  query: URLSearchParams;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body: Buffer;
  /** The SigV4 credential scope's service name (sqs, sns, events, dynamodb, kinesis, s3, lambda). */
  service: string;
  region: string;
}

export interface AwsResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface AwsService {
  /** The SigV4 service name this service answers. */
  readonly name: string;
  handle(req: AwsRequest): Promise<AwsResponse> | AwsResponse;
  /** Stop pollers and timers. */
  close?(): Promise<void> | void;
}

/** How a synchronous invocation ended, as an event source mapping sees it. */
export interface InvokeOutcome {
  requestId: string;
  /** success, or the failure kind: error, timeout, crash, out_of_memory, init_error, throttled. */
  status: string;
  /** The function's response (JSON-parsed when JSON). */
  payload: unknown;
  /** The Invoke API's status code (200, 429 when throttled). */
  statusCode: number;
  /** "Unhandled" when the function failed. */
  functionError?: string;
  executedVersion: string;
}

export interface InvokeRequestOptions {
  /** Use this request id (an Event invocation's id is returned before it runs). */
  requestId?: string;
  /** X-Amzn-Trace-Id to pass on. */
  traceHeader?: string;
  clientContext?: unknown;
}

/** The local Lambda, seen from the event sources and the Lambda Invoke API. */
export interface LambdaInvoker {
  /** RequestResponse: runs the function and resolves when it ends (never rejects for function errors). */
  invoke(functionName: string, event: unknown, opts?: InvokeRequestOptions): Promise<InvokeOutcome>;
  /** Whether a function of this name exists. */
  has(functionName: string): boolean;
}

export const arn = (service: string, resource: string): string => `arn:aws:${service}:${REGION}:${ACCOUNT_ID}:${resource}`;
