// In-app routes. Every link keeps the current time range (?range=) so a shared URL shows the same window.
import { withQuery } from '../api/query-string';

const seg = encodeURIComponent;

/** Filters of the transactions list, as its URL carries them (?function=&status=&user=&entry=). */
export interface TransactionListQuery {
  function?: string;
  status?: 'ok' | 'error';
  user?: string;
  entry?: string;
}

export const paths = {
  functions: (): string => '/',
  function: (name: string): string => `/functions/${seg(name)}`,
  invocation: (fn: string, requestId: string): string => `/functions/${seg(fn)}/invocations/${seg(requestId)}`,
  trace: (traceId: string): string => `/traces/${seg(traceId)}`,
  /** The whole business flow around any id in it (request id, span id, trace id, message id). */
  transaction: (anyId: string): string => `/transactions/${seg(anyId)}`,
  /** Entry invocations (transactions), filtered. */
  transactions: (q: TransactionListQuery = {}): string => withQuery('/transactions', { entry: q.entry, user: q.user, function: q.function, status: q.status }),
  serviceMap: (): string => '/service-map',
  logs: (): string => '/logs',
  ingestErrors: (): string => '/ingest-errors',
};

/** Adds ?range= (when not the default) to an in-app path that may already carry a query. */
export function withRange(path: string, range: string | null, defaultRange: string): string {
  if (!range || range === defaultRange) return path;
  const [base, query = ''] = path.split('?', 2) as [string, string?];
  const sp = new URLSearchParams(query);
  sp.set('range', range);
  return `${base}?${sp.toString()}`;
}

export { withQuery };
