// The service-map edges one span shows on its own, computed once at ingest and rolled up per minute by
// the store: a client span's call (function -> resource, host or callee), an invocation root span's
// trigger (route, schedule, queue... -> function), and, for a consumer, one "upstream" edge per
// message service it consumed whose source only a producer knows (SNS -> SQS, a queue's DLQ, the bus
// of an EventBridge rule). Those carry an unresolved `from` ("?" + the fallback node id, or "?" alone)
// and a key prefix ("sns:"): the span's consumed keys with that prefix are the samples the map
// resolves at read time through their producers' peers.
import type { MapEdge, SpanItem, SpanKind } from '@nightjar/model';
import { classifyClient, classifyTrigger, nodeRef, viaOfKey } from './classify.ts';
import { functionOf as fnOf } from './spans.ts';

/** What the classifiers read of a span (a SpanRow or a SpanItem). */
export interface MapSpan {
  kind: SpanKind;
  attributes: Record<string, string>;
  resource: Record<string, string>;
  service: string;
  functionName: string;
  requestId: string;
  linkIn: readonly string[];
}

/** An unresolved source: resolved through a sample key's producer, else `fallback` (a node id) or dropped (''). */
export const UNRESOLVED = '?';
export const unresolved = (fallback = ''): string => `${UNRESOLVED}${fallback}`;

const asItem = (s: MapSpan): SpanItem => s as unknown as SpanItem;
const functionOf = (s: MapSpan): string => fnOf(asItem(s));

/** An invocation's root span, as far as one span can tell: server/consumer, in a function, with its request id. */
function isInvocationRoot(s: MapSpan): boolean {
  return (s.kind === 'server' || s.kind === 'consumer') && s.requestId !== '' && functionOf(s) !== '';
}

/** Numbers, hex or uuid ids (with a digit: "deadbeef" could be a word), anything with three digits. */
const ID_SEGMENT = /^(?:\d+|(?=.*\d)[0-9a-f-]{8,}|.*\d.*\d.*\d.*)$/i;

/** "GET /payments/54166/items" -> "GET /payments/{id}/items": without a route template, ids in paths would make a node per request. */
export function templated(name: string): string {
  const sp = name.indexOf(' ');
  const path = name.slice(sp + 1);
  return `${name.slice(0, sp + 1)}${path
    .split('/')
    .map((seg) => (ID_SEGMENT.test(seg) ? '{id}' : seg))
    .join('/')}`;
}

function batchSize(a: Record<string, string>): number {
  const n = Number(a['messaging.batch.message_count'] ?? a['nightjar.trigger.records'] ?? '');
  return Number.isFinite(n) && n >= 1 ? Math.floor(n) : 1;
}

export function spanMapEdges(s: MapSpan): MapEdge[] {
  const targets = classifyClient(asItem(s));
  if (targets.length > 0) {
    const from = `lambda:${functionOf(s)}`;
    return targets.map((t) => ({ from, to: t.id, via: t.via, weight: 1, key: '' }));
  }
  if (!isInvocationRoot(s)) return [];
  const to = `lambda:${functionOf(s)}`;
  const classified = classifyTrigger(asItem(s));
  const trigger = classified?.type === 'api' && !s.attributes['http.route'] ? { ...classified, ...nodeRef('api', templated(classified.name)) } : classified;
  const out: MapEdge[] = [];
  // Keys consumed, by message service (lambda: keys are drawn from the caller's Invoke span).
  const byVia = new Map<string, { prefix: string; n: number }>();
  for (const k of s.linkIn) {
    const via = viaOfKey(k);
    if (via === null) continue;
    const e = byVia.get(via);
    if (e === undefined) byVia.set(via, { prefix: k.slice(0, k.indexOf(':') + 1), n: 1 });
    else e.n++;
  }
  if (trigger === null) return out;
  const weight = trigger.type === 'api' || trigger.type === 'schedule' ? 1 : batchSize(s.attributes);
  if (trigger.guessed === true) {
    // The bus or state machine is named by its producer: resolved at read time, else the guess.
    out.push({ from: unresolved(trigger.id), to, via: trigger.via, weight, key: byVia.get(trigger.via)?.prefix ?? '' });
  } else {
    out.push({ from: trigger.id, to, via: trigger.via, weight, key: '' });
    // What fed a message trigger's resource: the producer's resource when it is another one (SNS -> SQS, DLQ).
    if (trigger.type !== 'api' && trigger.type !== 'schedule') {
      for (const [via, e] of byVia) out.push({ from: unresolved(), to: trigger.id, via, weight: e.n, key: e.prefix });
    }
  }
  return out;
}

/** Rows with their map edges set (ingest calls this on every decoded span batch). */
export function withMapEdges<T extends MapSpan & { mapEdges?: MapEdge[] }>(rows: T[]): T[] {
  for (const r of rows) {
    const edges = spanMapEdges(r);
    if (edges.length > 0) r.mapEdges = edges;
  }
  return rows;
}
