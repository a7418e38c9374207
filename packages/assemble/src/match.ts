// Which producer spans a consumer's stitching key refers to.
import type { SpanItem } from '@nightjar/model';
import { spanStartMs } from './time.ts';

/**
 * The producers of `key` for a consumer starting at `consumerStartMs`. Every producer, except for
 * DynamoDB keys (the same item key can be written many times): the nearest earlier producer only
 * (a stream record's key hash also matches the later writes of the same item, which it cannot
 * come from; so a DynamoDB link hidden by clock skew stays unmatched).
 */
export function matchProducers(key: string, consumerStartMs: number, producers: readonly SpanItem[] | undefined): SpanItem[] {
  if (producers === undefined || producers.length === 0) return [];
  if (!key.startsWith('ddb:')) return [...producers];
  let earlier: SpanItem | undefined;
  for (const p of producers) {
    const t = spanStartMs(p);
    if (t <= consumerStartMs && (earlier === undefined || t > spanStartMs(earlier) || (t === spanStartMs(earlier) && p.spanId < earlier.spanId))) earlier = p;
  }
  return earlier === undefined ? [] : [earlier];
}

export function indexByKey(spans: readonly SpanItem[], field: 'linkOut' | 'linkIn'): Map<string, SpanItem[]> {
  const m = new Map<string, SpanItem[]>();
  for (const s of spans) {
    for (const k of s[field]) {
      const list = m.get(k);
      if (list === undefined) m.set(k, [s]);
      else if (list[list.length - 1] !== s) list.push(s);
    }
  }
  return m;
}
