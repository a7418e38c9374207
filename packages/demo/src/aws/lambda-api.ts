// Local Lambda Invoke API (REST JSON): POST /2015-03-31/functions/{FunctionName}/invocations, as
// the SDK's InvokeCommand calls it. FunctionName is a name, a partial ARN (123456789012:function:f)
// or an ARN, optionally with a :qualifier (or ?Qualifier=); only $LATEST is served.
// X-Amz-Invocation-Type:
// - RequestResponse (default): 200 with the function's response; X-Amz-Function-Error: Unhandled
//   and the error object when it failed; X-Amz-Executed-Version; x-amzn-RequestId is the
//   invocation's request id. A throttled invocation answers 429 TooManyRequestsException.
// - Event: 202 at once, x-amzn-RequestId the request id the queued invocation will run with.
// - DryRun: 204.
// Unknown functions answer 404 ResourceNotFoundException. Errors carry x-amzn-ErrorType and the
// { Type, Message | message } bodies Lambda sends. X-Amzn-Trace-Id and X-Amz-Client-Context are
// passed on to the invocation.
import type { AsyncInvoker } from './async-invoke.ts';
import { requestId } from './protocol.ts';
import type { AwsRequest, AwsResponse, AwsService, InvokeRequestOptions, LambdaInvoker } from './types.ts';
import { ACCOUNT_ID, REGION } from './types.ts';

export interface LambdaApiOptions {
  invoker: LambdaInvoker;
  asyncInvoker: AsyncInvoker;
}

const MAX_SYNC_PAYLOAD = 6_291_456;
const MAX_ASYNC_PAYLOAD = 1_048_576;
const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations\/?$/;

function lambdaError(status: number, type: string, body: Record<string, unknown>, headers: Record<string, string> = {}): AwsResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId(), 'x-amzn-errortype': type, ...headers },
    body: JSON.stringify(body),
  };
}

const functionArn = (name: string, qualifier?: string): string =>
  `arn:aws:lambda:${REGION}:${ACCOUNT_ID}:function:${name}${qualifier !== undefined ? `:${qualifier}` : ''}`;

const notFound = (name: string, qualifier?: string): AwsResponse =>
  lambdaError(404, 'ResourceNotFoundException', { Type: 'User', Message: `Function not found: ${functionArn(name, qualifier)}` });

const invalidParameter = (message: string): AwsResponse => lambdaError(400, 'InvalidParameterValueException', { Type: 'User', message });

/** The function name and qualifier of a FunctionName path parameter; undefined when malformed. */
export function parseFunctionName(ref: string): { name: string; qualifier?: string; account?: string; region?: string } | undefined {
  const withQualifier = (name: string | undefined, qualifier: string | undefined, extra: { account?: string; region?: string } = {}) => {
    if (name === undefined || !/^[A-Za-z0-9_-]{1,64}$/.test(name)) return undefined;
    if (qualifier !== undefined && !/^(\$LATEST|[A-Za-z0-9_-]{1,128})$/.test(qualifier)) return undefined;
    return { name, ...(qualifier !== undefined ? { qualifier } : {}), ...extra };
  };
  let m = /^arn:aws[a-z-]*:lambda:([a-z0-9-]+):(\d{12}):function:([^:]+)(?::([^:]+))?$/.exec(ref);
  if (m !== null) return withQualifier(m[3], m[4], { region: m[1] ?? '', account: m[2] ?? '' });
  m = /^(\d{12}):function:([^:]+)(?::([^:]+))?$/.exec(ref);
  if (m !== null) return withQualifier(m[2], m[3], { account: m[1] ?? '' });
  m = /^([^:]+)(?::([^:]+))?$/.exec(ref);
  if (m !== null) return withQualifier(m[1], m[2]);
  return undefined;
}

function clientContext(header: string | undefined): unknown {
  if (header === undefined || header === '') return undefined;
  try {
    return JSON.parse(Buffer.from(header, 'base64').toString('utf8'));
  } catch {
    return undefined;
  }
}

export function createLambdaApi(opts: LambdaApiOptions): AwsService {
  async function invoke(req: AwsRequest, rawName: string): Promise<AwsResponse> {
    let decoded: string;
    try {
      decoded = decodeURIComponent(rawName);
    } catch {
      decoded = rawName;
    }
    const ref = parseFunctionName(decoded);
    if (ref === undefined) {
      return lambdaError(400, 'ValidationException', {
        message: `1 validation error detected: Value '${decoded}' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?`,
      });
    }
    const queryQualifier = req.query.get('Qualifier') ?? undefined;
    if (ref.qualifier !== undefined && queryQualifier !== undefined && ref.qualifier !== queryQualifier)
      return invalidParameter('The derived qualifier from the function name does not match the specified qualifier.');
    const qualifier = ref.qualifier ?? queryQualifier;
    if ((ref.account !== undefined && ref.account !== ACCOUNT_ID) || (ref.region !== undefined && ref.region !== REGION)) return notFound(ref.name, qualifier);
    if (!opts.invoker.has(ref.name) || (qualifier !== undefined && qualifier !== '$LATEST')) return notFound(ref.name, qualifier);

    const type = req.headers['x-amz-invocation-type'] ?? 'RequestResponse';
    if (type !== 'RequestResponse' && type !== 'Event' && type !== 'DryRun') {
      return lambdaError(400, 'ValidationException', {
        message: `1 validation error detected: Value '${type}' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]`,
      });
    }
    if (type === 'DryRun') return { status: 204, headers: { 'x-amzn-requestid': requestId() } };

    const limit = type === 'Event' ? MAX_ASYNC_PAYLOAD : MAX_SYNC_PAYLOAD;
    if (req.body.length > limit) return lambdaError(413, 'RequestTooLargeException', { Type: 'User', message: `Request must be smaller than ${limit} bytes for the InvokeFunction operation` });
    let event: unknown = {};
    if (req.body.length > 0) {
      try {
        event = JSON.parse(req.body.toString('utf8'));
      } catch (err) {
        return lambdaError(400, 'InvalidRequestContentException', { Type: 'User', message: `Could not parse request body into json: Could not parse payload into json: ${err instanceof Error ? err.message : String(err)}` });
      }
    }
    const invokeOpts: InvokeRequestOptions = {};
    const trace = req.headers['x-amzn-trace-id'];
    if (trace !== undefined && trace !== '') invokeOpts.traceHeader = trace;
    const ctx = clientContext(req.headers['x-amz-client-context']);
    if (ctx !== undefined) invokeOpts.clientContext = ctx;

    if (type === 'Event') {
      const id = opts.asyncInvoker.enqueue(ref.name, event, invokeOpts);
      return { status: 202, headers: { 'x-amzn-requestid': id } };
    }

    const out = await opts.invoker.invoke(ref.name, event, invokeOpts);
    if (out.status === 'throttled' || out.statusCode === 429) {
      return lambdaError(
        429,
        'TooManyRequestsException',
        { Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded', Type: 'User', message: 'Rate Exceeded.' },
        { 'x-amzn-requestid': out.requestId, 'retry-after': '1' },
      );
    }
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'x-amzn-requestid': out.requestId,
      'x-amz-executed-version': out.executedVersion,
    };
    if (out.status !== 'success') headers['x-amz-function-error'] = out.functionError ?? 'Unhandled';
    if (trace !== undefined && trace !== '') headers['x-amzn-trace-id'] = trace;
    return { status: out.statusCode >= 200 && out.statusCode < 300 ? out.statusCode : 200, headers, body: JSON.stringify(out.payload ?? null) };
  }

  return {
    name: 'lambda',
    handle(req) {
      const m = INVOKE_PATH.exec(req.path);
      if (m === null || m[1] === undefined) return lambdaError(404, 'UnknownOperationException', { message: `No local Lambda operation for ${req.method} ${req.path}` });
      if (req.method !== 'POST') return lambdaError(405, 'MethodNotAllowed', { message: `${req.method} not allowed` });
      return invoke(req, m[1]);
    },
  };
}
