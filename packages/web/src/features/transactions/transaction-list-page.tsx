// /transactions: entry invocations (each the start of a business flow) in the time window, newest
// first, filtered by entry, function, status and user (kept in the URL); a row opens the transaction.
import type { FunctionSummary, ListResponse, TransactionListItem } from '@nightjar/model';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { endpoints } from '../../shared/api/endpoints';
import { useApi } from '../../shared/api/use-api';
import { PageHeader } from '../../shared/layout/page-header';
import type { TransactionListQuery } from '../../shared/links/paths';
import { rangeLabel } from '../../shared/time-range/time-range';
import { useTimeWindow } from '../../shared/time-range/use-time-window';
import { ApiView } from '../../shared/ui/api-view';
import { EmptyState } from '../../shared/ui/states';
import { ListFilterBar } from './list-filter-bar';
import { hasListFilters, LIST_FILTER_KEYS, readListFilters, writeListFilters } from './list-filters';
import { TransactionsTable } from './transactions-table';
import './transaction-list.css';

const LIMIT = 200;
const FILTER_WORDS: Record<keyof TransactionListQuery, string> = { entry: 'entry', function: 'function', status: 'status', user: 'user' };

export function TransactionListPage() {
  const win = useTimeWindow();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readListFilters(params), [params]);
  const key = `transactions|${JSON.stringify(filters)}|${win.range}`;
  const list = useApi<ListResponse<TransactionListItem>>(endpoints.transactions({ ...filters, from: win.from, to: win.to, limit: LIMIT }), key);
  const fns = useApi<ListResponse<FunctionSummary>>(endpoints.functions(win), `functions|${win.range}`);
  const functionNames = (fns.data?.items ?? []).map((f) => f.function).sort();

  const setFilters = useCallback((next: TransactionListQuery) => setParams((prev) => writeListFilters(prev, next), { replace: true }), [setParams]);
  const patch = useCallback((p: TransactionListQuery) => setFilters({ ...filters, ...p }), [filters, setFilters]);
  const filtered = hasListFilters(filters);

  return (
    <div className="tx-list-page" data-testid="tx-list-page">
      <PageHeader title="Transactions" subtitle={`Business flows by their entry (an API request, a schedule, an upload, a direct invoke), newest first, last ${rangeLabel(win.range)}`} />
      <div className="toolbar">
        <ListFilterBar values={filters} functions={functionNames} onChange={setFilters} />
        {filtered && (
          <div className="chips">
            {LIST_FILTER_KEYS.filter((k) => filters[k]).map((k) => (
              <button key={k} type="button" className="chip chip-removable" onClick={() => patch({ [k]: undefined })} title="Remove filter" data-testid="tx-list-chip">
                {FILTER_WORDS[k]} <span className="mono">{k === 'status' && filters.status === 'error' ? 'failed' : filters[k]}</span> ✕
              </button>
            ))}
          </div>
        )}
      </div>
      <section className="card">
        <ApiView result={list} loadingLabel="Loading transactions…">
          {(data) =>
            data.items.length === 0 ? (
              <EmptyState title={filtered ? 'No transactions match these filters' : `No transactions in the last ${rangeLabel(win.range)}`}>
                {filtered
                  ? `The entry must match exactly as the list shows it ("POST /orders", a schedule rule, "s3://bucket" or a function name).${
                      filters.status === 'error' ? ' "failed" is the entry invocation\'s own status: failures further downstream do not count here.' : ''
                    } Remove a filter or widen the time range.`
                  : 'A transaction starts where a request enters your system: an API Gateway route, a schedule, an S3 upload or a direct invoke of a traced function. Send traces with the Nightjar tracer (or any OTel SDK) to http://localhost:4318, or run the demo (npm start -- --demo), then widen the time range.'}
              </EmptyState>
            ) : (
              <>
                <TransactionsTable items={data.items} onFilter={patch} />
                <div className="table-footer text-muted">
                  {data.items.length >= LIMIT ? `Showing the newest ${LIMIT}: narrow the filters or the time range to see older ones.` : `${data.items.length} transaction${data.items.length === 1 ? '' : 's'}`}
                </div>
              </>
            )
          }
        </ApiView>
      </section>
    </div>
  );
}
