// Headline facts of a set of spans: duration, services, errors, root.
import type { SpanItem } from '@nightjar/model';
import { spanStartNs } from './waterfall-geometry';

export interface TraceSummary {
  spanCount: number;
  errorCount: number;
  services: string[];
  durationMs: number;
  start: string | null;
  root: SpanItem | null;
  /** Lambda invocations that took part: function + request id. */
  invocations: { functionName: string; requestId: string }[];
}

export function traceSummary(spans: readonly SpanItem[]): TraceSummary {
  if (spans.length === 0) {
    return { spanCount: 0, errorCount: 0, services: [], durationMs: 0, start: null, root: null, invocations: [] };
  }
  const ids = new Set(spans.map((s) => s.spanId));
  let first = spans[0] as SpanItem;
  let minNs = spanStartNs(first);
  let maxEndMs = 0;
  for (const s of spans) {
    const ns = spanStartNs(s);
    if (ns < minNs) {
      minNs = ns;
      first = s;
    }
  }
  for (const s of spans) maxEndMs = Math.max(maxEndMs, Number(spanStartNs(s) - minNs) / 1e6 + s.durationMs);
  const roots = spans.filter((s) => !s.parentSpanId || !ids.has(s.parentSpanId));
  const root = roots.find((s) => s.spanId === first.spanId) ?? roots[0] ?? first;
  const invocations = new Map<string, { functionName: string; requestId: string }>();
  for (const s of spans) {
    if (s.functionName && s.requestId) invocations.set(`${s.functionName}\n${s.requestId}`, { functionName: s.functionName, requestId: s.requestId });
  }
  return {
    spanCount: ids.size,
    errorCount: spans.filter((s) => s.status === 'error').length,
    services: [...new Set(spans.map((s) => s.service).filter((x) => x !== ''))].sort(),
    durationMs: maxEndMs,
    start: first.start,
    root,
    invocations: [...invocations.values()],
  };
}
