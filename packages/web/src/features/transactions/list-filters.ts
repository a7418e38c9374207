// The transactions list's filters as its URL carries them (?function=&status=&user=&entry=), read
// back leniently (an unknown status is no filter) and written with empty values left out.
import type { TransactionListQuery } from '../../shared/links/paths';

export type ListFilterKey = keyof TransactionListQuery;

export const LIST_FILTER_KEYS: readonly ListFilterKey[] = ['entry', 'function', 'status', 'user'];

export function readListFilters(params: URLSearchParams): TransactionListQuery {
  const out: TransactionListQuery = {};
  const text = (k: 'entry' | 'function' | 'user') => params.get(k)?.trim() || undefined;
  const entry = text('entry');
  const fn = text('function');
  const user = text('user');
  const status = params.get('status');
  if (entry) out.entry = entry;
  if (fn) out.function = fn;
  if (user) out.user = user;
  if (status === 'ok' || status === 'error') out.status = status;
  return out;
}

/** The URL's query with the filters replaced (other parameters, e.g. ?range=, kept). */
export function writeListFilters(params: URLSearchParams, filters: TransactionListQuery): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const k of LIST_FILTER_KEYS) {
    const v = filters[k]?.trim();
    if (v) next.set(k, v);
    else next.delete(k);
  }
  return next;
}

export function hasListFilters(f: TransactionListQuery): boolean {
  return LIST_FILTER_KEYS.some((k) => Boolean(f[k]));
}
