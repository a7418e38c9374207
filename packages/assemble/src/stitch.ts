// The graph of a set of spans and invocations: lambda nodes from invocations, resource and host
// nodes from client spans, and edges resource -> consumer from matching stitching keys, plus the
// invocation-level hops (which invocation fed which) used for skew, entry and root cause.
import type { SpanItem, TxEdgeVia } from '@nightjar/model';
import { classifyClient, classifyTrigger, nodeRef, viaOfKey, type NodeRef, type Trigger } from './classify.ts';
import { indexByKey, matchProducers } from './match.ts';
import { functionOf, type Invocation, type SpanIndex } from './spans.ts';
import { spanStartMs } from './time.ts';

export interface NodeAcc extends NodeRef {
  count: number;
  errors: number;
  requestIds: string[];
  spanIds: string[];
  traced: boolean;
  versions: Set<string>;
  startMs: number | null;
  durationMs: number;
  /** Durations of the invocations or calls counted. */
  durations: number[];
  /** Invocations whose outcome is unknown (lambda nodes). */
  unknown: number;
}

export interface EdgeAcc {
  from: string;
  to: string;
  via: TxEdgeVia;
  count: number;
  errors: number;
  spanIds: string[];
  durations: number[];
}

/** An upstream invocation that fed an invocation: through a producer span and key, or a cross-function parent span. */
export interface Hop {
  from: Invocation;
  span: SpanItem;
  key: string | null;
}

export interface Graph {
  index: SpanIndex;
  nodes: Map<string, NodeAcc>;
  edges: Map<string, EdgeAcc>;
  /** Invocation key -> the invocations that fed it. */
  preds: Map<string, Hop[]>;
  /** Invocation key -> its trigger node (from its root span), when known. */
  triggers: Map<string, Trigger>;
}

const lambdaRef = (fn: string): NodeRef => nodeRef('lambda', fn);

export function stitch(index: SpanIndex): Graph {
  const nodes = new Map<string, NodeAcc>();
  const edges = new Map<string, EdgeAcc>();
  const preds = new Map<string, Hop[]>();
  const triggers = new Map<string, Trigger>();

  const node = (ref: NodeRef): NodeAcc => {
    let n = nodes.get(ref.id);
    if (n === undefined) {
      n = { ...ref, count: 0, errors: 0, requestIds: [], spanIds: [], traced: ref.type !== 'lambda', versions: new Set(), startMs: null, durationMs: 0, durations: [], unknown: 0 };
      nodes.set(ref.id, n);
    }
    return n;
  };
  const work = (n: NodeAcc, startMs: number, durationMs: number): void => {
    if (n.startMs === null || startMs < n.startMs) n.startMs = startMs;
    n.durationMs += durationMs;
    n.durations.push(durationMs);
  };
  const edge = (from: string, to: string, via: TxEdgeVia): EdgeAcc => {
    const k = `${from}\u0000${to}\u0000${via}`;
    let e = edges.get(k);
    if (e === undefined) {
      e = { from, to, via, count: 0, errors: 0, spanIds: [], durations: [] };
      edges.set(k, e);
    }
    return e;
  };
  const invOfSpan = (s: SpanItem): Invocation | undefined => {
    const k = index.invocationOfSpan.get(s.spanId);
    return k === undefined ? undefined : index.invocationByKey.get(k);
  };
  const fnOfSpan = (s: SpanItem): string => invOfSpan(s)?.function ?? functionOf(s);

  // Lambda nodes: one count per invocation.
  for (const inv of index.invocations) {
    const n = node(lambdaRef(inv.function));
    n.count++;
    if (inv.outcome === 'error') n.errors++;
    if (inv.outcome === 'unknown') n.unknown++;
    n.requestIds.push(inv.requestId);
    if (inv.root !== null) {
      n.spanIds.push(inv.root.spanId);
      n.traced = true;
    }
    if (inv.version) n.versions.add(inv.version);
    work(n, inv.startMs, inv.durationMs);
  }

  // Client spans: caller -> resource / host / callee.
  const invokeEdgeOf = new Map<string, EdgeAcc>(); // Invoke client span id -> its edge
  for (const s of index.spans) {
    const targets = classifyClient(s);
    if (targets.length === 0) continue;
    const from = node(lambdaRef(fnOfSpan(s)));
    if (from.count === 0 && invOfSpan(s) === undefined) from.traced = true;
    const failed = s.status === 'error';
    for (const t of targets) {
      const to = node(t);
      if (t.type !== 'lambda') {
        to.count++;
        if (failed) to.errors++;
        to.spanIds.push(s.spanId);
        work(to, spanStartMs(s), s.durationMs);
      }
      const e = edge(from.id, to.id, t.via);
      e.count++;
      if (failed) e.errors++;
      e.spanIds.push(s.spanId);
      e.durations.push(s.durationMs);
      if (t.via === 'invoke') invokeEdgeOf.set(s.spanId, e);
    }
  }

  // Consumers: keys matched to producers, trigger nodes, cross-function parents.
  const producers = indexByKey(index.spans, 'linkOut');
  for (const inv of index.invocations) {
    const root = inv.root;
    const hops: Hop[] = [];
    const seenProducer = new Set<string>();
    const keys = new Set(root?.linkIn ?? []);
    if (inv.requestId) keys.add(`lambda:${inv.requestId}`);
    const ownTrigger = root === null ? null : classifyTrigger(root);
    if (ownTrigger !== null) triggers.set(inv.key, ownTrigger);
    let trigger = ownTrigger;
    const failed = inv.outcome === 'error';
    /** Resource node -> keys matched through it. */
    const fedBy = new Map<string, { ref: NodeRef; via: TxEdgeVia; keys: Set<string>; producers: Set<string> }>();
    for (const key of [...keys].sort()) {
      for (const p of matchProducers(key, inv.startMs, producers.get(key))) {
        const from = invOfSpan(p);
        if (from === inv) continue;
        if (!seenProducer.has(p.spanId) && from !== undefined) hops.push({ from, span: p, key });
        seenProducer.add(p.spanId);
        const via = viaOfKey(key);
        if (via === null) {
          // lambda:<request id>: the Invoke edge is drawn from the client span; it fails when the callee failed.
          const e = invokeEdgeOf.get(p.spanId);
          if (e !== undefined && failed) e.errors++;
          continue;
        }
        const refs = classifyClient(p).filter((t) => t.type !== 'lambda');
        const ref: NodeRef | undefined = refs.find((r) => r.id === trigger?.id) ?? refs[0] ?? trigger ?? undefined;
        if (ref === undefined) continue;
        let f = fedBy.get(ref.id);
        if (f === undefined) {
          f = { ref, via, keys: new Set(), producers: new Set() };
          fedBy.set(ref.id, f);
        }
        f.keys.add(key);
        f.producers.add(p.spanId);
      }
    }
    if (root !== null && root.parentSpanId) {
      const parent = index.byId.get(root.parentSpanId);
      const from = parent === undefined ? undefined : invOfSpan(parent);
      if (parent !== undefined && from !== undefined && from !== inv && !seenProducer.has(parent.spanId)) {
        hops.push({ from, span: parent, key: null });
        const targets = classifyClient(parent);
        const t = targets.find((x) => x.type !== 'lambda');
        if (targets.some((x) => x.type === 'lambda' && x.name === inv.function)) {
          const e = invokeEdgeOf.get(parent.spanId);
          if (e !== undefined && failed) e.errors++;
        } else {
          const e = edge(t?.id ?? lambdaRef(from.function).id, lambdaRef(inv.function).id, t === undefined ? 'call' : 'http');
          e.count++;
          if (failed) e.errors++;
          e.spanIds.push(root.spanId);
          e.durations.push(inv.durationMs);
        }
      }
    }
    if (hops.length > 0) preds.set(inv.key, hops);
    if (root === null) continue;
    if (trigger?.guessed === true && fedBy.size > 0) trigger = null;

    const target = lambdaRef(inv.function).id;
    const batch = Number(root.attributes['messaging.batch.message_count'] ?? root.attributes['nightjar.trigger.records'] ?? '') || 0;
    const final = new Map<string, { via: TxEdgeVia; keys: number }>();
    for (const f of fedBy.values()) {
      if (trigger !== null && trigger.id !== f.ref.id) {
        // Fed through another resource first (SNS -> SQS, a queue's DLQ): producer resource -> trigger resource.
        const e = edge(f.ref.id, trigger.id, f.via);
        e.count += f.producers.size;
        e.spanIds.push(root.spanId);
        const prev = final.get(trigger.id);
        final.set(trigger.id, { via: trigger.via, keys: (prev?.keys ?? 0) + f.producers.size });
        const tn = node(trigger);
        tn.count += f.producers.size;
        work(tn, inv.startMs, 0);
      } else {
        const prev = final.get(f.ref.id);
        final.set(f.ref.id, { via: f.via, keys: (prev?.keys ?? 0) + f.producers.size });
      }
    }
    if (trigger !== null && !final.has(trigger.id)) {
      // Nothing inside the transaction produced it: an HTTP request, a schedule, an upload or a message from outside.
      final.set(trigger.id, { via: trigger.via, keys: 0 });
      const tn = node(trigger);
      tn.count += trigger.type === 'api' || trigger.type === 'schedule' ? 1 : Math.max(1, batch);
      if (failed && (trigger.type === 'api' || trigger.type === 'schedule')) tn.errors++;
      tn.spanIds.push(root.spanId);
      work(tn, inv.startMs, trigger.type === 'api' ? inv.durationMs : 0);
    }
    for (const [from, f] of final) {
      const e = edge(from, target, f.via);
      e.count += fedBy.size <= 1 ? Math.max(1, batch, f.keys) : Math.max(1, f.keys);
      if (failed) e.errors++;
      e.spanIds.push(root.spanId);
      e.durations.push(inv.durationMs);
    }
  }
  return { index, nodes, edges, preds, triggers };
}

