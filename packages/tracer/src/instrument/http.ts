// Outbound HTTP(S) through node:http / node:https: `request` and `get` of both modules are
// replaced once (idempotent), and syncBuiltinESMExports() makes ESM named imports see it. The
// request itself is the original's: the tracer only adds a traceparent header to non-AWS requests
// and observes the request's and response's events. Every hook runs inside try/catch.
import http from 'node:http';
import https from 'node:https';
import { syncBuiltinESMExports } from 'node:module';
import { outbound, safe } from './hooks.ts';
import type { OutboundHandle, OutboundTarget } from './outbound-span.ts';
import type { HeaderLookup } from './propagation.ts';

const PATCHED = Symbol.for('nightjar.instrument.http');

type RequestFn = (...args: unknown[]) => http.ClientRequest;
type Options = Record<string, unknown>;

function isOptions(v: unknown): v is Options {
  return typeof v === 'object' && v !== null && !(v instanceof URL);
}

function headerLookup(headers: unknown): HeaderLookup {
  return (name) => {
    if (Array.isArray(headers)) {
      for (let i = 0; i + 1 < headers.length; i += 2) if (String(headers[i]).toLowerCase() === name) return String(headers[i + 1]);
      return undefined;
    }
    if (!isOptions(headers)) return undefined;
    for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === name && v !== undefined && v !== null) return Array.isArray(v) ? v.join(', ') : String(v);
    return undefined;
  };
}

interface Parsed {
  target: OutboundTarget;
  url: URL | undefined;
  options: Options | undefined;
  callback: unknown;
}

/** What Node's `request(url?, options?, callback?)` will send to. */
function parse(args: unknown[], defaultProtocol: 'http:' | 'https:'): Parsed {
  let url: URL | undefined;
  let i = 0;
  if (typeof args[0] === 'string') url = new URL(args[i++] as string);
  else if (args[0] instanceof URL) url = args[i++] as URL;
  const options = isOptions(args[i]) ? (args[i++] as Options) : undefined;
  const callback = args[i];
  const o = options ?? {};
  const protocol = (typeof o['protocol'] === 'string' ? o['protocol'] : url?.protocol) === 'https:' || (url === undefined && o['protocol'] === undefined && defaultProtocol === 'https:') ? 'https:' : 'http:';
  const rawHost = typeof o['hostname'] === 'string' ? o['hostname'] : typeof o['host'] === 'string' ? o['host'].replace(/:\d+$/, '') : url?.hostname ?? 'localhost';
  const host = rawHost.replace(/^\[|\]$/g, '');
  const port = Number(o['port'] ?? (url !== undefined && url.port !== '' ? url.port : protocol === 'https:' ? 443 : 80)) || (protocol === 'https:' ? 443 : 80);
  const path = typeof o['path'] === 'string' ? o['path'] : url !== undefined ? `${url.pathname}${url.search}` : '/';
  const method = typeof o['method'] === 'string' ? o['method'] : 'GET';
  return { target: { method, protocol, host, port, path, header: headerLookup(o['headers']) }, url, options, callback };
}

function withTraceparent(p: Parsed, value: string): unknown[] {
  const headers = p.options?.['headers'];
  const added = Array.isArray(headers) ? [...(headers as unknown[]), 'traceparent', value] : { ...(isOptions(headers) ? headers : {}), traceparent: value };
  const options = { ...p.options, headers: added };
  const args: unknown[] = p.url !== undefined ? [p.url, options] : [options];
  if (p.callback !== undefined) args.push(p.callback);
  return args;
}

function flatHeaders(res: http.IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

function observe(req: http.ClientRequest, h: OutboundHandle): void {
  if (h.wantsRequestBody) {
    const write = req.write;
    const end = req.end;
    req.write = function (this: http.ClientRequest, ...a: unknown[]): boolean {
      safe(() => h.requestBody(a[0], typeof a[1] === 'string' ? a[1] : undefined));
      return (write as (...x: unknown[]) => boolean).apply(this, a);
    } as typeof req.write;
    req.end = function (this: http.ClientRequest, ...a: unknown[]): http.ClientRequest {
      if (typeof a[0] !== 'function') safe(() => h.requestBody(a[0], typeof a[1] === 'string' ? a[1] : undefined));
      return (end as (...x: unknown[]) => http.ClientRequest).apply(this, a);
    } as typeof req.end;
  }
  let responded = false;
  const emit = req.emit;
  req.emit = function (this: http.ClientRequest, event: string | symbol, ...a: unknown[]): boolean {
    safe(() => {
      if (event === 'response' && a[0] instanceof http.IncomingMessage) {
        responded = true;
        observeResponse(a[0], h);
      } else if (event === 'error') h.error(a[0]);
      else if (event === 'close' && !responded) h.error(new Error('request closed before a response'));
    });
    return (emit as (...x: unknown[]) => boolean).apply(this, [event, ...a]);
  } as typeof req.emit;
}

function observeResponse(res: http.IncomingMessage, h: OutboundHandle): void {
  const wantsBody = h.response(res.statusCode ?? 0, flatHeaders(res));
  const emit = res.emit;
  res.emit = function (this: http.IncomingMessage, event: string | symbol, ...a: unknown[]): boolean {
    safe(() => {
      if (event === 'data' && wantsBody) h.responseBody(a[0]);
      else if (event === 'end') h.end();
      else if (event === 'error') h.error(a[0]);
      else if (event === 'aborted') h.error(new Error('response aborted'));
      else if (event === 'close') h.end();
    });
    return (emit as (...x: unknown[]) => boolean).apply(this, [event, ...a]);
  } as typeof res.emit;
}

function patch(original: RequestFn, defaultProtocol: 'http:' | 'https:'): RequestFn {
  const traced = function (this: unknown, ...args: unknown[]): http.ClientRequest {
    const parsed = safe(() => parse(args, defaultProtocol));
    const handle = parsed !== undefined ? safe(() => outbound.start(parsed.target)) : undefined;
    if (handle === undefined || parsed === undefined) return original.apply(this, args);
    const tp = safe(() => handle.traceparent);
    const changed = tp !== undefined ? safe(() => withTraceparent(parsed, tp)) : undefined;
    let req: http.ClientRequest;
    try {
      req = original.apply(this, changed ?? args);
    } catch (err) {
      if (changed === undefined) {
        safe(() => handle.error(err));
        throw err;
      }
      // the original arguments decide: the same error (or request) as without the tracer
      try {
        req = original.apply(this, args);
      } catch (again) {
        safe(() => handle.error(again));
        throw again;
      }
    }
    safe(() => observe(req, handle));
    return req;
  };
  (traced as unknown as Record<symbol, unknown>)[PATCHED] = original;
  return traced;
}

/** Instruments node:http and node:https (once). */
export function instrumentHttp(): void {
  let changed = false;
  for (const [mod, protocol] of [
    [http, 'http:'],
    [https, 'https:'],
  ] as const) {
    const m = mod as unknown as Record<'request' | 'get', RequestFn>;
    for (const name of ['request', 'get'] as const) {
      const fn = m[name];
      if ((fn as unknown as Record<symbol, unknown>)[PATCHED] !== undefined) continue;
      m[name] = patch(fn, protocol);
      changed = true;
    }
  }
  if (changed) syncBuiltinESMExports();
}
