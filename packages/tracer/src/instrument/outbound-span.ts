// The CLIENT span of one outbound HTTP request inside an invocation: method, scrubbed URL, server,
// status, duration, error; AWS API calls are named and described by AwsTracker. The transports
// (http.ts, fetch.ts) call the handle's methods inside try/catch.
import { maskSecrets } from '../scrub/mask-string.ts';
import { maskQuery } from '../triggers/http.ts';
import { currentInvocation, startChildSpan } from '../wrap/current.ts';
import type { ChildSpan } from '../wrap/invocation.ts';
import { recogniseAws } from './aws-recognise.ts';
import { AwsTracker } from './aws.ts';
import { isIgnored } from './ignore.ts';
import { mayPropagate, traceparent, type HeaderLookup } from './propagation.ts';

export interface OutboundTarget {
  method: string;
  protocol: 'http:' | 'https:';
  host: string;
  port: number;
  /** Path and query. */
  path: string;
  header: HeaderLookup;
}

export interface OutboundHandle {
  /** The header value to add to the request, or undefined (AWS, or already present). */
  readonly traceparent: string | undefined;
  /** Whether the transport should pass the request body chunks. */
  readonly wantsRequestBody: boolean;
  requestBody(chunk: unknown, encoding?: unknown): void;
  /** Returns whether the transport should pass the response body chunks. */
  response(status: number, headers: Record<string, string>): boolean;
  responseBody(chunk: unknown): void;
  end(): void;
  error(err: unknown): void;
}

export type StartOutbound = (target: OutboundTarget) => OutboundHandle | undefined;

function urlFull(t: OutboundTarget): string {
  const defaultPort = t.protocol === 'https:' ? 443 : 80;
  const host = t.host.includes(':') && !t.host.startsWith('[') ? `[${t.host}]` : t.host;
  const q = t.path.indexOf('?');
  const path = q < 0 ? t.path : `${t.path.slice(0, q)}?${maskQuery(t.path.slice(q + 1))}`;
  return maskSecrets(`${t.protocol}//${host}${t.port === defaultPort ? '' : `:${t.port}`}${path}`);
}

function origin(t: OutboundTarget): string {
  const host = t.host.includes(':') && !t.host.startsWith('[') ? `[${t.host}]` : t.host;
  const defaultPort = t.protocol === 'https:' ? 443 : 80;
  return `${t.protocol}//${host.toLowerCase()}${t.port === defaultPort ? '' : `:${t.port}`}`;
}

/** Starts the span, or undefined outside an invocation and for the Nightjar endpoint. */
export const startOutbound: StartOutbound = (t) => {
  if (currentInvocation.getStore() === undefined || isIgnored(origin(t))) return undefined;
  const call = recogniseAws({ method: t.method, host: t.host, path: t.path, header: t.header });
  const aws = call !== undefined ? new AwsTracker(call) : undefined;
  const method = t.method.toUpperCase();
  const span = startChildSpan(aws?.name ?? `${method} ${t.host}`, 'client', {
    'http.request.method': method,
    'url.full': urlFull(t),
    'server.address': t.host,
    'server.port': t.port,
  });
  const tp = aws === undefined && mayPropagate(t.host, t.header) ? traceparent(span.traceId, span.spanId) : undefined;
  return new Outbound(span, aws, tp);
};

class Outbound implements OutboundHandle {
  private status: number | undefined;
  private headers: Record<string, string> = {};
  private done = false;

  constructor(
    private readonly span: ChildSpan,
    private readonly aws: AwsTracker | undefined,
    readonly traceparent: string | undefined,
  ) {}

  get wantsRequestBody(): boolean {
    return this.aws?.requestBody !== undefined;
  }

  requestBody(chunk: unknown, encoding?: unknown): void {
    this.aws?.requestBody?.add(chunk, encoding);
  }

  response(status: number, headers: Record<string, string>): boolean {
    this.status = status;
    this.headers = headers;
    this.span.setAttribute('http.response.status_code', status);
    return this.aws?.wantsResponseBody(status) ?? false;
  }

  responseBody(chunk: unknown): void {
    this.aws?.responseBody?.add(chunk);
  }

  end(): void {
    if (this.done) return;
    this.done = true;
    const status = this.status;
    let error = status !== undefined && status >= 400 ? `HTTP ${status}` : undefined;
    if (this.aws !== undefined) {
      const outcome = this.aws.finish(status, this.headers);
      this.span.setName(outcome.name);
      for (const [k, v] of Object.entries(outcome.attributes)) if (v !== undefined) this.span.setAttribute(k, v);
      error = outcome.error ?? error;
    }
    if (error !== undefined) this.span.setAttribute('error.type', String(status));
    this.span.end(error !== undefined ? { code: 'error', message: error } : undefined);
  }

  error(err: unknown): void {
    if (this.done) return;
    this.span.recordException(err);
    const code = errorCodeOf(err);
    this.span.setAttribute('error.type', code ?? (err instanceof Error ? err.name : 'Error'));
    if (this.aws !== undefined) {
      const outcome = this.aws.finish(this.status, this.headers);
      this.span.setName(outcome.name);
      for (const [k, v] of Object.entries(outcome.attributes)) if (v !== undefined) this.span.setAttribute(k, v);
    }
    this.done = true;
    this.span.end();
  }
}

/** The system error code (ECONNREFUSED), also inside fetch's `cause`. */
function errorCodeOf(err: unknown): string | undefined {
  for (let e: unknown = err, i = 0; i < 3 && typeof e === 'object' && e !== null; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code !== '') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}
