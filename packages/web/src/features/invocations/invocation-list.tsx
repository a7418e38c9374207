import { useSearchParams } from 'react-router';
import type { TimeWindow } from '../../shared/time-range/time-range';
import { ApiView } from '../../shared/ui/api-view';
import { EmptyState } from '../../shared/ui/states';
import { InvocationFilters } from './invocation-filters';
import { parseStatusFilter, statusLabel } from './invocation-statuses';
import { InvocationsTable } from './invocations-table';
import { useInvocationPages } from './use-invocation-pages';

/** Filterable, pageable invocations of one function; filters live in the URL (?status=&cold=1). */
export function InvocationList({ functionName, window }: { functionName: string; window: TimeWindow }) {
  const [params, setParams] = useSearchParams();
  const status = parseStatusFilter(params.get('status'));
  const coldOnly = params.get('cold') === '1';
  const pages = useInvocationPages({ functionName, status, coldOnly, window });

  const setFilters = (next: { status: string; coldOnly: boolean }) => {
    const sp = new URLSearchParams(params);
    if (next.status) sp.set('status', next.status);
    else sp.delete('status');
    if (next.coldOnly) sp.set('cold', '1');
    else sp.delete('cold');
    setParams(sp, { replace: true });
  };

  const filtered = status !== '' || coldOnly;
  return (
    <section className="card" data-testid="invocations">
      <div className="card-header">
        <h2 className="card-title">Invocations</h2>
        <span className="card-meta">{pages.first.data ? `${pages.items.length}${pages.hasMore ? '+' : ''} shown, newest first` : ''}</span>
        <div className="card-actions">
          <InvocationFilters status={status} coldOnly={coldOnly} onChange={setFilters} />
        </div>
      </div>
      <ApiView result={pages.first} loadingLabel="Loading invocations…">
        {() =>
          pages.items.length === 0 ? (
            <EmptyState title={filtered ? 'No invocations match these filters' : 'No invocations in this window'}>
              {filtered
                ? `Showing ${status ? statusLabel(status) : 'all'} invocations${coldOnly ? ' with a cold start' : ''}. Clear the filters or widen the time range.`
                : 'Widen the time range, or invoke the function: new invocations appear within seconds.'}
            </EmptyState>
          ) : (
            <>
              <InvocationsTable items={pages.items} />
              <div className="table-footer">
                {pages.olderError && <span className="text-bad">Could not load older invocations: {pages.olderError}</span>}
                {pages.hasMore ? (
                  <button type="button" className="btn" onClick={pages.loadOlder} disabled={pages.loadingOlder} data-testid="load-older">
                    {pages.loadingOlder ? 'Loading…' : 'Load older'}
                  </button>
                ) : (
                  <span className="text-muted">Start of the window reached</span>
                )}
              </div>
            </>
          )
        }
      </ApiView>
    </section>
  );
}
