// Pure helpers over a Transaction: neighbours along the edges, which node a span belongs to, the
// invocations of a lambda node, the root span of an invocation, the users in chip order. No React, no DOM.
import type { InvocationItem, SpanItem, Transaction, TxEdge, TxNode } from '@nightjar/model';

export interface Neighbour {
  node: TxNode;
  edge: TxEdge;
}

/** Nodes feeding into `nodeId` (edge.to === nodeId), errors first, then by name. */
export function upstreamOf(tx: Pick<Transaction, 'nodes' | 'edges'>, nodeId: string): Neighbour[] {
  return neighbours(tx, nodeId, 'up');
}

/** Nodes `nodeId` feeds (edge.from === nodeId), errors first, then by name. */
export function downstreamOf(tx: Pick<Transaction, 'nodes' | 'edges'>, nodeId: string): Neighbour[] {
  return neighbours(tx, nodeId, 'down');
}

function neighbours(tx: Pick<Transaction, 'nodes' | 'edges'>, nodeId: string, dir: 'up' | 'down'): Neighbour[] {
  const byId = new Map(tx.nodes.map((n) => [n.id, n]));
  const out: Neighbour[] = [];
  const seen = new Set<string>();
  for (const e of tx.edges) {
    const other = dir === 'up' ? (e.to === nodeId ? e.from : null) : e.from === nodeId ? e.to : null;
    if (other === null || other === nodeId || seen.has(other)) continue;
    const node = byId.get(other);
    if (!node) continue;
    seen.add(other);
    out.push({ node, edge: e });
  }
  const rank = (n: Neighbour) => (n.edge.status === 'error' || n.node.status === 'error' ? 0 : 1);
  return out.sort((a, b) => rank(a) - rank(b) || a.node.name.localeCompare(b.node.name));
}

/** Span id -> the node that draws it: lambda nodes win (an invocation's root span is also its api
 * node's span), then resources; a client span no node lists goes to the target of its edge, and any
 * other span to the lambda node of its function. */
export function nodeOfSpan(tx: Pick<Transaction, 'nodes' | 'edges' | 'spans'>): Map<string, string> {
  const map = new Map<string, string>();
  const ordered = [...tx.nodes].sort((a, b) => (a.type === 'lambda' ? 0 : 1) - (b.type === 'lambda' ? 0 : 1));
  for (const n of ordered) for (const id of n.spanIds) if (!map.has(id)) map.set(id, n.id);
  for (const e of tx.edges) for (const id of e.spanIds) if (!map.has(id)) map.set(id, e.to);
  const lambdaByFn = new Map(tx.nodes.filter((n) => n.type === 'lambda').map((n) => [n.name, n.id]));
  for (const s of tx.spans) {
    if (map.has(s.spanId)) continue;
    const fn = s.functionName || s.service;
    const id = lambdaByFn.get(fn);
    if (id) map.set(s.spanId, id);
  }
  return map;
}

/** The invocations of a lambda node in this transaction, in start order. */
export function invocationsOf(tx: Pick<Transaction, 'invocations'>, node: TxNode): InvocationItem[] {
  if (node.type !== 'lambda') return [];
  const ids = new Set(node.requestIds);
  const items = tx.invocations.filter((i) => ids.has(i.requestId) || (ids.size === 0 && i.function === node.name));
  return items.sort((a, b) => (a.start ?? '').localeCompare(b.start ?? ''));
}

/** The root span of an invocation: the span carrying its request id that has no parent within the
 * invocation (server/consumer span of the handler). */
export function rootSpanOf(spans: readonly SpanItem[], requestId: string): SpanItem | null {
  const mine = spans.filter((s) => s.requestId === requestId);
  if (mine.length === 0) return null;
  const ids = new Set(mine.map((s) => s.spanId));
  return mine.find((s) => !ids.has(s.parentSpanId)) ?? mine[0] ?? null;
}

/** Spans whose ancestor chain (within the transaction) reaches `root`, root excluded. */
export function descendantsOf(spans: readonly SpanItem[], rootId: string): SpanItem[] {
  const children = new Map<string, SpanItem[]>();
  for (const s of spans) {
    const list = children.get(s.parentSpanId);
    if (list) list.push(s);
    else children.set(s.parentSpanId, [s]);
  }
  const out: SpanItem[] = [];
  const stack = [rootId];
  const seen = new Set<string>([rootId]);
  while (stack.length > 0) {
    const id = stack.pop() as string;
    for (const c of children.get(id) ?? []) {
      if (seen.has(c.spanId)) continue;
      seen.add(c.spanId);
      out.push(c);
      stack.push(c.spanId);
    }
  }
  return out;
}

/** The invocation to show first for a node: the one the caller asked for, else the first failure, else the first. */
export function defaultInvocation(invocations: readonly InvocationItem[], wanted: string | null): InvocationItem | null {
  if (wanted) {
    const hit = invocations.find((i) => i.requestId === wanted);
    if (hit) return hit;
  }
  return invocations.find((i) => i.status !== 'success' && i.status !== 'unknown') ?? invocations[0] ?? null;
}

/** Users: VIP first (TxUser.vip), then the entry's user (the user on the entry invocation's root span), then by count. */
export function orderedUsers<U extends { id: string; count: number; vip?: boolean }>(tx: {
  users: readonly U[];
  entry: Transaction['entry'];
  spans: Transaction['spans'];
}): (U & { entry: boolean })[] {
  let entryUser: string | null = null;
  if (tx.entry) {
    const root = rootSpanOf(tx.spans, tx.entry.requestId);
    const u = root?.attributes['enduser.id'];
    if (u) entryUser = u;
  }
  const users = tx.users.map((u) => ({ ...u, entry: u.id === entryUser }));
  return users.sort((a, b) => Number(b.vip === true) - Number(a.vip === true) || Number(b.entry) - Number(a.entry) || b.count - a.count || a.id.localeCompare(b.id));
}
