// Pure helpers over a ServiceMap for its page: what is drawn (http hosts hidden or not), which nodes
// the filter box highlights, error rates and labels, a node's incoming and outgoing edges. No React.
import type { ServiceMap, ServiceMapEdge, ServiceMapNode } from '@nightjar/model';
import { formatCount, formatPercent } from '../../shared/format/format-number';

export interface MapView {
  /** Leave out external hosts (http nodes) and the calls to them. */
  hideHttp: boolean;
}

/** The nodes and edges drawn: entries (api routes, schedules) first so ELK starts its layers with
 * them, then by id; edges whose ends are not drawn are left out. */
export function visibleMap(map: ServiceMap, view: MapView): ServiceMap {
  const rank = (n: ServiceMapNode) => (n.type === 'api' || n.type === 'schedule' ? 0 : 1);
  const nodes = map.nodes.filter((n) => !(view.hideHttp && n.type === 'http')).sort((a, b) => rank(a) - rank(b) || a.id.localeCompare(b.id));
  const ids = new Set(nodes.map((n) => n.id));
  const edges = map.edges.filter((e) => ids.has(e.from) && ids.has(e.to));
  return { nodes, edges };
}

/** Failures over requests (0..1); null when there were no requests. */
export function errorRate(x: { requests?: number; count?: number; errors: number }): number | null {
  const total = x.requests ?? x.count ?? 0;
  if (total <= 0) return null;
  return Math.min(1, x.errors / total);
}

/** "0%", "20%", "<0.01%"; "—" without requests. */
export function errorRateText(x: { requests?: number; count?: number; errors: number }): string {
  return formatPercent(errorRate(x));
}

/** The edge label as text (its width places it): the count, and the failures when any. */
export function mapEdgeLabel(e: Pick<ServiceMapEdge, 'count' | 'errors'>): string {
  return e.errors > 0 ? `${formatCount(e.count)} · ${formatCount(e.errors)} failed` : formatCount(e.count);
}

/** Case-insensitive match of the filter box against a node's name or id; an empty box matches all. */
export function matchesFilter(node: Pick<ServiceMapNode, 'id' | 'name'>, text: string): boolean {
  const q = text.trim().toLowerCase();
  if (q === '') return true;
  return node.name.toLowerCase().includes(q) || node.id.toLowerCase().includes(q);
}

/** Ids of the nodes the filter box highlights; null when the box is empty (nothing is dimmed). */
export function highlighted(map: ServiceMap, text: string): Set<string> | null {
  if (text.trim() === '') return null;
  return new Set(map.nodes.filter((n) => matchesFilter(n, text)).map((n) => n.id));
}

export type MapEdgeTone = 'ok' | 'error' | 'dim';

/** Red when calls along it failed; faded when the filter highlights neither end. */
export function mapEdgeTone(e: Pick<ServiceMapEdge, 'from' | 'to' | 'errors'>, lit: Set<string> | null): MapEdgeTone {
  if (lit !== null && !lit.has(e.from) && !lit.has(e.to)) return 'dim';
  return e.errors > 0 ? 'error' : 'ok';
}

export interface MapNeighbour {
  node: ServiceMapNode;
  edge: ServiceMapEdge;
}

/** Edges into (`in`) or out of (`out`) a node with the node at their other end: failing first, then most calls. */
export function mapNeighbours(map: ServiceMap, nodeId: string, dir: 'in' | 'out'): MapNeighbour[] {
  const byId = new Map(map.nodes.map((n) => [n.id, n]));
  const out: MapNeighbour[] = [];
  for (const e of map.edges) {
    const other = dir === 'in' ? (e.to === nodeId ? e.from : null) : e.from === nodeId ? e.to : null;
    if (other === null) continue;
    const node = byId.get(other);
    if (node) out.push({ node, edge: e });
  }
  return out.sort((a, b) => Number(b.edge.errors > 0) - Number(a.edge.errors > 0) || b.edge.count - a.edge.count || a.node.name.localeCompare(b.node.name));
}

/** Figures for the page header. */
export function mapTotals(map: ServiceMap): { functions: number; failingNodes: number; hosts: number } {
  return {
    functions: map.nodes.filter((n) => n.type === 'lambda').length,
    failingNodes: map.nodes.filter((n) => n.errors > 0).length,
    hosts: map.nodes.filter((n) => n.type === 'http').length,
  };
}
