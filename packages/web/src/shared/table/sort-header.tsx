import type { SortDir, SortState } from './sort';

interface SortHeaderProps<K extends string> {
  label: string;
  sortKey: K;
  sort: SortState<K>;
  onSort: (key: K, naturalDir: SortDir) => void;
  numeric?: boolean;
  /** Direction on first click: numbers start high-to-low. */
  naturalDir?: SortDir;
  title?: string;
}

export function SortHeader<K extends string>({ label, sortKey, sort, onSort, numeric, naturalDir, title }: SortHeaderProps<K>) {
  const active = sort.key === sortKey;
  const ariaSort = active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none';
  return (
    <th className={`${numeric ? 'num' : ''} sortable ${active ? 'is-sorted' : ''}`} aria-sort={ariaSort} title={title}>
      <button type="button" onClick={() => onSort(sortKey, naturalDir ?? (numeric ? 'desc' : 'asc'))} data-sort-key={sortKey}>
        {label}
        <span className="sort-arrow" aria-hidden="true">
          {active ? (sort.dir === 'asc' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  );
}
