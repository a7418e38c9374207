import type { FunctionSummary, ListResponse } from '@nightjar/model';
import { useSearchParams } from 'react-router';
import { endpoints } from '../../shared/api/endpoints';
import { useApi } from '../../shared/api/use-api';
import { PageHeader } from '../../shared/layout/page-header';
import { rangeLabel } from '../../shared/time-range/time-range';
import { useTimeWindow } from '../../shared/time-range/use-time-window';
import { ApiView } from '../../shared/ui/api-view';
import { EmptyState } from '../../shared/ui/states';
import { FunctionsEmptyState } from './functions-empty-state';
import { FunctionsTable } from './functions-table';
import { FunctionsTotals } from './functions-totals';

export function FunctionsPage() {
  const win = useTimeWindow();
  const result = useApi<ListResponse<FunctionSummary>>(endpoints.functions(win), `functions|${win.range}`);
  const [params, setParams] = useSearchParams();
  const search = params.get('q') ?? '';

  const setSearch = (value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set('q', value);
    else next.delete('q');
    setParams(next, { replace: true });
  };

  return (
    <>
      <PageHeader
        title="Functions"
        subtitle={`Lambda functions that reported in the last ${rangeLabel(win.range)}`}
        actions={
          <input
            type="search"
            className="input search-input"
            placeholder="Filter by name…"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            aria-label="Filter functions by name"
            data-testid="function-search"
          />
        }
      />
      <ApiView result={result} loadingLabel="Loading functions…">
        {(data) => {
          if (data.items.length === 0) return <FunctionsEmptyState rangeText={rangeLabel(win.range)} />;
          const needle = search.trim().toLowerCase();
          const shown = needle ? data.items.filter((f) => f.function.toLowerCase().includes(needle)) : data.items;
          return (
            <>
              <FunctionsTotals items={data.items} />
              {shown.length === 0 ? (
                <EmptyState title={`No function matches “${search}”`}>{data.items.length} functions reported in this window.</EmptyState>
              ) : (
                <FunctionsTable items={shown} />
              )}
            </>
          );
        }}
      </ApiView>
    </>
  );
}
