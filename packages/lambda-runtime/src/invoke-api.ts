// The Lambda Invoke HTTP API (POST /2015-03-31/functions/{name}/invocations) in front of a
// LocalLambda, so the AWS SDK's LambdaClient (endpoint: this server's URL) invokes local functions:
// RequestResponse, Event (202, run in the background) and DryRun (204) invocation types.
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { readBody, BodyTooLargeError } from './read-body.ts';
import { MAX_PAYLOAD_BYTES } from './runtime-api.ts';
import type { LocalLambda } from './local-lambda.ts';
import type { InvokeOptions } from './types.ts';

const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;
const EVENT_PAYLOAD_BYTES = 256 * 1024;

export interface InvokeApiServer {
  /** "http://127.0.0.1:<port>": the endpoint to give LambdaClient. */
  url: string;
  close(): Promise<void>;
}

/** "my-fn", "my-fn:live", "123456789012:function:my-fn", full ARNs -> [name, qualifier]. */
export function functionNameOf(raw: string): [string, string | undefined] {
  const parts = decodeURIComponent(raw).split(':');
  const at = parts.indexOf('function');
  const rest = at >= 0 ? parts.slice(at + 1) : parts;
  return [rest[0] ?? '', rest[1]];
}

function awsError(res: ServerResponse, status: number, type: string, message: string): void {
  const body = JSON.stringify({ Type: 'User', message });
  res.writeHead(status, { 'content-type': 'application/json', 'x-amzn-errortype': type, 'x-amzn-requestid': randomUUID(), 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return typeof v === 'string' ? v : undefined;
}

function decodeClientContext(value: string | undefined): unknown {
  if (value === undefined) return undefined;
  try {
    return JSON.parse(Buffer.from(value, 'base64').toString('utf8'));
  } catch {
    return undefined;
  }
}

async function handle(lambda: LocalLambda, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = (req.url ?? '/').split('?', 1)[0] ?? '/';
  const m = INVOKE_PATH.exec(path);
  if (!m || req.method !== 'POST') return awsError(res, 404, 'UnknownOperationException', `Unknown operation ${req.method} ${path}`);
  const [name, qualifierInPath] = functionNameOf(m[1] ?? '');
  const qualifier = new URL(req.url ?? '/', 'http://x').searchParams.get('Qualifier') ?? qualifierInPath;
  const config = lambda.getFunction(name);
  if (!config || (qualifier !== undefined && qualifier !== '$LATEST' && qualifier !== config.version)) {
    return awsError(res, 404, 'ResourceNotFoundException', `Function not found: arn:aws:lambda:${config?.region ?? 'us-east-1'}:123456789012:function:${name}${qualifier ? `:${qualifier}` : ''}`);
  }
  const type = header(req, 'x-amz-invocation-type') ?? 'RequestResponse';
  let body: string;
  try {
    body = await readBody(req, type === 'Event' ? EVENT_PAYLOAD_BYTES : MAX_PAYLOAD_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return awsError(res, 413, 'RequestTooLargeException', 'Request must be smaller than the payload limit for the invocation type.');
    throw error;
  }
  let event: unknown;
  try {
    event = body === '' ? {} : JSON.parse(body);
  } catch {
    return awsError(res, 400, 'InvalidRequestContentException', 'Could not parse request body into json');
  }
  const opts: InvokeOptions = {};
  const clientContext = decodeClientContext(header(req, 'x-amz-client-context'));
  if (clientContext !== undefined) opts.clientContext = clientContext;
  const trace = header(req, 'x-amzn-trace-id');
  if (trace !== undefined) opts.traceHeader = trace;
  if (type === 'DryRun') {
    res.writeHead(204, { 'x-amzn-requestid': randomUUID() }).end();
    return;
  }
  if (type === 'Event') {
    const requestId = randomUUID();
    res.writeHead(202, { 'x-amzn-requestid': requestId, 'content-length': 0 }).end();
    lambda.invoke(name, event, { ...opts, requestId }).catch(() => undefined);
    return;
  }
  if (type !== 'RequestResponse') return awsError(res, 400, 'InvalidParameterValueException', `Unsupported invocation type ${type}`);
  const result = await lambda.invoke(name, event, opts);
  if (result.status === 'throttled') return awsError(res, 429, 'TooManyRequestsException', 'Rate Exceeded.');
  const payload = result.payloadText;
  const headers: Record<string, string | number> = {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(payload),
    'x-amzn-requestid': result.requestId,
    'x-amz-executed-version': result.executedVersion,
  };
  if (result.functionError !== undefined) headers['x-amz-function-error'] = result.functionError;
  res.writeHead(200, headers);
  res.end(payload);
}

export async function startInvokeApi(lambda: LocalLambda, options: { host?: string; port?: number } = {}): Promise<InvokeApiServer> {
  const server: Server = createServer((req, res) => {
    handle(lambda, req, res).catch((error: unknown) => {
      if (!res.headersSent) awsError(res, 500, 'ServiceException', String(error));
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  return {
    url: `http://${address}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
