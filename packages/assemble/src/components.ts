// The connected component around some seed spans: whole traces, joined by matching stitching keys
// (a producer's link_out = a consumer's link_in), bounded in traces and spans.
import type { SpanItem } from '@nightjar/model';
import { indexByKey, matchProducers } from './match.ts';
import { dedupeSpans } from './spans.ts';
import { spanStartMs } from './time.ts';

export interface Bounds {
  /** Default 500. */
  maxTraces?: number;
  /** Default 10,000. */
  maxSpans?: number;
}

export const DEFAULT_BOUNDS = { maxTraces: 500, maxSpans: 10_000 } as const;

export interface Component {
  spans: SpanItem[];
  traceIds: string[];
  /** True when a bound stopped the walk before the component was complete. */
  truncated: boolean;
}

export interface LinkKeys {
  /** Keys produced here: look up spans whose link_in holds one (their consumers). */
  linkOut: string[];
  /** Keys consumed here: look up spans whose link_out holds one (their producers). */
  linkIn: string[];
}

/**
 * The stitching keys of some spans, for a store's gatherer: fetch the traces, then the spans whose
 * link_in is in `linkOut` or whose link_out is in `linkIn`, then their traces, until no new trace
 * appears or the bounds are hit; then call connectedSpans / assembleTransaction on what it has.
 */
export function keysOf(spans: readonly SpanItem[]): LinkKeys {
  const out = new Set<string>();
  const inn = new Set<string>();
  for (const s of spans) {
    for (const k of s.linkOut) out.add(k);
    for (const k of s.linkIn) inn.add(k);
  }
  return { linkOut: [...out].sort(), linkIn: [...inn].sort() };
}

/**
 * Everything reachable from the seeds in memory: a trace joins whole (parent/child and propagated
 * trace context share the trace id); keys join producer and consumer spans (DynamoDB keys: only the
 * nearest earlier producer). Deterministic; never loops (each trace is visited once).
 */
export function connectedSpans(spans: readonly SpanItem[], seedSpanIds: readonly string[], bounds: Bounds = {}): Component {
  const maxTraces = bounds.maxTraces ?? DEFAULT_BOUNDS.maxTraces;
  const maxSpans = bounds.maxSpans ?? DEFAULT_BOUNDS.maxSpans;
  const all = dedupeSpans(spans);
  const byTrace = new Map<string, SpanItem[]>();
  const byId = new Map<string, SpanItem>();
  for (const s of all) {
    byId.set(s.spanId, s);
    const list = byTrace.get(s.traceId);
    if (list === undefined) byTrace.set(s.traceId, [s]);
    else list.push(s);
  }
  const producers = indexByKey(all, 'linkOut');
  const consumers = indexByKey(all, 'linkIn');
  const traces: string[] = [];
  const seen = new Set<string>();
  const queue: string[] = [];
  let spanCount = 0;
  let truncated = false;
  const want = (traceId: string): void => {
    if (!seen.has(traceId)) {
      seen.add(traceId);
      queue.push(traceId);
    }
  };
  for (const id of seedSpanIds) {
    const s = byId.get(id);
    if (s !== undefined) want(s.traceId);
  }
  const out: SpanItem[] = [];
  for (let qi = 0; qi < queue.length; qi++) {
    const traceId = queue[qi] as string;
    const members = byTrace.get(traceId) ?? [];
    if (traces.length + 1 > maxTraces || spanCount + members.length > maxSpans) {
      truncated = true;
      break;
    }
    traces.push(traceId);
    spanCount += members.length;
    for (const s of members) {
      out.push(s);
      for (const k of s.linkIn) for (const p of matchProducers(k, spanStartMs(s), producers.get(k))) want(p.traceId);
      for (const k of s.linkOut) {
        for (const c of consumers.get(k) ?? []) {
          if (c.traceId === traceId || seen.has(c.traceId)) continue;
          if (matchProducers(k, spanStartMs(c), producers.get(k)).includes(s)) want(c.traceId);
        }
      }
    }
  }
  out.sort((a, b) => spanStartMs(a) - spanStartMs(b) || a.spanId.localeCompare(b.spanId));
  return { spans: out, traceIds: traces, truncated };
}
