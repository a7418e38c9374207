// Graphs laid out by ELK (layered, left to right, orthogonal routes), for the transaction and the
// service map: the ELK input built from any nodes and edges, and the laid out graph turned into
// positioned nodes and routed edges for React Flow. Long flows (nine hops from an API to a notifier
// are common) are wrapped into rows by ELK to fit the aspect ratio of the view, instead of shrinking
// to a thin strip.
// Edge labels are not given to ELK (it would add a layer per label and double the width): the gap
// between layers is wide enough for them, and each sits on the longest horizontal run of its route.
import type { Transaction, TxEdge } from '@nightjar/model';
import type { ElkExtendedEdge, ElkNode, ElkPoint, LayoutOptions } from 'elkjs/lib/elk-api';

export const NODE_WIDTH = 180;
export const NODE_HEIGHT = 66;

/** What layout needs of a graph: node ids, and edges keyed by (from, to, via). */
export interface EdgeKey {
  from: string;
  to: string;
  via: string;
}
export interface GraphShape<N extends { id: string } = { id: string }, E extends EdgeKey = EdgeKey> {
  nodes: readonly N[];
  edges: readonly E[];
}
export interface NodeSize {
  width: number;
  height: number;
}
export const TX_NODE_SIZE: NodeSize = { width: NODE_WIDTH, height: NODE_HEIGHT };

export const ELK_OPTIONS: LayoutOptions = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.layered.spacing.nodeNodeBetweenLayers': '76',
  'elk.layered.spacing.edgeNodeBetweenLayers': '12',
  'elk.layered.spacing.edgeEdgeBetweenLayers': '10',
  'elk.spacing.nodeNode': '22',
  'elk.spacing.edgeNode': '14',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.padding': '[top=12,left=12,bottom=12,right=12]',
};

export function edgeId(e: EdgeKey): string {
  return `${e.from}->${e.to}:${e.via}`;
}

export function edgeLabel(e: Pick<TxEdge, 'via' | 'count'>): string {
  return `${e.via} ×${e.count}`;
}

/** Rough width of an edge label in the 10.5px monospace font. */
export function labelWidth(text: string): number {
  return Math.ceil(text.length * 6.4 + 12);
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const LABEL_HEIGHT = 17;

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** Label centres for routed edges, avoiding each other and the nodes: candidates along every
 * horizontal run (middle first, then towards either end; longest runs first), the first free one
 * wins; when none is free, the middle of the longest horizontal run. */
export function placeLabels(edges: readonly { id: string; points: readonly ElkPoint[]; text: string }[], nodes: readonly Rect[]): Map<string, ElkPoint> {
  const placed: Rect[] = [];
  const out = new Map<string, ElkPoint>();
  for (const e of edges) {
    const w = labelWidth(e.text);
    const runs: { a: ElkPoint; b: ElkPoint; len: number }[] = [];
    for (let i = 1; i < e.points.length; i++) {
      const a = e.points[i - 1] as ElkPoint;
      const b = e.points[i] as ElkPoint;
      if (Math.abs(a.y - b.y) < 0.5) runs.push({ a, b, len: Math.abs(b.x - a.x) });
    }
    runs.sort((p, q) => q.len - p.len);
    let chosen: ElkPoint | null = null;
    for (const r of runs) {
      const lo = Math.min(r.a.x, r.b.x) + w / 2 + 2;
      const hi = Math.max(r.a.x, r.b.x) - w / 2 - 8;
      if (hi < lo) continue;
      const mid = (lo + hi) / 2;
      const xs = [mid];
      for (let step = 1; step <= 6; step++) {
        const d = ((hi - lo) / 2) * (step / 6);
        xs.push(mid - d, mid + d);
      }
      for (const x of xs) {
        const rect = { x: x - w / 2, y: r.a.y - LABEL_HEIGHT / 2, width: w, height: LABEL_HEIGHT };
        if (placed.some((p) => overlaps(p, rect)) || nodes.some((n) => overlaps(n, rect))) continue;
        chosen = { x, y: r.a.y };
        break;
      }
      if (chosen) break;
    }
    chosen ??= labelPoint(e.points);
    if (chosen) {
      out.set(e.id, chosen);
      placed.push({ x: chosen.x - w / 2, y: chosen.y - LABEL_HEIGHT / 2, width: w, height: LABEL_HEIGHT });
    }
  }
  return out;
}

/** Where an edge's label goes: the middle of the longest horizontal run of its route (the gaps
 * between layers are where those runs are), else the middle of its longest run. */
export function labelPoint(points: readonly ElkPoint[]): ElkPoint | null {
  let best: { len: number; at: ElkPoint; horizontal: boolean } | null = null;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as ElkPoint;
    const b = points[i] as ElkPoint;
    const horizontal = Math.abs(a.y - b.y) < 0.5;
    const len = Math.hypot(b.x - a.x, b.y - a.y);
    const better = !best || (horizontal && !best.horizontal) || (horizontal === best.horizontal && len > best.len);
    if (better) best = { len, at: { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 }, horizontal };
  }
  return best?.at ?? null;
}

/** ELK input: one fixed-size box per node (in the given order: a transaction's is start order), one
 * edge per distinct edge; self-loops and edges to unknown nodes left out. `aspectRatio` (width /
 * height of the view), when given, wraps a long flow into rows. */
export function elkGraph(g: GraphShape, wrapAspectRatio: number | null = null, size: NodeSize = TX_NODE_SIZE): ElkNode {
  const ids = new Set(g.nodes.map((n) => n.id));
  const seen = new Set<string>();
  const edges: ElkExtendedEdge[] = [];
  for (const e of g.edges) {
    const id = edgeId(e);
    if (e.from === e.to || !ids.has(e.from) || !ids.has(e.to) || seen.has(id)) continue;
    seen.add(id);
    edges.push({ id, sources: [e.from], targets: [e.to] });
  }
  return {
    id: 'root',
    layoutOptions:
      wrapAspectRatio === null
        ? ELK_OPTIONS
        : { ...ELK_OPTIONS, 'elk.layered.wrapping.strategy': 'MULTI_EDGE', 'elk.aspectRatio': Math.min(6, Math.max(0.8, wrapAspectRatio)).toFixed(2) },
    children: g.nodes.map((n) => ({ id: n.id, width: size.width, height: size.height })),
    edges,
  };
}

/** The zoom at which a laid out graph fits a view (capped at 1). */
export function fitZoom(graph: { width?: number; height?: number }, view: { width: number; height: number }): number {
  const w = Math.max(1, graph.width ?? 1);
  const h = Math.max(1, graph.height ?? 1);
  return Math.min(1, view.width / w, view.height / h);
}

/** Zoom below which the straight left-to-right layout is too small to read, so the wrapped one is tried. */
export const READABLE_ZOOM = 0.8;

/** The straight layout when it is readable in the view, else whichever of the two reads larger. */
export function pickLayout<T extends { width?: number; height?: number }>(straight: T, wrapped: T | null, view: { width: number; height: number }): T {
  const z = fitZoom(straight, view);
  if (z >= READABLE_ZOOM || wrapped === null) return straight;
  return fitZoom(wrapped, view) > z * 1.1 ? wrapped : straight;
}

export interface LaidNode<N> {
  id: string;
  position: { x: number; y: number };
  width: number;
  height: number;
  node: N;
}

export interface LaidEdge<E> {
  id: string;
  source: string;
  target: string;
  edge: E;
  label: string;
  /** The route ELK chose (start, bends, end); empty when ELK gave none. */
  points: ElkPoint[];
  labelX: number | null;
  labelY: number | null;
}

export interface LaidOutOptions<E> {
  size?: NodeSize;
  /** Text of an edge's label (its width decides where it fits). */
  label: (e: E) => string;
  /** Edges whose labels choose their spot first (failing hops). */
  labelFirst?: (e: E) => boolean;
}

/** Positioned nodes and routed, labelled edges from ELK's answer, for any graph (duplicate edges,
 * self-loops and edges to unknown nodes left out). */
export function layoutElements<N extends { id: string }, E extends EdgeKey>(
  g: GraphShape<N, E>,
  laid: ElkNode,
  opts: LaidOutOptions<E>,
): { nodes: LaidNode<N>[]; edges: LaidEdge<E>[] } {
  const size = opts.size ?? TX_NODE_SIZE;
  const pos = new Map((laid.children ?? []).map((c) => [c.id, { x: c.x ?? 0, y: c.y ?? 0 }]));
  const routes = new Map((laid.edges ?? []).map((e) => [e.id, e]));
  const nodes: LaidNode<N>[] = g.nodes.map((n) => ({ id: n.id, position: pos.get(n.id) ?? { x: 0, y: 0 }, width: size.width, height: size.height, node: n }));
  const routed: { e: E; id: string; points: ElkPoint[] }[] = [];
  const seen = new Set<string>();
  for (const e of g.edges) {
    const id = edgeId(e);
    if (seen.has(id) || !pos.has(e.from) || !pos.has(e.to) || e.from === e.to) continue;
    seen.add(id);
    const points: ElkPoint[] = [];
    for (const s of routes.get(id)?.sections ?? []) points.push(s.startPoint, ...(s.bendPoints ?? []), s.endPoint);
    routed.push({ e, id, points });
  }
  const first = opts.labelFirst ?? (() => false);
  const order = [...routed].sort((a, b) => Number(first(b.e)) - Number(first(a.e)));
  const spots = placeLabels(
    order.map((r) => ({ id: r.id, points: r.points, text: opts.label(r.e) })),
    nodes.map((n) => ({ x: n.position.x, y: n.position.y, width: n.width, height: n.height })),
  );
  const edges: LaidEdge<E>[] = routed.map(({ e, id, points }) => {
    const at = spots.get(id) ?? null;
    return { id, source: e.from, target: e.to, edge: e, label: opts.label(e), points, labelX: at?.x ?? null, labelY: at?.y ?? null };
  });
  return { nodes, edges };
}

/** How a transaction node is flagged in the graph. */
export interface TxNodeFlags {
  rootCause: boolean;
  firstFailure: boolean;
  selected: boolean;
}

export function txNodeFlags(tx: Pick<Transaction, 'rootCause'>, nodeId: string, selectedId: string | null): TxNodeFlags {
  return { rootCause: tx.rootCause?.nodeId === nodeId, firstFailure: tx.rootCause?.firstFailure.nodeId === nodeId, selected: nodeId === selectedId };
}

/** An SVG path through the route's points with rounded corners (radius r). */
export function roundedPath(points: readonly ElkPoint[], r = 6): string {
  const first = points[0];
  if (!first) return '';
  let d = `M ${first.x} ${first.y}`;
  for (let i = 1; i < points.length; i++) {
    const p = points[i] as ElkPoint;
    const prev = points[i - 1] as ElkPoint;
    const next = points[i + 1];
    if (!next) {
      d += ` L ${p.x} ${p.y}`;
      break;
    }
    const inLen = Math.hypot(p.x - prev.x, p.y - prev.y);
    const outLen = Math.hypot(next.x - p.x, next.y - p.y);
    const k = Math.min(r, inLen / 2, outLen / 2);
    if (k <= 0) {
      d += ` L ${p.x} ${p.y}`;
      continue;
    }
    const a = { x: p.x - ((p.x - prev.x) / inLen) * k, y: p.y - ((p.y - prev.y) / inLen) * k };
    const b = { x: p.x + ((next.x - p.x) / outLen) * k, y: p.y + ((next.y - p.y) / outLen) * k };
    d += ` L ${a.x} ${a.y} Q ${p.x} ${p.y} ${b.x} ${b.y}`;
  }
  return d;
}
