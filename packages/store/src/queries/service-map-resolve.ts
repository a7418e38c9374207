// Turns service_edges aggregates into the service map's edges and nodes (no I/O): unresolved edges
// ("?" + fallback) are attributed to their sample keys' producer peers (or the fallback for a sample
// without a traced producer), split in proportion to the samples; a peer equal to the edge's own target
// adds nothing (the trigger edge already counts it).
import type { ServiceMapEdge, ServiceMapNode, TxEdgeVia, TxNodeType } from '@nightjar/model';
import { addHistogram, histogramQuantiles, type Histogram } from '../rollup/duration-histogram.ts';

export interface EdgeAggregate {
  from: string;
  to: string;
  via: string;
  calls: number;
  errors: number;
  /** Durations (rollup/duration-histogram.ts). */
  hist: Histogram;
  samples: string[];
}

export interface LambdaFigures {
  function: string;
  invocations: number;
  errors: number;
  p50Ms: number | null;
  p95Ms: number | null;
}

interface Acc {
  from: string;
  to: string;
  via: string;
  calls: number;
  errors: number;
  /** Durations of the parts attributed to it, each in its share. */
  hist: Map<number, number>;
}

const round = (v: number): number => Math.round(v * 1000) / 1000;

/** Stitching keys whose producer must be looked up (samples of unresolved edges). */
export function keysToResolve(rows: readonly EdgeAggregate[]): string[] {
  const keys = new Set<string>();
  for (const r of rows) if (r.from.startsWith('?')) for (const k of r.samples) if (k !== '') keys.add(k);
  return [...keys];
}

export function resolveEdges(rows: readonly EdgeAggregate[], peerOf: ReadonlyMap<string, string>): Acc[] {
  const acc = new Map<string, Acc>();
  const add = (from: string, to: string, via: string, share: number, r: EdgeAggregate): void => {
    if (from === to || share <= 0) return;
    const k = `${from}\u0000${to}\u0000${via}`;
    let a = acc.get(k);
    if (a === undefined) acc.set(k, (a = { from, to, via, calls: 0, errors: 0, hist: new Map() }));
    a.calls += r.calls * share;
    a.errors += r.errors * share;
    addHistogram(a.hist, r.hist, share);
  };
  for (const r of rows) {
    if (!r.from.startsWith('?')) {
      add(r.from, r.to, r.via, 1, r);
      continue;
    }
    // Each sample speaks for an equal share: its producer's peer, else the fallback (or nothing).
    const fallback = r.from.slice(1);
    const samples = r.samples.filter((k) => k !== '');
    if (samples.length === 0) {
      if (fallback !== '') add(fallback, r.to, r.via, 1, r);
      continue;
    }
    const counts = new Map<string, number>();
    for (const k of samples) {
      const p = peerOf.get(k) || fallback;
      if (p !== '') counts.set(p, (counts.get(p) ?? 0) + 1);
    }
    for (const [p, n] of counts) add(p, r.to, r.via, n / samples.length, r);
  }
  return [...acc.values()];
}

const typeOf = (id: string): TxNodeType => id.slice(0, Math.max(0, id.indexOf(':'))) as TxNodeType;
const nameOf = (id: string): string => id.slice(id.indexOf(':') + 1);
export function toMapEdges(acc: readonly Acc[]): ServiceMapEdge[] {
  return acc
    .map((a) => ({ from: a.from, to: a.to, via: a.via as TxEdgeVia, count: Math.round(a.calls), errors: Math.round(a.errors), p50Ms: histogramQuantiles(a.hist, [0.5])[0] ?? null }))
    .filter((e) => e.count > 0)
    .sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to) || a.via.localeCompare(b.via));
}

/**
 * Nodes: functions from the invocation rollup (every function with invocations, traced or not);
 * other nodes from their edges: calls into them from functions (requests, errors, call latency),
 * else what they delivered (an API route's or schedule's invocations, a queue nothing traced sent to).
 */
export function mapNodes(acc: readonly Acc[], lambdas: readonly LambdaFigures[]): ServiceMapNode[] {
  const nodes = new Map<string, ServiceMapNode>();
  for (const l of lambdas) {
    const id = `lambda:${l.function}`;
    nodes.set(id, { id, type: 'lambda', name: l.function, requests: l.invocations, errors: l.errors, p50Ms: l.p50Ms, p95Ms: l.p95Ms });
  }
  const side = new Map<string, { inCalls: number; inErrors: number; inHist: Map<number, number>; outCalls: number; outErrors: number; outHist: Map<number, number> }>();
  const sideOf = (id: string) => {
    let s = side.get(id);
    if (s === undefined) side.set(id, (s = { inCalls: 0, inErrors: 0, inHist: new Map(), outCalls: 0, outErrors: 0, outHist: new Map() }));
    return s;
  };
  for (const a of acc) {
    const into = sideOf(a.to);
    if (a.from.startsWith('lambda:')) {
      into.inCalls += a.calls;
      into.inErrors += a.errors;
      addHistogram(into.inHist, a.hist);
    }
    const out = sideOf(a.from);
    out.outCalls += a.calls;
    out.outErrors += a.errors;
    addHistogram(out.outHist, a.hist);
  }
  for (const [id, s] of side) {
    if (nodes.has(id)) continue;
    const inbound = s.inCalls > 0;
    const qs = histogramQuantiles(inbound ? s.inHist : s.outHist, [0.5, 0.95]);
    const lambda = id.startsWith('lambda:');
    nodes.set(id, {
      id,
      type: lambda ? 'lambda' : typeOf(id),
      name: nameOf(id),
      // A function only seen called (Invoke), without invocations of its own in the window.
      requests: Math.round(inbound ? s.inCalls : s.outCalls),
      errors: Math.round(inbound ? s.inErrors : s.outErrors),
      p50Ms: lambda ? null : round2(qs[0] ?? null),
      p95Ms: lambda ? null : round2(qs[1] ?? null),
    });
  }
  return [...nodes.values()].sort((a, b) => a.id.localeCompare(b.id));
}

const round2 = (v: number | null): number | null => (v === null || !Number.isFinite(v) ? null : round(v));
