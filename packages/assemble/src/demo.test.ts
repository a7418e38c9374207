// The demo shop's export, trimmed into test-fixtures/ by make-fixtures.mjs.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { InvocationItem, SpanItem, Transaction } from '@nightjar/model';
import { assembleTransaction } from './assemble-transaction.ts';
import { connectedSpans } from './components.ts';
import { impactOf } from './impact.ts';
import { serviceMap } from './service-map.ts';

interface Fixture {
  rootSpanId: string;
  spans: SpanItem[];
  invocations: InvocationItem[];
}

const load = (name: string): Fixture => JSON.parse(readFileSync(new URL(`../test-fixtures/${name}.json`, import.meta.url), 'utf8')) as Fixture;
const assemble = (f: Fixture): Transaction => assembleTransaction({ id: f.rootSpanId, spans: f.spans, invocations: f.invocations });
const ids = (tx: Transaction): string[] => tx.nodes.map((n) => n.id).sort();
const hasEdge = (tx: Transaction, from: string, to: string, via: string): boolean => tx.edges.some((e) => e.from === from && e.to === to && e.via === via);

test('bad deployment: notify fails three hops downstream; the root cause is orders-api\'s input (POST /orders)', () => {
  const tx = assemble(load('bad-deployment'));
  assert.equal(tx.status, 'error');
  assert.equal(tx.entry?.kind, 'http');
  assert.equal(tx.entry?.name, 'POST /orders');
  assert.equal(tx.entry?.nodeId, 'api:POST /orders');
  assert.equal(tx.entry?.function, 'orders-api');
  assert.equal(tx.users[0]?.id, 'u-0056', 'the customer who placed the order first');
  // u-0048 rides along: enduser.id of an inventory DynamoDB-stream batch (Records.0) that also held this order's items
  assert.deepEqual(tx.users, [
    { id: 'u-0056', count: 7, affected: true, vip: false },
    { id: 'u-0048', count: 1, affected: false, vip: false },
  ]);
  console.log(`bad deployment users: ${tx.users.length} listed, ${tx.users.filter((u) => u.affected).length} affected (${tx.users.map((u) => `${u.id}${u.affected ? '' : ' in the same batch'}`).join(', ')})`);
  const rc = tx.rootCause;
  assert.ok(rc !== null);
  assert.equal(rc.function, 'orders-api');
  assert.equal(rc.nodeId, 'lambda:orders-api');
  assert.equal(rc.requestId, tx.entry?.requestId);
  assert.equal(rc.field, 'phone');
  assert.equal(rc.reason, 'orders-api\'s input already had "phone": "" (POST /orders)');
  assert.equal(rc.firstFailure.function, 'notify');
  assert.equal(rc.firstFailure.errorType, 'InvalidContactError');
  assert.equal(rc.firstFailure.message, 'phone number is empty');
  const notify = tx.nodes.find((n) => n.id === 'lambda:notify');
  assert.equal(notify?.status, 'error');
  assert.ok(tx.edges.some((e) => e.to === 'lambda:notify' && e.status === 'error'));
  console.log(`bad deployment: ${tx.nodes.length} nodes, ${tx.edges.length} edges, root cause: ${rc.reason}`);
});

test('a normal order flow: api, functions, queue, invoke, payment host, bus, topic, table, stream', () => {
  const tx = assemble(load('order-flow'));
  assert.equal(tx.status, 'ok');
  assert.equal(tx.rootCause, null);
  for (const id of [
    'api:POST /orders',
    'lambda:orders-api',
    'sqs:shop-payments',
    'lambda:process-payment',
    'lambda:fraud-check',
    'eventbridge:shop',
    'lambda:order-events',
    'sns:shop-notifications',
    'sqs:shop-notifications-queue',
    'lambda:notify',
    'dynamodb:shop-orders',
    'kinesis:shop-clickstream',
    'lambda:clickstream',
    'lambda:inventory',
  ]) {
    assert.ok(ids(tx).includes(id), `${id} in ${ids(tx).join(', ')}`);
  }
  assert.ok(tx.nodes.some((n) => n.type === 'http'), 'the payment provider');
  assert.ok(hasEdge(tx, 'api:POST /orders', 'lambda:orders-api', 'trigger'));
  assert.ok(hasEdge(tx, 'lambda:orders-api', 'sqs:shop-payments', 'sqs'));
  assert.ok(hasEdge(tx, 'sqs:shop-payments', 'lambda:process-payment', 'sqs'));
  assert.ok(hasEdge(tx, 'lambda:process-payment', 'lambda:fraud-check', 'invoke'));
  assert.ok(hasEdge(tx, 'lambda:process-payment', 'eventbridge:shop', 'eventbridge'));
  assert.ok(hasEdge(tx, 'eventbridge:shop', 'lambda:order-events', 'eventbridge'));
  assert.ok(hasEdge(tx, 'lambda:order-events', 'sns:shop-notifications', 'sns'));
  assert.ok(hasEdge(tx, 'sns:shop-notifications', 'sqs:shop-notifications-queue', 'sns'));
  assert.ok(hasEdge(tx, 'sqs:shop-notifications-queue', 'lambda:notify', 'sqs'));
  assert.ok(hasEdge(tx, 'dynamodb:shop-orders', 'lambda:inventory', 'dynamodb'));
  assert.ok(hasEdge(tx, 'kinesis:shop-clickstream', 'lambda:clickstream', 'kinesis'));
  assert.equal(tx.entry?.name, 'POST /orders');
  assert.ok(tx.users.length > 0);
  assert.ok(tx.users.every((u) => !u.affected), 'nothing failed: nobody affected');
  const orders = tx.nodes.find((n) => n.id === 'lambda:orders-api');
  assert.equal(orders?.traced, true);
  assert.ok((orders?.versions.length ?? 0) > 0);
  for (let i = 1; i < tx.spans.length; i++) assert.ok(BigInt(tx.spans[i - 1]?.startNs ?? '0') <= BigInt(tx.spans[i]?.startNs ?? '0'), 'timeline in start order');
});

test('lunch reminder: a schedule -> SNS -> SQS -> notify', () => {
  const tx = assemble(load('lunch-reminder'));
  assert.equal(tx.entry?.kind, 'schedule');
  assert.equal(tx.entry?.nodeId, 'schedule:lunch-reminder');
  assert.ok(hasEdge(tx, 'schedule:lunch-reminder', 'lambda:lunch-reminder', 'trigger'));
  assert.ok(hasEdge(tx, 'lambda:lunch-reminder', 'sns:shop-notifications', 'sns'));
  assert.ok(tx.nodes.some((n) => n.id === 'lambda:notify'));
});

test('avatar upload: an HTTP route -> S3 -> avatar-resize', () => {
  const tx = assemble(load('avatar-upload'));
  assert.equal(tx.entry?.kind, 'http');
  assert.ok(hasEdge(tx, 'lambda:avatars-api', 's3:shop-avatars', 's3'));
  assert.ok(hasEdge(tx, 's3:shop-avatars', 'lambda:avatar-resize', 's3'));
});

test('the fixtures are connected components: connectedSpans from the entry finds the whole flow', () => {
  const f = load('bad-deployment');
  const c = connectedSpans(f.spans, [f.rootSpanId]);
  assert.equal(c.spans.length, f.spans.length);
  assert.equal(c.truncated, false);
  const cut = connectedSpans(f.spans, [f.rootSpanId], { maxTraces: 2 });
  assert.equal(cut.truncated, true);
  assert.equal(cut.traceIds.length, 2);
});

test('service map and impact over the fixtures', () => {
  const all = ['bad-deployment', 'order-flow', 'lunch-reminder', 'avatar-upload'].map(load);
  const map = serviceMap(all.flatMap((f) => f.spans), all.flatMap((f) => f.invocations));
  const notify = map.nodes.find((n) => n.id === 'lambda:notify');
  assert.ok(notify !== undefined && notify.errors > 0 && notify.requests >= notify.errors);
  assert.ok((notify.p50Ms ?? 0) > 0 && (notify.p95Ms ?? 0) >= (notify.p50Ms ?? 0));
  const e = map.edges.find((x) => x.from === 'sqs:shop-payments' && x.to === 'lambda:process-payment');
  assert.ok(e !== undefined && e.count >= 2 && e.errors === 0 && e.p50Ms !== null);
  const txs = all.map(assemble);
  const impact = impactOf(txs, { nodeId: 'lambda:notify' });
  assert.deepEqual(impact.entries, [{ name: 'POST /orders', kind: 'http', failed: 1, total: 2 }]);
  assert.ok(impact.users.some((u) => u.id === 'u-0056' && u.failed === 1));
  assert.ok(!impact.users.some((u) => u.id === 'u-0048'), 'only in the same batch: not a failure of theirs');
  assert.deepEqual(impactOf(txs, { nodeId: 'lambda:avatar-resize' }), { entries: [], users: [] });
});

test('speed: assembling a whole export (printed, not asserted)', () => {
  const path = '/tmp/demo2-export.json';
  const data: { spans: SpanItem[]; invocations: InvocationItem[] } = existsSync(path)
    ? (JSON.parse(readFileSync(path, 'utf8')) as { spans: SpanItem[]; invocations: InvocationItem[] })
    : (() => {
        const all = ['bad-deployment', 'order-flow', 'lunch-reminder', 'avatar-upload'].map(load);
        return { spans: all.flatMap((f) => f.spans), invocations: all.flatMap((f) => f.invocations) };
      })();
  let t = performance.now();
  const tx = assembleTransaction({ id: 'all', spans: data.spans, invocations: data.invocations });
  const assembleMs = performance.now() - t;
  t = performance.now();
  serviceMap(data.spans, data.invocations);
  const mapMs = performance.now() - t;
  t = performance.now();
  const seed = data.spans.find((s) => s.status === 'error')?.spanId ?? data.spans[0]?.spanId ?? '';
  connectedSpans(data.spans, [seed]);
  const compMs = performance.now() - t;
  console.log(
    `${existsSync(path) ? path : 'fixtures'}: ${data.spans.length} spans, ${data.invocations.length} invocations -> ${tx.nodes.length} nodes, ${tx.edges.length} edges; ` +
      `assembleTransaction ${assembleMs.toFixed(1)} ms, serviceMap ${mapMs.toFixed(1)} ms, connectedSpans ${compMs.toFixed(1)} ms`,
  );
  assert.ok(tx.nodes.length > 0);
});
