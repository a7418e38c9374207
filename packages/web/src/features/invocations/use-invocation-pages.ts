// The invocations of a function: the newest page (kept fresh by auto-refresh) plus older pages
// loaded on demand with ?before=.
import type { InvocationItem, ListResponse } from '@nightjar/model';
import { useMemo, useRef, useState } from 'react';
import { apiGet, errorMessage } from '../../shared/api/api-client';
import { endpoints } from '../../shared/api/endpoints';
import { useApi, type ApiResult } from '../../shared/api/use-api';
import type { TimeWindow } from '../../shared/time-range/time-range';
import { mergePages, olderCursor, sortNewestFirst } from './merge-pages';

export const PAGE_SIZE = 50;
const NONE: InvocationItem[] = [];

export interface InvocationQuery {
  functionName: string;
  status: string;
  coldOnly: boolean;
  window: TimeWindow;
}

interface Older {
  key: string;
  items: InvocationItem[];
  exhausted: boolean;
  loading: boolean;
  error: string | undefined;
}

export interface InvocationPages {
  first: ApiResult<ListResponse<InvocationItem>>;
  items: InvocationItem[];
  hasMore: boolean;
  loadingOlder: boolean;
  olderError: string | undefined;
  loadOlder: () => void;
}

export function useInvocationPages(q: InvocationQuery): InvocationPages {
  const params = {
    function: q.functionName,
    status: q.status || undefined,
    coldStart: q.coldOnly ? true : undefined,
    from: q.window.from,
    to: q.window.to,
    limit: PAGE_SIZE,
  };
  const key = `invocations|${q.functionName}|${q.status}|${q.coldOnly}|${q.window.range}`;
  const first = useApi<ListResponse<InvocationItem>>(endpoints.invocations(params), key);
  const [older, setOlder] = useState<Older>({ key, items: [], exhausted: false, loading: false, error: undefined });
  const keyRef = useRef(key);
  keyRef.current = key;

  const olderItems = older.key === key ? older.items : NONE;
  const merged = useMemo(() => mergePages(first.data?.items ?? [], olderItems, PAGE_SIZE), [first.data, olderItems]);

  const loadOlder = (): void => {
    const before = olderCursor(merged.items);
    if (!before) return;
    const requestKey = key;
    setOlder((o) => ({ ...(o.key === requestKey ? o : { items: [], exhausted: false }), key: requestKey, loading: true, error: undefined }));
    apiGet<ListResponse<InvocationItem>>(endpoints.invocations({ ...params, before })).then(
      (res) => {
        if (keyRef.current !== requestKey) return;
        setOlder({ key: requestKey, items: sortNewestFirst([...merged.items, ...res.items]), exhausted: res.items.length < PAGE_SIZE, loading: false, error: undefined });
      },
      (err: unknown) => {
        if (keyRef.current !== requestKey) return;
        setOlder((o) => ({ ...o, loading: false, error: errorMessage(err) }));
      },
    );
  };

  const current = older.key === key ? older : null;
  const exhausted = current !== null && current.exhausted && !merged.gap;
  const hasMore = !exhausted && merged.items.length >= PAGE_SIZE;
  return {
    first,
    items: merged.items,
    hasMore,
    loadingOlder: current?.loading ?? false,
    olderError: current?.error,
    loadOlder,
  };
}
