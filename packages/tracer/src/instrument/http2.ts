// Outbound HTTP/2 through node:http2 (the AWS SDK's NodeHttp2Handler, the Kinesis client's
// default): `connect` is replaced once; each session's `request` opens a span per stream, adds a
// traceparent to non-AWS requests and observes the stream's events. Every hook runs in try/catch.
import http2 from 'node:http2';
import { syncBuiltinESMExports } from 'node:module';
import { outbound, safe } from './hooks.ts';
import type { OutboundHandle, OutboundTarget } from './outbound-span.ts';

const PATCHED = Symbol.for('nightjar.instrument.http2');

type Connect = (...args: unknown[]) => http2.ClientHttp2Session;
type Headers = Record<string, unknown>;

function authorityUrl(authority: unknown): URL {
  if (authority instanceof URL) return authority;
  if (typeof authority === 'string') return new URL(authority);
  const a = authority as { protocol?: string; host?: string; hostname?: string; port?: number | string };
  return new URL(`${a.protocol ?? 'https:'}//${a.hostname ?? a.host ?? 'localhost'}${a.port !== undefined ? `:${a.port}` : ''}`);
}

function target(url: URL, headers: Headers): OutboundTarget {
  const protocol = url.protocol === 'http:' ? 'http:' : 'https:';
  const lookup = (name: string): string | undefined => {
    for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === name && v !== undefined && v !== null) return Array.isArray(v) ? v.join(', ') : String(v);
    return undefined;
  };
  return {
    method: lookup(':method') ?? 'GET',
    protocol,
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port !== '' ? Number(url.port) : protocol === 'https:' ? 443 : 80,
    path: lookup(':path') ?? '/',
    header: lookup,
  };
}

function plainHeaders(headers: http2.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined && !k.startsWith(':')) out[k] = Array.isArray(v) ? v.join(', ') : String(v);
  return out;
}

function observe(stream: http2.ClientHttp2Stream, h: OutboundHandle): void {
  if (h.wantsRequestBody) {
    const write = stream.write;
    const end = stream.end;
    stream.write = function (this: http2.ClientHttp2Stream, ...a: unknown[]): boolean {
      safe(() => h.requestBody(a[0], typeof a[1] === 'string' ? a[1] : undefined));
      return (write as (...x: unknown[]) => boolean).apply(this, a);
    } as typeof stream.write;
    stream.end = function (this: http2.ClientHttp2Stream, ...a: unknown[]): http2.ClientHttp2Stream {
      if (typeof a[0] !== 'function') safe(() => h.requestBody(a[0], typeof a[1] === 'string' ? a[1] : undefined));
      return (end as (...x: unknown[]) => http2.ClientHttp2Stream).apply(this, a);
    } as typeof stream.end;
  }
  let responded = false;
  let wantsBody = false;
  const emit = stream.emit;
  stream.emit = function (this: http2.ClientHttp2Stream, event: string | symbol, ...a: unknown[]): boolean {
    safe(() => {
      if (event === 'response') {
        responded = true;
        const headers = (a[0] ?? {}) as http2.IncomingHttpHeaders;
        wantsBody = h.response(Number(headers[':status'] ?? 0), plainHeaders(headers));
      } else if (event === 'data' && wantsBody) h.responseBody(a[0]);
      else if (event === 'end') h.end();
      else if (event === 'error') h.error(a[0]);
      else if (event === 'close') {
        if (responded) h.end();
        else h.error(new Error('stream closed before a response'));
      }
    });
    return (emit as (...x: unknown[]) => boolean).apply(this, [event, ...a]);
  } as typeof stream.emit;
}

function patchSession(session: http2.ClientHttp2Session, url: URL): void {
  const request = session.request;
  session.request = function (this: http2.ClientHttp2Session, ...args: unknown[]): http2.ClientHttp2Stream {
    const headers = (typeof args[0] === 'object' && args[0] !== null ? args[0] : {}) as Headers;
    const handle = safe(() => outbound.start(target(url, headers)));
    if (handle === undefined) return (request as (...x: unknown[]) => http2.ClientHttp2Stream).apply(this, args);
    const tp = safe(() => handle.traceparent);
    const changed = tp !== undefined ? [{ ...headers, traceparent: tp }, ...args.slice(1)] : undefined;
    let stream: http2.ClientHttp2Stream;
    try {
      stream = (request as (...x: unknown[]) => http2.ClientHttp2Stream).apply(this, changed ?? args);
    } catch (err) {
      if (changed === undefined) {
        safe(() => handle.error(err));
        throw err;
      }
      try {
        stream = (request as (...x: unknown[]) => http2.ClientHttp2Stream).apply(this, args);
      } catch (again) {
        safe(() => handle.error(again));
        throw again;
      }
    }
    safe(() => observe(stream, handle));
    return stream;
  } as typeof session.request;
}

/** Instruments node:http2 client sessions opened from now on (once). */
export function instrumentHttp2(): void {
  const m = http2 as unknown as { connect: Connect };
  const original = m.connect;
  if ((original as unknown as Record<symbol, unknown>)[PATCHED] !== undefined) return;
  const traced = function (this: unknown, ...args: unknown[]): http2.ClientHttp2Session {
    const session = original.apply(this, args);
    safe(() => patchSession(session, authorityUrl(args[0])));
    return session;
  };
  (traced as unknown as Record<symbol, unknown>)[PATCHED] = original;
  m.connect = traced;
  syncBuiltinESMExports();
}
