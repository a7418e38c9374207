// URLs of the HTTP query API (GET /api/...), one builder per endpoint.
import { withQuery } from './query-string';

const seg = encodeURIComponent;

export interface WindowParams {
  from: string;
  to: string;
}

export const endpoints = {
  health: (): string => '/api/health',
  functions: (w: WindowParams): string => withQuery('/api/functions', { from: w.from, to: w.to }),
  functionSeries: (name: string, w: WindowParams, stepSeconds: number): string =>
    withQuery(`/api/functions/${seg(name)}/series`, { from: w.from, to: w.to, step: stepSeconds }),
  /** What the function's failures in the window reached: entry points and users (walked upstream). */
  functionImpact: (name: string, w: WindowParams, limit?: number): string =>
    withQuery(`/api/functions/${seg(name)}/impact`, { from: w.from, to: w.to, limit }),
  /** Entry invocations (transactions) newest first. */
  transactions: (p: { from?: string; to?: string; function?: string; status?: 'ok' | 'error'; user?: string; entry?: string; limit?: number }): string =>
    withQuery('/api/transactions', { from: p.from, to: p.to, function: p.function, status: p.status, user: p.user, entry: p.entry, limit: p.limit }),
  /** Every function, resource, host, route and schedule seen in the window, and the calls between them. */
  serviceMap: (w: WindowParams): string => withQuery('/api/service-map', { from: w.from, to: w.to }),
  invocations: (p: {
    function?: string;
    status?: string;
    coldStart?: boolean;
    from?: string;
    to?: string;
    limit?: number;
    before?: string;
  }): string =>
    withQuery('/api/invocations', {
      function: p.function,
      status: p.status,
      coldStart: p.coldStart === undefined ? undefined : String(p.coldStart),
      from: p.from,
      to: p.to,
      limit: p.limit,
      before: p.before,
    }),
  invocation: (fn: string, requestId: string): string => `/api/invocations/${seg(fn)}/${seg(requestId)}`,
  trace: (traceId: string): string => `/api/traces/${seg(traceId)}`,
  /** A transaction, looked up by any id in it: trace id, span id, request id, message id. */
  transaction: (anyId: string): string => `/api/transactions/${seg(anyId)}`,
  logs: (p: {
    q?: string;
    function?: string;
    requestId?: string;
    traceId?: string;
    level?: string;
    from?: string;
    to?: string;
    limit?: number;
  }): string => withQuery('/api/logs', { ...p }),
  ingestErrors: (limit: number): string => withQuery('/api/ingest-errors', { limit }),
};
