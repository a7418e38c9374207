// assembleTransaction: spans + invocations of one connected component -> the Transaction the API returns.
import type { InvocationItem, SpanItem, Transaction, TxEdge, TxNode, TxStatus } from '@nightjar/model';
import { findEntry } from './entry.ts';
import { firstFailure } from './failure.ts';
import { failingLineage, findRootCause, lineageStart } from './root-cause.ts';
import { computeSkew, shiftInvocations, shiftSpans } from './skew.ts';
import { dedupeSpans, functionOf, indexSpans, type Invocation, type SpanIndex } from './spans.ts';
import { stitch, type EdgeAcc, type Graph, type NodeAcc } from './stitch.ts';
import { spanStartMs, toIso } from './time.ts';
import { usersOf } from './users.ts';

export interface AssembleInput {
  /** The id the transaction was looked up by (a trace id, span id, request id...). */
  id: string;
  spans: SpanItem[];
  /** Candidates: those whose trace id is one of the spans' traces, or whose request id is a lambda: key or a span's request id, join. */
  invocations: InvocationItem[];
  /** The gatherer hit its bounds. */
  truncated?: boolean;
}

const SOURCE_RANK = (it: InvocationItem): number => it.sources.length + (it.status === 'unknown' ? 0 : 10);

/** The invocations that belong to these spans (by trace id, lambda: key or request id), one per function + request id. */
export function joinInvocations(spans: readonly SpanItem[], invocations: readonly InvocationItem[]): InvocationItem[] {
  const traces = new Set(spans.map((s) => s.traceId));
  const requestIds = new Set<string>();
  for (const s of spans) {
    if (s.requestId) requestIds.add(s.requestId);
    for (const k of [...s.linkIn, ...s.linkOut]) if (k.startsWith('lambda:')) requestIds.add(k.slice(7));
  }
  const best = new Map<string, InvocationItem>();
  for (const it of invocations) {
    if (!((it.traceId !== null && traces.has(it.traceId)) || requestIds.has(it.requestId))) continue;
    const k = `${it.function}\u0000${it.requestId}`;
    const prev = best.get(k);
    if (prev === undefined || SOURCE_RANK(it) > SOURCE_RANK(prev)) best.set(k, it);
  }
  return [...best.values()];
}

function nodeStatus(n: NodeAcc): TxStatus {
  if (n.errors > 0) return 'error';
  if (n.type === 'lambda' && n.count > 0 && n.unknown === n.count) return 'unknown';
  return 'ok';
}

function toNode(n: NodeAcc): TxNode {
  return {
    id: n.id,
    type: n.type,
    name: n.name,
    status: nodeStatus(n),
    count: n.count,
    errors: n.errors,
    requestIds: n.requestIds,
    spanIds: n.spanIds,
    traced: n.traced,
    versions: [...n.versions].sort((a, b) => a.localeCompare(b, undefined, { numeric: true })),
    start: n.startMs === null ? null : toIso(n.startMs),
    durationMs: Math.round(n.durationMs * 1000) / 1000,
  };
}

function toEdge(e: EdgeAcc): TxEdge {
  return { from: e.from, to: e.to, via: e.via, count: e.count, status: e.errors > 0 ? 'error' : 'ok', spanIds: [...new Set(e.spanIds)] };
}

/** A platform-style record for traced invocations that have none. */
function syntheticItem(inv: Invocation): InvocationItem {
  const root = inv.root as SpanItem;
  return {
    function: inv.function,
    requestId: inv.requestId,
    version: inv.version,
    region: root.attributes['cloud.region'] ?? root.resource['cloud.region'] ?? null,
    start: root.start,
    durationMs: root.durationMs,
    billedDurationMs: null,
    memorySizeMb: null,
    maxMemoryUsedMb: null,
    initDurationMs: null,
    coldStart: root.attributes['faas.coldstart'] === 'true',
    status: inv.outcome === 'error' ? 'error' : 'success',
    errorType: null,
    errorMessage: null,
    costUsd: null,
    traceId: root.traceId,
    sources: ['tracer'],
  };
}

/** Index, stitch, correct clock skew (then stitch again on the corrected times). */
export function buildGraph(spans: SpanItem[], items: InvocationItem[]): { graph: Graph; spans: SpanItem[]; items: InvocationItem[]; skewMs: Record<string, number> } {
  let index: SpanIndex = indexSpans(spans, items);
  let graph = stitch(index);
  const skewMs = computeSkew(graph);
  if (Object.keys(skewMs).length > 0) {
    const fnOf = (s: SpanItem): string => {
      const k = index.invocationOfSpan.get(s.spanId);
      return (k === undefined ? undefined : index.invocationByKey.get(k)?.function) ?? functionOf(s);
    };
    spans = shiftSpans(spans, skewMs, fnOf);
    items = shiftInvocations(items, skewMs);
    index = indexSpans(spans, items);
    graph = stitch(index);
  }
  return { graph, spans, items, skewMs };
}

export function assembleTransaction(input: AssembleInput): Transaction {
  const deduped = dedupeSpans(input.spans);
  const joined = joinInvocations(deduped, input.invocations);
  const { graph, spans, skewMs } = buildGraph(deduped, joined);
  const index = graph.index;

  const failed = firstFailure(index.invocations);
  const entry = findEntry(graph, failed === null ? null : lineageStart(graph, failed.invocation, failed.failure));
  const lineage = failed === null ? null : failingLineage(graph, failed.invocation, failed.failure, entry?.invocation ?? null);
  const rootCause = failed === null || lineage === null ? null : findRootCause(graph, failed.failure, lineage);

  let startMs = Infinity;
  let endMs = -Infinity;
  for (const s of spans) {
    const t = spanStartMs(s);
    startMs = Math.min(startMs, t);
    endMs = Math.max(endMs, t + s.durationMs);
  }
  for (const inv of index.invocations) {
    if (inv.startMs <= 0) continue;
    startMs = Math.min(startMs, inv.startMs);
    endMs = Math.max(endMs, inv.startMs + inv.durationMs);
  }
  const anyError = index.invocations.some((i) => i.outcome === 'error') || spans.some((s) => s.status === 'error');
  const known = spans.length > 0 || index.invocations.some((i) => i.outcome !== 'unknown');
  const timeline = [...spans].sort((a, b) => spanStartMs(a) - spanStartMs(b) || a.spanId.localeCompare(b.spanId));

  const nodes = [...graph.nodes.values()]
    .sort((a, b) => (a.startMs ?? Infinity) - (b.startMs ?? Infinity) || a.id.localeCompare(b.id))
    .map(toNode);
  const edges = [...graph.edges.values()].sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to) || a.via.localeCompare(b.via)).map(toEdge);

  return {
    id: input.id,
    traceIds: [...new Set(spans.map((s) => s.traceId))].sort(),
    entry: entry?.entry ?? null,
    users: usersOf(index.invocations, entry?.invocation ?? null, lineage),
    status: anyError ? 'error' : known ? 'ok' : 'unknown',
    start: Number.isFinite(startMs) ? toIso(startMs) : null,
    durationMs: Number.isFinite(startMs) ? Math.round((endMs - startMs) * 1000) / 1000 : 0,
    rootCause,
    nodes,
    edges,
    spans: timeline,
    invocations: index.invocations.map((inv) => inv.item ?? syntheticItem(inv)),
    skewMs,
    truncated: input.truncated ?? false,
  };
}
