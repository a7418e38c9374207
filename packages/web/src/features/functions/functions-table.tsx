import type { FunctionSummary } from '@nightjar/model';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { formatCost } from '../../shared/format/format-cost';
import { formatDuration } from '../../shared/format/format-duration';
import { formatCount, formatPercent } from '../../shared/format/format-number';
import { formatAgo, formatTimestamp } from '../../shared/format/format-time';
import { RangeLink, useRangePath } from '../../shared/links/range-link';
import { paths } from '../../shared/links/paths';
import { useRefresh } from '../../shared/refresh/refresh-context';
import { nextSort, sortRows, type SortDir, type SortState } from '../../shared/table/sort';
import { SortHeader } from '../../shared/table/sort-header';
import { rowClick } from '../../shared/table/row-click';
import { errorRateSeverity } from './error-rate';

type Key = 'function' | 'invocations' | 'errors' | 'errorRate' | 'timeouts' | 'coldStarts' | 'p50Ms' | 'p95Ms' | 'p99Ms' | 'costUsd' | 'lastSeen';

const COLUMNS: { key: Key; label: string; numeric: boolean; title?: string }[] = [
  { key: 'function', label: 'Function', numeric: false },
  { key: 'invocations', label: 'Invocations', numeric: true },
  { key: 'errors', label: 'Errors', numeric: true },
  { key: 'errorRate', label: 'Error rate', numeric: true, title: 'Errors, timeouts, out of memory, init errors and crashes over invocations' },
  { key: 'timeouts', label: 'Timeouts', numeric: true },
  { key: 'coldStarts', label: 'Cold starts', numeric: true },
  { key: 'p50Ms', label: 'p50', numeric: true, title: 'Median duration' },
  { key: 'p95Ms', label: 'p95', numeric: true, title: '95th percentile duration' },
  { key: 'p99Ms', label: 'p99', numeric: true, title: '99th percentile duration' },
  { key: 'costUsd', label: 'Cost', numeric: true },
  { key: 'lastSeen', label: 'Last seen', numeric: true },
];

export function FunctionsTable({ items }: { items: readonly FunctionSummary[] }) {
  const [sort, setSort] = useState<SortState<Key>>({ key: 'invocations', dir: 'desc' });
  const { now } = useRefresh();
  const navigate = useNavigate();
  const rangePath = useRangePath();
  const onSort = (key: Key, dir: SortDir) => setSort(nextSort(sort, key, dir));
  const rows = sortRows(items, sort, (f, key) => (key === 'lastSeen' ? (f.lastSeen ? Date.parse(f.lastSeen) : null) : f[key]));

  return (
    <div className="table-wrap">
      <table className="data-table" data-testid="functions-table">
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <SortHeader key={c.key} label={c.label} sortKey={c.key} sort={sort} onSort={onSort} numeric={c.numeric} title={c.title} />
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((f) => {
            const failures = Math.round(f.errorRate * f.invocations);
            return (
              <tr key={f.function} data-testid="function-row" data-function={f.function} className="clickable" onClick={rowClick(() => navigate(rangePath(paths.function(f.function))))}>
                <td data-col="function" className="cell-name">
                  <RangeLink to={paths.function(f.function)} data-testid="function-link">
                    {f.function}
                  </RangeLink>
                </td>
                <td data-col="invocations" className="num">{formatCount(f.invocations)}</td>
                <td data-col="errors" className={`num ${f.errors > 0 ? 'text-bad' : 'text-muted'}`}>{formatCount(f.errors)}</td>
                <td data-col="errorRate" className="num">
                  <span className={`rate rate-${errorRateSeverity(f.errorRate, f.invocations)}`} title={`${formatCount(failures)} failed`}>
                    {formatPercent(f.errorRate)}
                  </span>
                </td>
                <td data-col="timeouts" className={`num ${f.timeouts > 0 ? 'text-warn' : 'text-muted'}`}>{formatCount(f.timeouts)}</td>
                <td data-col="coldStarts" className={`num ${f.coldStarts > 0 ? '' : 'text-muted'}`}>{formatCount(f.coldStarts)}</td>
                <td data-col="p50Ms" className="num">{formatDuration(f.p50Ms)}</td>
                <td data-col="p95Ms" className="num">{formatDuration(f.p95Ms)}</td>
                <td data-col="p99Ms" className="num">{formatDuration(f.p99Ms)}</td>
                <td data-col="costUsd" className="num">{formatCost(f.costUsd)}</td>
                <td data-col="lastSeen" className="num text-muted" title={formatTimestamp(f.lastSeen)}>
                  {formatAgo(f.lastSeen, now)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
