// Every span of a transaction on one time axis, grouped by invocation (function + request id):
// the invocation's root span first, then its calls in parent/child order. Pure: no React, no DOM.
import type { InvocationItem, SpanItem } from '@nightjar/model';
import { spanStartNs } from '../traces/waterfall-geometry';

export interface TimelineRow {
  span: SpanItem;
  depth: number;
  offsetMs: number;
  offsetPct: number;
  widthPct: number;
}

export interface TimelineGroup {
  key: string;
  function: string;
  requestId: string | null;
  invocation: InvocationItem | null;
  offsetMs: number;
  rows: TimelineRow[];
}

export interface Timeline {
  groups: TimelineGroup[];
  totalMs: number;
  startNs: bigint;
}

export function timeline(spans: readonly SpanItem[], invocations: readonly InvocationItem[]): Timeline {
  const byId = new Map<string, SpanItem>();
  for (const s of spans) if (!byId.has(s.spanId)) byId.set(s.spanId, s);
  const unique = [...byId.values()];
  if (unique.length === 0) return { groups: [], totalMs: 1, startNs: 0n };
  const starts = new Map(unique.map((s) => [s.spanId, spanStartNs(s)]));
  let minNs = -1n;
  for (const v of starts.values()) if (minNs < 0n || v < minNs) minNs = v;
  const offsetOf = (s: SpanItem) => Number((starts.get(s.spanId) ?? minNs) - minNs) / 1e6;
  let totalMs = 0;
  for (const s of unique) totalMs = Math.max(totalMs, offsetOf(s) + Math.max(0, s.durationMs));
  if (!(totalMs > 0)) totalMs = 0.001;

  // The invocation a span belongs to: its own request id, else the nearest ancestor's.
  const groupOf = (s: SpanItem): string => {
    let cur: SpanItem | undefined = s;
    const seen = new Set<string>();
    while (cur && !seen.has(cur.spanId)) {
      if (cur.requestId) return `${cur.functionName || cur.service}\u0000${cur.requestId}`;
      seen.add(cur.spanId);
      cur = byId.get(cur.parentSpanId);
    }
    return `${s.functionName || s.service || '?'}\u0000`;
  };
  const members = new Map<string, SpanItem[]>();
  for (const s of unique) {
    const k = groupOf(s);
    const list = members.get(k);
    if (list) list.push(s);
    else members.set(k, [s]);
  }
  const invById = new Map(invocations.map((i) => [i.requestId, i]));
  const groups: TimelineGroup[] = [];
  for (const [key, list] of members) {
    const [fn = '', rid = ''] = key.split('\u0000');
    const inGroup = new Set(list.map((s) => s.spanId));
    const kids = new Map<string, SpanItem[]>();
    const roots: SpanItem[] = [];
    for (const s of list) {
      if (inGroup.has(s.parentSpanId) && s.parentSpanId !== s.spanId) {
        const k = kids.get(s.parentSpanId);
        if (k) k.push(s);
        else kids.set(s.parentSpanId, [s]);
      } else roots.push(s);
    }
    const byStart = (a: SpanItem, b: SpanItem) => offsetOf(a) - offsetOf(b);
    const rows: TimelineRow[] = [];
    const visit = (s: SpanItem, depth: number) => {
      const offsetMs = offsetOf(s);
      rows.push({ span: s, depth, offsetMs, offsetPct: (offsetMs / totalMs) * 100, widthPct: (Math.max(0, s.durationMs) / totalMs) * 100 });
      for (const c of (kids.get(s.spanId) ?? []).sort(byStart)) visit(c, depth + 1);
    };
    for (const r of roots.sort(byStart)) visit(r, 0);
    groups.push({ key, function: fn, requestId: rid || null, invocation: rid ? invById.get(rid) ?? null : null, offsetMs: Math.min(...rows.map((r) => r.offsetMs)), rows });
  }
  groups.sort((a, b) => a.offsetMs - b.offsetMs || a.key.localeCompare(b.key));
  return { groups, totalMs, startNs: minNs };
}
