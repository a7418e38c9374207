// Span bookkeeping: deduplication by span id and grouping into invocations (root span + its spans).
import type { InvocationItem, SpanItem } from '@nightjar/model';
import { isoStartMs, spanStartMs } from './time.ts';

function completeness(s: SpanItem): number {
  return (
    Object.keys(s.attributes).length +
    s.events.length +
    s.linkIn.length +
    s.linkOut.length +
    (s.input.length > 0 ? 1 : 0) +
    (s.output.length > 0 ? 1 : 0) +
    (s.status === 'unset' ? 0 : 1)
  );
}

/** One span per span id: the longest, then the most complete (a span re-exported after an update wins). */
export function dedupeSpans(spans: readonly SpanItem[]): SpanItem[] {
  const best = new Map<string, SpanItem>();
  for (const s of spans) {
    const prev = best.get(s.spanId);
    if (prev === undefined) best.set(s.spanId, s);
    else if (s.durationMs > prev.durationMs || (s.durationMs === prev.durationMs && completeness(s) > completeness(prev))) best.set(s.spanId, s);
  }
  return [...best.values()];
}

export function functionOf(s: SpanItem): string {
  return s.functionName || s.attributes['faas.name'] || s.resource['faas.name'] || s.service;
}

/** An invocation's root span: server/consumer, in a function, with no parent in the same function. */
export function isRootSpan(s: SpanItem, byId: ReadonlyMap<string, SpanItem>): boolean {
  if (s.kind !== 'server' && s.kind !== 'consumer') return false;
  if (!s.functionName && s.attributes['faas.name'] === undefined) return false;
  if (!s.parentSpanId) return true;
  const parent = byId.get(s.parentSpanId);
  return parent === undefined || functionOf(parent) !== functionOf(s);
}

export type Outcome = 'ok' | 'error' | 'unknown';

/** One invocation of a function: its root span (when traced), its spans, and its platform record. */
export interface Invocation {
  /** Root span id, or "inv:<function>:<requestId>" for untraced invocations. */
  key: string;
  function: string;
  requestId: string;
  root: SpanItem | null;
  spans: SpanItem[];
  item: InvocationItem | null;
  startMs: number;
  durationMs: number;
  outcome: Outcome;
  version: string | null;
}

const FAILED = new Set(['error', 'timeout', 'out_of_memory', 'init_error', 'crash']);

export function invocationOutcome(root: SpanItem | null, item: InvocationItem | null): Outcome {
  if (root !== null) {
    const st = root.attributes['nightjar.invocation.status'];
    if (root.status === 'error' || (st !== undefined && st !== 'success')) return 'error';
  }
  if (item !== null && FAILED.has(item.status)) return 'error';
  if (root !== null || (item !== null && item.status === 'success')) return 'ok';
  return 'unknown';
}

export interface SpanIndex {
  spans: SpanItem[];
  byId: Map<string, SpanItem>;
  invocations: Invocation[];
  /** Span id -> invocation key. */
  invocationOfSpan: Map<string, string>;
  invocationByKey: Map<string, Invocation>;
}

/** Groups deduplicated spans into invocations and joins the platform records (by function + request id). */
export function indexSpans(spans: SpanItem[], items: readonly InvocationItem[]): SpanIndex {
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  const invocations: Invocation[] = [];
  const invocationByKey = new Map<string, Invocation>();
  const firstRootOf = new Map<string, Invocation>(); // function \0 requestId -> first root invocation
  const itemsByReq = new Map<string, InvocationItem>();
  for (const it of items) itemsByReq.set(`${it.function}\u0000${it.requestId}`, it);
  const roots = spans.filter((s) => isRootSpan(s, byId)).sort((a, b) => spanStartMs(a) - spanStartMs(b) || a.spanId.localeCompare(b.spanId));
  const usedItems = new Set<string>();
  for (const r of roots) {
    const fn = functionOf(r);
    const requestId = r.requestId || r.attributes['faas.invocation_id'] || '';
    const reqKey = `${fn}\u0000${requestId}`;
    const item = requestId ? (itemsByReq.get(reqKey) ?? null) : null;
    if (item !== null) usedItems.add(reqKey);
    const inv: Invocation = {
      key: r.spanId,
      function: fn,
      requestId,
      root: r,
      spans: [],
      item,
      startMs: spanStartMs(r),
      durationMs: r.durationMs,
      outcome: invocationOutcome(r, item),
      version: r.attributes['faas.version'] ?? r.resource['faas.version'] ?? item?.version ?? null,
    };
    invocations.push(inv);
    invocationByKey.set(inv.key, inv);
    if (requestId && !firstRootOf.has(reqKey)) firstRootOf.set(reqKey, inv);
  }
  // Every span to its invocation: up the parent chain to a root, else by function + request id.
  const invocationOfSpan = new Map<string, string>();
  const resolve = (s: SpanItem): string | undefined => {
    const seen: SpanItem[] = [];
    let cur: SpanItem | undefined = s;
    let found: string | undefined;
    while (cur !== undefined && seen.length < 1000) {
      const known = invocationOfSpan.get(cur.spanId);
      if (known !== undefined) {
        found = known;
        break;
      }
      if (invocationByKey.has(cur.spanId)) {
        found = cur.spanId;
        break;
      }
      seen.push(cur);
      const parent: SpanItem | undefined = cur.parentSpanId ? byId.get(cur.parentSpanId) : undefined;
      if (parent === undefined || functionOf(parent) !== functionOf(cur)) break;
      cur = parent;
    }
    if (found === undefined) {
      const req = s.requestId || s.attributes['faas.invocation_id'] || '';
      found = req ? firstRootOf.get(`${functionOf(s)}\u0000${req}`)?.key : undefined;
    }
    if (found !== undefined) {
      invocationOfSpan.set(s.spanId, found);
      for (const x of seen) invocationOfSpan.set(x.spanId, found);
    }
    return found;
  };
  for (const s of spans) {
    const key = resolve(s);
    if (key !== undefined) invocationByKey.get(key)?.spans.push(s);
  }
  // Invocations known only from platform logs.
  for (const it of items) {
    const reqKey = `${it.function}\u0000${it.requestId}`;
    if (usedItems.has(reqKey)) continue;
    usedItems.add(reqKey);
    const inv: Invocation = {
      key: `inv:${it.function}:${it.requestId}`,
      function: it.function,
      requestId: it.requestId,
      root: null,
      spans: [],
      item: it,
      startMs: isoStartMs(it.start) ?? 0,
      durationMs: it.durationMs ?? 0,
      outcome: invocationOutcome(null, it),
      version: it.version,
    };
    invocations.push(inv);
    invocationByKey.set(inv.key, inv);
  }
  invocations.sort((a, b) => a.startMs - b.startMs || a.key.localeCompare(b.key));
  return { spans, byId, invocations, invocationOfSpan, invocationByKey };
}
