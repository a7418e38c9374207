import type { LogItem } from '@nightjar/model';
import { paths } from '../../shared/links/paths';
import { RangeLink } from '../../shared/links/range-link';
import { TimeText } from '../../shared/ui/time-cell';
import { LogMessage } from './log-message';
import { logLevel } from './log-level';

/** Log lines; `compact` drops the function and request columns (inside an invocation). */
export function LogsTable({ items, compact = false }: { items: readonly LogItem[]; compact?: boolean }) {
  return (
    <div className="table-wrap">
      <table className="data-table logs-table" data-testid="logs-table">
        <thead>
          <tr>
            <th className="col-time">Time</th>
            <th className="col-level">Level</th>
            {!compact && <th>Function</th>}
            {!compact && <th>Request ID</th>}
            <th>Message</th>
          </tr>
        </thead>
        <tbody>
          {items.map((l, i) => {
            const level = logLevel(l.severityNumber, l.severityText);
            return (
              <tr key={`${l.timeNs}-${i}`} data-testid="log-row" data-level={level} className={`log-${level}`}>
                <td className="nowrap">
                  <TimeText iso={l.time} />
                </td>
                <td>
                  <span className={`level level-${level}`} data-testid="log-level">
                    {level === 'unknown' ? l.severityText || '—' : level}
                  </span>
                </td>
                {!compact && (
                  <td className="cell-fn" title={l.function}>
                    {l.function ? <RangeLink to={paths.function(l.function)}>{l.function}</RangeLink> : <span className="text-muted">—</span>}
                  </td>
                )}
                {!compact && (
                  <td className="mono cell-id">
                    {l.requestId && (
                      <RangeLink to={paths.transaction(l.requestId)} className="log-tx-link" title="View the transaction this request is part of" data-testid="view-transaction-link">
                        tx
                      </RangeLink>
                    )}
                    {l.requestId && l.function ? (
                      <RangeLink to={paths.invocation(l.function, l.requestId)} title={l.requestId} data-testid="log-request-link">
                        {l.requestId}
                      </RangeLink>
                    ) : (
                      <span title={l.requestId}>{l.requestId || <span className="text-muted">—</span>}</span>
                    )}
                  </td>
                )}
                <td className="cell-message">
                  <LogMessage body={l.body} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
