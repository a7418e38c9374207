// Clock skew between functions: a consumer cannot start before its producer's call started. When
// it appears to, every span of the consumer's function is shifted later by the smallest amount that
// fixes it (per function, the largest amount needed). Deterministic, bounded (no loop on cycles).
import type { InvocationItem, SpanItem } from '@nightjar/model';
import type { Graph } from './stitch.ts';
import { isoStartMs, shiftNs, spanStartMs, toIso } from './time.ts';

/** Per function: ms to add to its spans' starts (only functions that need it). */
export function computeSkew(graph: Graph): Record<string, number> {
  const shift = new Map<string, number>();
  const fns = new Set(graph.index.invocations.map((i) => i.function));
  const rounds = fns.size + 1;
  for (let round = 0; round < rounds; round++) {
    let changed = false;
    for (const inv of graph.index.invocations) {
      const hops = graph.preds.get(inv.key);
      if (hops === undefined) continue;
      for (const hop of hops) {
        if (hop.from.function === inv.function) continue;
        const producerStart = spanStartMs(hop.span) + (shift.get(hop.from.function) ?? 0);
        const consumerStart = inv.startMs + (shift.get(inv.function) ?? 0);
        // In whole µs (float ms of epoch times carry ~0.1 µs of noise).
        const need = Math.round((producerStart - consumerStart) * 1000) / 1000;
        // Untraced invocations start at a platform log's ms-truncated time: tolerate that rounding.
        if (need > (inv.root === null ? 1 : 0)) {
          shift.set(inv.function, (shift.get(inv.function) ?? 0) + need);
          changed = true;
        }
      }
    }
    if (!changed) break;
  }
  const out: Record<string, number> = {};
  for (const [fn, ms] of [...shift].sort((a, b) => a[0].localeCompare(b[0]))) if (ms > 0) out[fn] = Math.round(ms * 1000) / 1000;
  return out;
}

export function shiftSpans(spans: readonly SpanItem[], skew: Record<string, number>, functionOfSpan: (s: SpanItem) => string): SpanItem[] {
  return spans.map((s) => {
    const ms = skew[functionOfSpan(s)];
    if (ms === undefined || ms === 0) return s;
    const startNs = shiftNs(s.startNs, ms);
    return { ...s, startNs, start: toIso(spanStartMs({ startNs, start: s.start })), events: s.events.map((e) => ({ ...e, time: shiftIso(e.time, ms) })) };
  });
}

function shiftIso(iso: string, ms: number): string {
  const t = isoStartMs(iso);
  return t === null ? iso : toIso(t + ms);
}

export function shiftInvocations(items: readonly InvocationItem[], skew: Record<string, number>): InvocationItem[] {
  return items.map((it) => {
    const ms = skew[it.function];
    if (ms === undefined || ms === 0 || it.start === null) return it;
    return { ...it, start: shiftIso(it.start, ms) };
  });
}
