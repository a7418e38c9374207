// The transactions list: one row per entry invocation (start, entry, function, user, status,
// duration); a row opens the transaction, the entry and user cells filter the list by them.
import type { TransactionListItem } from '@nightjar/model';
import { useNavigate } from 'react-router';
import { formatDuration } from '../../shared/format/format-duration';
import { paths, type TransactionListQuery } from '../../shared/links/paths';
import { RangeLink, useRangePath } from '../../shared/links/range-link';
import { rowClick } from '../../shared/table/row-click';
import { TimeText } from '../../shared/ui/time-cell';
import { ENTRY_KIND_LABELS } from './entry-kinds';

interface Props {
  items: readonly TransactionListItem[];
  onFilter: (patch: TransactionListQuery) => void;
}

export function TransactionsTable({ items, onFilter }: Props) {
  const navigate = useNavigate();
  const rangePath = useRangePath();
  return (
    <div className="table-wrap">
      <table className="data-table" data-testid="tx-list-table">
        <thead>
          <tr>
            <th>Started</th>
            <th>Entry</th>
            <th>Function</th>
            <th>User</th>
            <th>Status</th>
            <th className="num">Duration</th>
          </tr>
        </thead>
        <tbody>
          {items.map((t) => (
            <tr
              key={t.id}
              className="clickable"
              data-testid="tx-list-row"
              data-id={t.id}
              data-status={t.status}
              onClick={rowClick(() => navigate(rangePath(paths.transaction(t.id))))}
            >
              <td>
                <RangeLink to={paths.transaction(t.id)} data-testid="tx-list-link" title={`Open the transaction (request ${t.id})`}>
                  <TimeText iso={t.start} />
                </RangeLink>
              </td>
              <td>
                <span className="tx-list-entry" data-kind={t.entry.kind}>
                  <span className="tag">{ENTRY_KIND_LABELS[t.entry.kind] ?? t.entry.kind}</span>
                  <button type="button" className="tx-list-filter-link mono" onClick={() => onFilter({ entry: t.entry.name })} title="Only this entry">
                    {t.entry.name}
                  </button>
                </span>
              </td>
              <td className="mono">{t.function}</td>
              <td>
                {t.user ? (
                  <button type="button" className="tx-list-filter-link mono" onClick={() => onFilter({ user: t.user ?? undefined })} title="Only this user">
                    {t.user}
                  </button>
                ) : (
                  <span className="text-muted">—</span>
                )}
              </td>
              <td>
                <span className={`pill pill-${t.status === 'error' ? 'error' : 'success'}`} data-testid="status-pill" data-status={t.status}>
                  {t.status === 'error' ? 'failed' : 'ok'}
                </span>
              </td>
              <td className="num">{formatDuration(t.durationMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
