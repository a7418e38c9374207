import type { FunctionSummary, ListResponse, LogItem } from '@nightjar/model';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { endpoints } from '../../shared/api/endpoints';
import { useApi } from '../../shared/api/use-api';
import { PageHeader } from '../../shared/layout/page-header';
import { rangeLabel } from '../../shared/time-range/time-range';
import { useTimeWindow } from '../../shared/time-range/use-time-window';
import { ApiView } from '../../shared/ui/api-view';
import { EmptyState } from '../../shared/ui/states';
import { LogFilters, type LogFilterValues } from './log-filters';
import { LogsTable } from './logs-table';

const LIMIT = 200;

export function LogsPage() {
  const win = useTimeWindow();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const fn = params.get('function') ?? '';
  const level = params.get('level') ?? '';
  const requestId = params.get('requestId') ?? '';
  const traceId = params.get('traceId') ?? '';

  const filters = { q, function: fn, requestId, traceId, level };
  const key = `logs|${JSON.stringify(filters)}|${win.range}`;
  const logs = useApi<ListResponse<LogItem>>(endpoints.logs({ ...filters, from: win.from, to: win.to, limit: LIMIT }), key);
  const fns = useApi<ListResponse<FunctionSummary>>(endpoints.functions(win), `functions|${win.range}`);
  const functionNames = (fns.data?.items ?? []).map((f) => f.function).sort();

  const setParam = useCallback(
    (changes: Record<string, string>) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(changes)) {
            if (v) next.set(k, v);
            else next.delete(k);
          }
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );
  const onFilters = useCallback((v: LogFilterValues) => setParam({ q: v.q, function: v.function, level: v.level }), [setParam]);
  const values = useMemo(() => ({ q, function: fn, level }), [q, fn, level]);

  const filtered = q || fn || level || requestId || traceId;
  return (
    <>
      <PageHeader title="Logs" subtitle={`Newest first, last ${rangeLabel(win.range)}`} />
      <div className="toolbar">
        <LogFilters values={values} functions={functionNames} onChange={onFilters} />
        {(requestId || traceId) && (
          <div className="chips">
            {requestId && (
              <button type="button" className="chip chip-removable" onClick={() => setParam({ requestId: '' })} title="Remove filter">
                request <span className="mono">{requestId}</span> ✕
              </button>
            )}
            {traceId && (
              <button type="button" className="chip chip-removable" onClick={() => setParam({ traceId: '' })} title="Remove filter">
                trace <span className="mono">{traceId}</span> ✕
              </button>
            )}
          </div>
        )}
      </div>
      <section className="card">
        <ApiView result={logs} loadingLabel="Loading logs…">
          {(data) =>
            data.items.length === 0 ? (
              <EmptyState title={filtered ? 'No log lines match' : 'No logs in this window'}>
                {filtered
                  ? 'Try fewer words, another level or a wider time range.'
                  : 'Logs arrive through OTLP (/v1/logs), CloudWatch Logs via the Firehose endpoint, or the Lambda Telemetry API.'}
              </EmptyState>
            ) : (
              <>
                <LogsTable items={data.items} />
                <div className="table-footer text-muted">
                  {data.items.length >= LIMIT ? `Showing the newest ${LIMIT} lines: narrow the search or the time range to see older ones.` : `${data.items.length} lines`}
                </div>
              </>
            )
          }
        </ApiView>
      </section>
    </>
  );
}
