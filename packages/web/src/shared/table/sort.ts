// Client-side sorting for tables: numbers, strings and ISO times; missing values always last.

export type SortDir = 'asc' | 'desc';

export interface SortState<K extends string> {
  key: K;
  dir: SortDir;
}

type Sortable = string | number | boolean | null | undefined;

export function compareValues(a: Sortable, b: Sortable, dir: SortDir): number {
  const aMissing = a === null || a === undefined || (typeof a === 'number' && Number.isNaN(a));
  const bMissing = b === null || b === undefined || (typeof b === 'number' && Number.isNaN(b));
  if (aMissing || bMissing) return aMissing === bMissing ? 0 : aMissing ? 1 : -1;
  let c: number;
  if (typeof a === 'number' && typeof b === 'number') c = a - b;
  else if (typeof a === 'boolean' && typeof b === 'boolean') c = Number(a) - Number(b);
  else c = String(a).localeCompare(String(b), 'en', { numeric: true, sensitivity: 'base' });
  return dir === 'asc' ? c : -c;
}

/** A sorted copy; ties keep their original order. */
export function sortRows<T, K extends string>(rows: readonly T[], sort: SortState<K>, value: (row: T, key: K) => Sortable): T[] {
  return rows
    .map((row, i) => ({ row, i }))
    .sort((x, y) => compareValues(value(x.row, sort.key), value(y.row, sort.key), sort.dir) || x.i - y.i)
    .map((x) => x.row);
}

/** Clicking a column header: same column flips, a new column starts at its natural direction. */
export function nextSort<K extends string>(current: SortState<K>, key: K, naturalDir: SortDir): SortState<K> {
  if (current.key === key) return { key, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { key, dir: naturalDir };
}
