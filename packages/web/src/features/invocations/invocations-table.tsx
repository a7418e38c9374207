import type { InvocationItem } from '@nightjar/model';
import { useNavigate } from 'react-router';
import { formatCost } from '../../shared/format/format-cost';
import { formatDuration } from '../../shared/format/format-duration';
import { formatCount } from '../../shared/format/format-number';
import { paths } from '../../shared/links/paths';
import { RangeLink, useRangePath } from '../../shared/links/range-link';
import { ColdStartBadge } from '../../shared/ui/cold-start-badge';
import { TimeText } from '../../shared/ui/time-cell';
import { rowClick } from '../../shared/table/row-click';
import { StatusPill } from './status-pill';

function memoryText(i: InvocationItem): string {
  if (i.maxMemoryUsedMb === null && i.memorySizeMb === null) return '—';
  return `${i.maxMemoryUsedMb === null ? '—' : formatCount(i.maxMemoryUsedMb)} / ${i.memorySizeMb === null ? '—' : formatCount(i.memorySizeMb)} MB`;
}

function memoryTone(i: InvocationItem): string {
  if (i.maxMemoryUsedMb === null || !i.memorySizeMb) return '';
  const r = i.maxMemoryUsedMb / i.memorySizeMb;
  return r >= 0.95 ? 'text-bad' : r >= 0.8 ? 'text-warn' : '';
}

export function InvocationsTable({ items, showFunction = false }: { items: readonly InvocationItem[]; showFunction?: boolean }) {
  const navigate = useNavigate();
  const rangePath = useRangePath();
  return (
    <div className="table-wrap">
      <table className="data-table" data-testid="invocations-table">
        <thead>
          <tr>
            <th>Time</th>
            {showFunction && <th>Function</th>}
            <th>Request ID</th>
            <th>Status</th>
            <th className="num">Duration</th>
            <th className="num">Billed</th>
            <th className="num" title="Max memory used / memory size">Memory</th>
            <th title="Cold start">Cold</th>
            <th className="num">Init</th>
            <th className="num">Cost</th>
            <th>Error</th>
          </tr>
        </thead>
        <tbody>
          {items.map((i) => {
            const to = paths.invocation(i.function, i.requestId);
            const error = [i.errorType, i.errorMessage].filter(Boolean).join(': ');
            return (
              <tr
                key={`${i.function}/${i.requestId}`}
                data-testid="invocation-row"
                data-request-id={i.requestId}
                data-status={i.status}
                className="clickable"
                onClick={rowClick(() => navigate(rangePath(to)))}
              >
                <td data-col="time" className="nowrap">
                  <TimeText iso={i.start} />
                </td>
                {showFunction && <td data-col="function">{i.function}</td>}
                <td data-col="requestId" className="mono cell-id">
                  <RangeLink to={to} title={i.requestId} data-testid="invocation-link">
                    {i.requestId}
                  </RangeLink>
                </td>
                <td data-col="status">
                  <StatusPill status={i.status} />
                </td>
                <td data-col="duration" className="num">{formatDuration(i.durationMs)}</td>
                <td data-col="billed" className="num text-muted">{formatDuration(i.billedDurationMs)}</td>
                <td data-col="memory" className={`num nowrap ${memoryTone(i)}`}>{memoryText(i)}</td>
                <td data-col="coldStart">{i.coldStart && <ColdStartBadge />}</td>
                <td data-col="init" className="num">{i.initDurationMs === null ? '' : formatDuration(i.initDurationMs)}</td>
                <td data-col="cost" className="num">{formatCost(i.costUsd)}</td>
                <td data-col="error" className="cell-error" title={error}>
                  {i.errorType && <span className="error-type">{i.errorType}</span>}
                  {i.errorMessage && <span className="error-message">{i.errorMessage}</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
