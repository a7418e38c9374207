// Waterfall layout: spans in parent/child order with depth, and bar offset/width as percentages of
// the whole trace (relative to its earliest span). Pure: no React, no DOM.
import type { SpanItem } from '@nightjar/model';

export interface WaterfallMarker {
  pct: number;
  name: string;
  exception: boolean;
}

export interface WaterfallRow {
  span: SpanItem;
  depth: number;
  /** Milliseconds from the earliest span start. */
  offsetMs: number;
  offsetPct: number;
  widthPct: number;
  /** Direct children in the trace (shown or collapsed). */
  childCount: number;
  collapsed: boolean;
  /** The parent span id names a span that is not here (yet). */
  orphan: boolean;
  markers: WaterfallMarker[];
}

export interface WaterfallLayout {
  rows: WaterfallRow[];
  /** Earliest start to latest end, in ms (at least a tiny positive number). */
  totalMs: number;
  startNs: bigint;
  spanCount: number;
}

export function spanStartNs(span: SpanItem): bigint {
  if (/^\d+$/.test(span.startNs)) return BigInt(span.startNs);
  const ms = Date.parse(span.start);
  return Number.isFinite(ms) ? BigInt(Math.round(ms)) * 1_000_000n : 0n;
}

export function waterfallLayout(spans: readonly SpanItem[], collapsed: ReadonlySet<string> = new Set()): WaterfallLayout {
  // One entry per span id (a span reported twice is drawn once).
  const byId = new Map<string, SpanItem>();
  for (const s of spans) if (!byId.has(s.spanId)) byId.set(s.spanId, s);
  const unique = [...byId.values()];
  if (unique.length === 0) return { rows: [], totalMs: 1, startNs: 0n, spanCount: 0 };

  const starts = new Map<string, bigint>();
  for (const s of unique) starts.set(s.spanId, spanStartNs(s));
  let minNs = -1n;
  for (const v of starts.values()) if (minNs < 0n || v < minNs) minNs = v;
  const offsetMsOf = (s: SpanItem): number => Number((starts.get(s.spanId) ?? minNs) - minNs) / 1e6;
  let totalMs = 0;
  for (const s of unique) totalMs = Math.max(totalMs, offsetMsOf(s) + Math.max(0, s.durationMs));
  if (!(totalMs > 0)) totalMs = 0.001;
  const minMs = Number(minNs / 1_000_000n) + Number(minNs % 1_000_000n) / 1e6;

  const children = new Map<string, SpanItem[]>();
  const roots: SpanItem[] = [];
  for (const s of unique) {
    if (s.parentSpanId && s.parentSpanId !== s.spanId && byId.has(s.parentSpanId)) {
      const list = children.get(s.parentSpanId) ?? [];
      list.push(s);
      children.set(s.parentSpanId, list);
    } else {
      roots.push(s);
    }
  }
  const byStart = (a: SpanItem, b: SpanItem): number => {
    const d = (starts.get(a.spanId) ?? 0n) - (starts.get(b.spanId) ?? 0n);
    return d < 0n ? -1 : d > 0n ? 1 : a.name.localeCompare(b.name);
  };

  const rows: WaterfallRow[] = [];
  const seen = new Set<string>();
  const visit = (s: SpanItem, depth: number): void => {
    if (seen.has(s.spanId)) return;
    seen.add(s.spanId);
    const kids = (children.get(s.spanId) ?? []).slice().sort(byStart);
    const offsetMs = offsetMsOf(s);
    const offsetPct = clamp((offsetMs / totalMs) * 100);
    const widthPct = Math.min(100 - offsetPct, clamp((Math.max(0, s.durationMs) / totalMs) * 100));
    const isCollapsed = collapsed.has(s.spanId) && kids.length > 0;
    rows.push({
      span: s,
      depth,
      offsetMs,
      offsetPct,
      widthPct,
      childCount: kids.length,
      collapsed: isCollapsed,
      orphan: s.parentSpanId !== '' && !byId.has(s.parentSpanId),
      markers: s.events.map((e) => ({
        pct: clamp(((Date.parse(e.time) - minMs) / totalMs) * 100),
        name: e.name,
        exception: e.name === 'exception',
      })),
    });
    if (isCollapsed) {
      markSeen(s.spanId);
      return;
    }
    for (const k of kids) visit(k, depth + 1);
  };
  const markSeen = (id: string): void => {
    for (const k of children.get(id) ?? []) {
      if (seen.has(k.spanId)) continue;
      seen.add(k.spanId);
      markSeen(k.spanId);
    }
  };
  for (const root of roots.sort(byStart)) visit(root, 0);
  // Spans caught in a parent cycle are unreachable from any root: show them at the top level.
  for (const s of unique.slice().sort(byStart)) if (!seen.has(s.spanId)) visit(s, 0);

  return { rows, totalMs, startNs: minNs, spanCount: unique.length };
}

/** Axis ticks across a trace of totalMs: about maxTicks round steps (1, 2, 5 x 10^n ms). */
export function waterfallTicks(totalMs: number, maxTicks = 5): { ms: number; pct: number }[] {
  if (!(totalMs > 0)) return [{ ms: 0, pct: 0 }];
  const raw = totalMs / maxTicks;
  const exp = Math.floor(Math.log10(raw));
  const base = 10 ** exp;
  const step = ([1, 2, 5, 10].map((m) => m * base).find((v) => v >= raw) ?? 10 * base);
  const out: { ms: number; pct: number }[] = [];
  for (let i = 0; i * step <= totalMs + 1e-9; i += 1) {
    const ms = Number((i * step).toPrecision(12));
    out.push({ ms, pct: (ms / totalMs) * 100 });
  }
  return out;
}

function clamp(pct: number): number {
  if (!Number.isFinite(pct)) return 0;
  return Math.min(100, Math.max(0, pct));
}
