// The service map over a time window: every node and edge of the stitched graph of all spans and
// invocations given, with request counts, errors and latency percentiles. Edges between spans that
// arrived in different export requests are not lost: it is all key matching.
import type { InvocationItem, ServiceMap, SpanItem } from '@nightjar/model';
import { buildGraph, joinInvocations } from './assemble-transaction.ts';
import { dedupeSpans } from './spans.ts';
import { percentile } from './time.ts';

const round = (v: number | null): number | null => (v === null ? null : Math.round(v * 1000) / 1000);

export function serviceMap(spans: SpanItem[], invocations: InvocationItem[]): ServiceMap {
  const deduped = dedupeSpans(spans);
  // Every invocation of the window belongs to the map (untraced ones too), one per function + request id.
  const items = [...joinInvocations(deduped, invocations), ...invocations];
  const seen = new Set<string>();
  const unique = items.filter((it) => {
    const k = `${it.function}\u0000${it.requestId}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  const { graph } = buildGraph(deduped, unique);
  const nodes = [...graph.nodes.values()]
    .map((n) => ({ id: n.id, type: n.type, name: n.name, requests: n.count, errors: n.errors, p50Ms: round(percentile(n.durations, 50)), p95Ms: round(percentile(n.durations, 95)) }))
    .sort((a, b) => a.id.localeCompare(b.id));
  const edges = [...graph.edges.values()]
    .map((e) => ({ from: e.from, to: e.to, via: e.via, count: e.count, errors: e.errors, p50Ms: round(percentile(e.durations, 50)) }))
    .sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to) || a.via.localeCompare(b.via));
  return { nodes, edges };
}
