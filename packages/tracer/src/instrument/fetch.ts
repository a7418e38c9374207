// Outbound fetch (Node's built-in undici): globalThis.fetch is wrapped once; the span ends when
// the response headers arrive (or fetch rejects). The traceparent header is added through undici's
// `undici:request:create` diagnostics channel (request.addHeader), which runs inside the fetch call.
// The caller gets the original fetch's own promise.
import { AsyncLocalStorage } from 'node:async_hooks';
import diagnostics from 'node:diagnostics_channel';
import { outbound, safe } from './hooks.ts';
import type { OutboundHandle, OutboundTarget } from './outbound-span.ts';

const PATCHED = Symbol.for('nightjar.instrument.fetch');
const inFetch = new AsyncLocalStorage<OutboundHandle>();

type Fetch = typeof globalThis.fetch;

function target(input: unknown, init: RequestInit | undefined): OutboundTarget | undefined {
  const request = input instanceof Request ? input : undefined;
  const url = new URL(request !== undefined ? request.url : input instanceof URL ? input.href : String(input));
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const headers = new Headers(init?.headers ?? request?.headers);
  const protocol = url.protocol;
  return {
    method: init?.method ?? request?.method ?? 'GET',
    protocol,
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port !== '' ? Number(url.port) : protocol === 'https:' ? 443 : 80,
    path: `${url.pathname}${url.search}`,
    header: (name) => headers.get(name) ?? undefined,
  };
}

function onRequestCreate(message: unknown): void {
  safe(() => {
    const handle = inFetch.getStore();
    const tp = handle?.traceparent;
    if (tp === undefined) return;
    const request = (message as { request?: { headers?: unknown; addHeader?: (k: string, v: string) => unknown } }).request;
    if (request === undefined || typeof request.addHeader !== 'function') return;
    const headers = request.headers;
    if (Array.isArray(headers) && headers.some((h, i) => i % 2 === 0 && String(h).toLowerCase() === 'traceparent')) return;
    if (typeof headers === 'string' && /(^|\r\n)traceparent:/i.test(headers)) return;
    request.addHeader('traceparent', tp);
  });
}

/** Instruments globalThis.fetch (once). */
export function instrumentFetch(): void {
  const original = globalThis.fetch as Fetch | undefined;
  if (typeof original !== 'function' || (original as unknown as Record<symbol, unknown>)[PATCHED] !== undefined) return;
  diagnostics.subscribe('undici:request:create', onRequestCreate);
  const traced = function (this: unknown, input: Parameters<Fetch>[0], init?: Parameters<Fetch>[1]): ReturnType<Fetch> {
    const t = safe(() => target(input, init));
    const handle = t !== undefined ? safe(() => outbound.start(t)) : undefined;
    if (handle === undefined) return original.call(this, input, init);
    const pending = inFetch.run(handle, () => original.call(this, input, init));
    pending.then(
      (res) =>
        safe(() => {
          const headers: Record<string, string> = {};
          res.headers.forEach((v, k) => (headers[k] = v));
          handle.response(res.status, headers);
          handle.end();
        }),
      (err: unknown) => safe(() => handle.error(err)),
    );
    return pending;
  };
  (traced as unknown as Record<symbol, unknown>)[PATCHED] = original;
  globalThis.fetch = traced as Fetch;
}
