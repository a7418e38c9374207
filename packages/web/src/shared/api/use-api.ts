// Fetch one API URL and keep it fresh: refetches on every refresh tick and whenever the URL changes.
// `key` names what is being shown: while it stays the same (e.g. only the time window slid), the
// old data stays on screen during the refetch; when it changes (new filter), the view resets.
import { useCallback, useEffect, useState } from 'react';
import { useRefresh } from '../refresh/refresh-context';
import { apiGet, ApiRequestError, errorMessage } from './api-client';

export interface ApiResult<T> {
  data: T | undefined;
  error: string | undefined;
  /** HTTP status of the last failure (0 = network), undefined when the last call succeeded. */
  errorStatus: number | undefined;
  loading: boolean;
  reload: () => void;
}

interface State<T> {
  key: string | null;
  data: T | undefined;
  error: string | undefined;
  errorStatus: number | undefined;
  loading: boolean;
}

export function useApi<T>(url: string | null, key: string | null = url): ApiResult<T> {
  const { tick } = useRefresh();
  const [reloads, setReloads] = useState(0);
  const [state, setState] = useState<State<T>>(() => ({ key, data: undefined, error: undefined, errorStatus: undefined, loading: url !== null }));

  let current = state;
  if (state.key !== key) {
    current = { key, data: undefined, error: undefined, errorStatus: undefined, loading: url !== null };
    setState(current);
  }

  useEffect(() => {
    if (url === null) return;
    const ctrl = new AbortController();
    setState((s) => (s.key === key ? { ...s, loading: true } : s));
    apiGet<T>(url, ctrl.signal).then(
      (data) => {
        if (!ctrl.signal.aborted) setState({ key, data, error: undefined, errorStatus: undefined, loading: false });
      },
      (err: unknown) => {
        if (ctrl.signal.aborted) return;
        const status = err instanceof ApiRequestError ? err.status : 0;
        setState((s) => ({ ...(s.key === key ? s : { data: undefined }), key, error: errorMessage(err), errorStatus: status, loading: false }));
      },
    );
    return () => ctrl.abort();
  }, [url, key, tick, reloads]);

  const reload = useCallback(() => setReloads((n) => n + 1), []);
  return { data: current.data, error: current.error, errorStatus: current.errorStatus, loading: current.loading, reload };
}
