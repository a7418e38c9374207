// "Load older" paging that survives auto-refresh: the refreshed first page is merged with the
// pages already loaded, unless so many new invocations arrived that a gap could hide between them.
import type { InvocationItem } from '@nightjar/model';

export interface MergedPages {
  items: InvocationItem[];
  /** True when the older pages were dropped because they no longer join the first page. */
  gap: boolean;
}

const keyOf = (i: InvocationItem): string => `${i.function}\n${i.requestId}`;
const timeOf = (i: InvocationItem): number => (i.start ? Date.parse(i.start) : Number.NEGATIVE_INFINITY);

/** Newest first, one row per invocation, rows without a start last. */
export function sortNewestFirst(items: readonly InvocationItem[]): InvocationItem[] {
  const seen = new Set<string>();
  const out: InvocationItem[] = [];
  for (const i of items) {
    const k = keyOf(i);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(i);
  }
  return out.sort((a, b) => timeOf(b) - timeOf(a));
}

/**
 * first: the latest fetch of the newest page (limit pageSize); older: everything shown before plus
 * the pages loaded with `before`. Fresh copies of a row (from `first`) replace older copies.
 */
export function mergePages(first: readonly InvocationItem[], older: readonly InvocationItem[], pageSize: number): MergedPages {
  if (older.length === 0) return { items: sortNewestFirst(first), gap: false };
  if (first.length >= pageSize && first.length > 0) {
    const oldestFirst = Math.min(...first.map(timeOf));
    const newestOlder = Math.max(...older.map(timeOf));
    const firstKeys = new Set(first.map(keyOf));
    const overlaps = older.some((i) => firstKeys.has(keyOf(i)));
    if (!overlaps && newestOlder < oldestFirst) return { items: sortNewestFirst(first), gap: true };
  }
  return { items: sortNewestFirst([...first, ...older]), gap: false };
}

/** The `before` cursor for the next older page: the start of the oldest row shown. */
export function olderCursor(items: readonly InvocationItem[]): string | null {
  let best: InvocationItem | null = null;
  for (const i of items) if (i.start && (best === null || timeOf(i) < timeOf(best))) best = i;
  return best?.start ?? null;
}
