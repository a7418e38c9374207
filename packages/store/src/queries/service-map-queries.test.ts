// The service map from stored spans' map edges (as ingest sets them) and the invocation rollup:
// edges summed over the window, edges whose source only a producer knows resolved through link_index
// peers (SNS -> SQS, an EventBridge bus), the guess kept when no producer was traced, untraced functions as nodes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { MapEdge } from '@nightjar/model';
import type { Store } from '../open-store.ts';
import { openTestStore, tempDir } from '../testing/temp-store.ts';
import { windowParts } from './service-map-queries.ts';
import { PROJECT, batch, hexId, invocation, invocationSpan as root, nsAgo, span } from '../testing/rows.ts';

const tmp = tempDir();
let store: Store;

const e = (from: string, to: string, via: string, weight = 1, key = ''): MapEdge => ({ from, to, via, weight, key });
const call = (n: number, parent: number, fn: string, msAgo: number, ms: number, out: string[], edges: MapEdge[], status: 'unset' | 'error' = 'unset') =>
  span({ traceId: hexId(parent, 32), spanId: hexId(n, 16), parentSpanId: hexId(parent, 16), service: fn, functionName: fn, kind: 'producer', name: 'call', startNs: nsAgo(msAgo), durationNs: ms * 1e6, linkOut: out, mapEdges: edges, status });

before(async () => {
  store = await openTestStore(tmp.dir);
  const api = e('api:POST /orders', 'lambda:orders-api', 'trigger');
  await store.writer.write(
    batch({
      spans: [
        root(1, 'orders-api', 60_000, {}, { mapEdges: [api], durationNs: 40e6 }),
        call(101, 1, 'orders-api', 59_990, 20, ['sns:s1'], [e('lambda:orders-api', 'sns:orders-topic', 'sns')]),
        call(102, 1, 'orders-api', 59_980, 30, ['events:e1'], [e('lambda:orders-api', 'eventbridge:shop-bus', 'eventbridge')]),
        root(2, 'orders-api', 50_000, {}, { mapEdges: [api], status: 'error', durationNs: 80e6 }),
        call(201, 2, 'orders-api', 49_990, 10, ['sns:s2'], [e('lambda:orders-api', 'sns:orders-topic', 'sns')], 'error'),
        // notify: SQS subscribed to the topic; its keys: the SQS message id (no traced sender) and the SNS message id
        root(3, 'notify', 58_000, { in: ['sqs:q1', 'sns:s1'] }, {
          mapEdges: [e('sqs:notify-queue', 'lambda:notify', 'sqs'), e('?', 'sqs:notify-queue', 'sqs', 1, 'sqs:'), e('?', 'sqs:notify-queue', 'sns', 1, 'sns:')],
        }),
        // order-events: EventBridge names no bus to its target; one produced by orders-api, one by an untraced producer
        root(4, 'order-events', 57_000, { in: ['events:e1'] }, { mapEdges: [e('?eventbridge:default', 'lambda:order-events', 'eventbridge', 1, 'events:')] }),
        root(5, 'order-events', 56_000, { in: ['events:zz'] }, { mapEdges: [e('?eventbridge:default', 'lambda:order-events', 'eventbridge', 1, 'events:')] }),
      ],
      invocations: [
        invocation({ function: 'orders-api', requestId: 'req-1', startNs: nsAgo(60_000), status: 'success', durationMs: 40 }),
        invocation({ function: 'orders-api', requestId: 'req-2', startNs: nsAgo(50_000), status: 'error', durationMs: 80 }),
        invocation({ function: 'notify', requestId: 'req-3', startNs: nsAgo(58_000), status: 'success', durationMs: 5 }),
        invocation({ function: 'order-events', requestId: 'req-4', startNs: nsAgo(57_000), status: 'success', durationMs: 5 }),
        invocation({ function: 'order-events', requestId: 'req-5', startNs: nsAgo(56_000), status: 'success', durationMs: 5 }),
        // known only from its platform logs: a node without edges
        invocation({ function: 'daily-report', requestId: 'req-6', startNs: nsAgo(55_000), status: 'success', durationMs: 900, source: 'report-log' }),
      ],
    }),
  );
  await store.writer.flush();
  await store.rollups.refresh();
});
after(async () => {
  await store.close();
  tmp.remove();
});

const window = () => ({ project: PROJECT, from: new Date(Date.now() - 10 * 60e3), to: new Date(Date.now() + 60e3) });

test('service map: edges summed, producer-only sources resolved, guesses kept when nothing produced them', async () => {
  const map = await store.queries.serviceMap(window());
  const edges = map.edges.map((x) => `${x.from} -> ${x.to} (${x.via}) ${x.count}/${x.errors}`);
  assert.deepEqual(edges, [
    'api:POST /orders -> lambda:orders-api (trigger) 2/1',
    'eventbridge:default -> lambda:order-events (eventbridge) 1/0',
    'eventbridge:shop-bus -> lambda:order-events (eventbridge) 1/0',
    'lambda:orders-api -> eventbridge:shop-bus (eventbridge) 1/0',
    'lambda:orders-api -> sns:orders-topic (sns) 2/1',
    'sns:orders-topic -> sqs:notify-queue (sns) 1/0',
    'sqs:notify-queue -> lambda:notify (sqs) 1/0',
  ]);
  const api = map.edges.find((x) => x.from === 'api:POST /orders')!;
  assert.ok(api.p50Ms !== null && api.p50Ms >= 40 && api.p50Ms <= 80, `p50 ${api.p50Ms}`);
});

test('service map nodes: functions from the invocation rollup (untraced too), resources from the calls into them', async () => {
  const map = await store.queries.serviceMap(window());
  const byId = new Map(map.nodes.map((n) => [n.id, n]));
  assert.deepEqual(
    [...byId.keys()],
    ['api:POST /orders', 'eventbridge:default', 'eventbridge:shop-bus', 'lambda:daily-report', 'lambda:notify', 'lambda:order-events', 'lambda:orders-api', 'sns:orders-topic', 'sqs:notify-queue'],
  );
  assert.deepEqual({ ...byId.get('lambda:daily-report'), p50Ms: null, p95Ms: null }, { id: 'lambda:daily-report', type: 'lambda', name: 'daily-report', requests: 1, errors: 0, p50Ms: null, p95Ms: null });
  assert.equal(byId.get('lambda:orders-api')!.requests, 2);
  assert.equal(byId.get('lambda:orders-api')!.errors, 1);
  const topic = byId.get('sns:orders-topic')!;
  assert.equal(topic.type, 'sns');
  assert.equal(topic.requests, 2);
  assert.equal(topic.errors, 1);
  // calls of 20 and 10 ms: the nearest-rank median, 10 ms within its 5 % histogram bucket
  assert.ok(topic.p50Ms !== null && Math.abs(topic.p50Ms - 10) <= 0.5, `p50 ${topic.p50Ms}`);
  // a queue nothing traced sent to: what it delivered
  assert.equal(byId.get('sqs:notify-queue')!.requests, 1);
  assert.equal(byId.get('api:POST /orders')!.requests, 2);
});

test('service map: an empty window has no edges', async () => {
  const map = await store.queries.serviceMap({ project: PROJECT, from: new Date(Date.now() - 3 * 86400e3), to: new Date(Date.now() - 2 * 86400e3) });
  assert.deepEqual(map, { nodes: [], edges: [] });
});

test('service map over hours reads the hourly rollup for whole hours and minutes at the ends: same map', async () => {
  const short = await store.queries.serviceMap(window());
  const long = await store.queries.serviceMap({ project: PROJECT, from: new Date(Date.now() - 6 * 3600e3 - 7 * 60e3), to: new Date(Date.now() + 3 * 3600e3) });
  assert.deepEqual(long, short);
});

test('windowParts: minutes at the ends, whole hours between, minutes only for short windows', () => {
  const at = (iso: string) => new Date(iso);
  const s = (iso: string) => at(iso).getTime() / 1000;
  assert.deepEqual(windowParts(at('2026-11-23T10:07:30Z'), at('2026-11-23T13:20:00Z')), {
    m0: s('2026-11-23T10:07:00Z'), m1: s('2026-11-23T11:00:00Z'), h0: s('2026-11-23T11:00:00Z'), h1: s('2026-11-23T13:00:00Z'), m2: s('2026-11-23T13:00:00Z'), m3: s('2026-11-23T13:20:00Z'),
  });
  assert.deepEqual(windowParts(at('2026-11-23T10:07:30Z'), at('2026-11-23T10:50:00Z')), { m0: s('2026-11-23T10:07:00Z'), m1: s('2026-11-23T10:50:00Z'), h0: 0, h1: 0, m2: 0, m3: 0 });
  assert.deepEqual(windowParts(at('2026-11-23T10:00:00Z'), at('2026-11-23T12:00:00Z')), {
    m0: s('2026-11-23T10:00:00Z'), m1: s('2026-11-23T10:00:00Z'), h0: s('2026-11-23T10:00:00Z'), h1: s('2026-11-23T12:00:00Z'), m2: s('2026-11-23T12:00:00Z'), m3: s('2026-11-23T12:00:00Z'),
  });
  // reaching the present: the current hour whole from the hourly rollup (nothing later is stored)
  const now = at('2026-11-23T13:19:00Z');
  assert.deepEqual(windowParts(at('2026-11-23T10:07:30Z'), at('2026-11-23T13:20:00Z'), now), { m0: s('2026-11-23T10:07:00Z'), m1: s('2026-11-23T11:00:00Z'), h0: s('2026-11-23T11:00:00Z'), h1: s('2026-11-23T14:00:00Z'), m2: 0, m3: 0 });
  assert.deepEqual(windowParts(at('2026-11-23T12:50:00Z'), at('2026-11-23T13:20:00Z'), now), { m0: s('2026-11-23T12:50:00Z'), m1: s('2026-11-23T13:00:00Z'), h0: s('2026-11-23T13:00:00Z'), h1: s('2026-11-23T14:00:00Z'), m2: 0, m3: 0 });
  assert.deepEqual(windowParts(at('2026-11-23T13:05:00Z'), at('2026-11-23T13:20:00Z'), now), { m0: s('2026-11-23T13:05:00Z'), m1: s('2026-11-23T13:20:00Z'), h0: 0, h1: 0, m2: 0, m3: 0 });
});
