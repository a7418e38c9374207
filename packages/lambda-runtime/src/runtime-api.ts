// The platform side of the Lambda Runtime API (2018-06-01) for one instance: the runtime's long poll
// on /invocation/next, its /response, /error and /init/error posts.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLargeError, readBody } from './read-body.ts';

export const MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;
const PREFIX = '/2018-06-01/runtime/';
const INVOCATION = /^invocation\/([^/]+)\/(response|error)$/;

export interface Invocation {
  requestId: string;
  deadlineMs: number;
  invokedFunctionArn: string;
  traceHeader: string;
  clientContext?: string | undefined;
  cognitoIdentity?: string | undefined;
  body: string;
}

export type RuntimeSignal =
  | { kind: 'next' }
  | { kind: 'response'; requestId: string; body: string }
  | { kind: 'error'; requestId: string; errorType: string; body: string }
  | { kind: 'init-error'; errorType: string; body: string };

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function errorType(req: IncomingMessage, body: string): string {
  const header = req.headers['lambda-runtime-function-error-type'];
  if (typeof header === 'string' && header !== '') return header;
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === 'object' && parsed !== null && 'errorType' in parsed && typeof parsed.errorType === 'string') return parsed.errorType;
  } catch {
    // not JSON: unknown type
  }
  return 'Unhandled';
}

export class RuntimeApi {
  private waiting: ServerResponse | null = null;
  private queued: Invocation | null = null;
  private readonly open = new Set<string>();

  constructor(private readonly onSignal: (signal: RuntimeSignal) => void) {}

  /** The runtime is holding a /next request: it is ready for an invocation. */
  get isWaiting(): boolean {
    return this.waiting !== null;
  }

  static handles(path: string): boolean {
    return path.startsWith(PREFIX);
  }

  /** Hand an invocation to the runtime: answers its waiting /next, or the next one it makes. */
  deliver(invocation: Invocation): void {
    this.open.add(invocation.requestId);
    if (this.waiting !== null) {
      const res = this.waiting;
      this.waiting = null;
      this.send(res, invocation);
    } else {
      this.queued = invocation;
    }
  }

  async handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const route = path.slice(PREFIX.length);
    if (route === 'invocation/next' && req.method === 'GET') return this.next(req, res);
    if (route === 'init/error' && req.method === 'POST') {
      const body = await readBody(req, MAX_PAYLOAD_BYTES);
      json(res, 202, { status: 'OK' });
      this.onSignal({ kind: 'init-error', errorType: errorType(req, body), body });
      return;
    }
    const m = INVOCATION.exec(route);
    if (m && req.method === 'POST') {
      const requestId = decodeURIComponent(m[1] ?? '');
      if (!this.open.has(requestId)) {
        json(res, 400, { errorMessage: `Invalid request ID: ${requestId}`, errorType: 'InvalidRequestID' });
        return;
      }
      let body: string;
      try {
        body = await readBody(req, MAX_PAYLOAD_BYTES);
      } catch (error) {
        if (!(error instanceof BodyTooLargeError)) throw error;
        json(res, 413, { errorMessage: 'Payload too large', errorType: 'RequestEntityTooLarge' });
        this.open.delete(requestId);
        const message = `Response payload size exceeded maximum allowed payload size (${MAX_PAYLOAD_BYTES} bytes).`;
        this.onSignal({ kind: 'error', requestId, errorType: 'Function.ResponseSizeTooLarge', body: JSON.stringify({ errorMessage: message, errorType: 'Function.ResponseSizeTooLarge' }) });
        return;
      }
      this.open.delete(requestId);
      json(res, 202, { status: 'OK' });
      if (m[2] === 'response') this.onSignal({ kind: 'response', requestId, body });
      else this.onSignal({ kind: 'error', requestId, errorType: errorType(req, body), body });
      return;
    }
    json(res, 404, { errorMessage: `Unknown runtime API path ${path}`, errorType: 'InvalidRequest' });
  }

  private next(req: IncomingMessage, res: ServerResponse): void {
    const queued = this.queued;
    if (queued !== null) {
      this.queued = null;
      this.send(res, queued);
      return;
    }
    this.waiting = res;
    // On the response, not the keep-alive socket: a socket listener would pile up, one per /next.
    res.once('close', () => {
      if (this.waiting === res) this.waiting = null;
    });
    this.onSignal({ kind: 'next' });
  }

  private send(res: ServerResponse, inv: Invocation): void {
    const headers: Record<string, string | number> = {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(inv.body),
      'lambda-runtime-aws-request-id': inv.requestId,
      'lambda-runtime-deadline-ms': inv.deadlineMs,
      'lambda-runtime-invoked-function-arn': inv.invokedFunctionArn,
      'lambda-runtime-trace-id': inv.traceHeader,
    };
    if (inv.clientContext !== undefined) headers['lambda-runtime-client-context'] = inv.clientContext;
    if (inv.cognitoIdentity !== undefined) headers['lambda-runtime-cognito-identity'] = inv.cognitoIdentity;
    res.writeHead(200, headers);
    res.end(inv.body);
  }
}
