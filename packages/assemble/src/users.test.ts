// Users of a transaction: affected (on the failing record's lineage) or only in the same batch.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SpanItem } from '@nightjar/model';
import { assembleTransaction } from './assemble-transaction.ts';
import { awsCall, invocation, sqsAttrs, sqsTrigger } from './test-spans.ts';

const PHONE_EMPTY = [{ time: '2026-11-23T12:00:00.021Z', name: 'exception', attributes: { 'exception.type': 'InvalidContactError', 'exception.message': 'phone number is empty' } }];
const record = (messageId: string, orderId: string, userId: string, phone: string) => ({ messageId, body: JSON.stringify({ orderId, to: { userId, phone } }) });

/** One order placed by `user` (POST /orders) whose message reaches the notifications queue as `key`. */
function order(user: string, orderId: string, key: string, phone: string, at: number): SpanItem[] {
  const api = invocation('orders-api', `r-${user}`, {
    kind: 'server',
    at,
    source: 'api-gateway-http',
    user,
    attributes: { 'http.request.method': 'POST', 'http.route': '/orders' },
    input: JSON.stringify({ body: JSON.stringify({ to: { userId: user, phone } }) }),
    output: JSON.stringify({ body: JSON.stringify({ orderId }) }),
  });
  return [api, awsCall(api, 'SQS', 'SendMessage', sqsAttrs('notifications'), { at: at + 1, linkOut: [key] })];
}

/** A failing notify batch: enduser.id from Records.0, as the tracer's user id paths read it. */
function notifyBatch(records: ReturnType<typeof record>[], user: string): SpanItem {
  return invocation('notify', 'r-n', {
    at: 20,
    source: 'sqs',
    attributes: sqsTrigger('notifications', records.length),
    linkIn: records.map((r) => `sqs:${r.messageId}`),
    user,
    failed: true,
    input: JSON.stringify({ Records: records }),
    events: PHONE_EMPTY,
  });
}

test('a failing batch: the bad record\'s user is affected, the batch\'s Records.0 user only rode along', () => {
  const alice = order('alice-0001', 'ord-aaaa1', 'sqs:ma', '', 0);
  const bob = order('bob-0002', 'ord-bbbb2', 'sqs:mb', '+15550100', 2);
  const notify = notifyBatch([record('mb', 'ord-bbbb2', 'bob-0002', '+15550100'), record('ma', 'ord-aaaa1', 'alice-0001', '')], 'bob-0002');
  const tx = assembleTransaction({ id: 'r-n', spans: [...bob, ...alice, notify], invocations: [] });
  assert.equal(tx.entry?.requestId, 'r-alice-0001', 'the failing record\'s own entry');
  assert.deepEqual(tx.users, [
    { id: 'alice-0001', count: 1, affected: true, vip: false },
    { id: 'bob-0002', count: 2, affected: false, vip: false },
  ]);
});

test('the bad record first in the batch: the batch\'s own user is the affected one', () => {
  const alice = order('alice-0001', 'ord-aaaa1', 'sqs:ma', '', 2);
  const bob = order('bob-0002', 'ord-bbbb2', 'sqs:mb', '+15550100', 0);
  const notify = notifyBatch([record('ma', 'ord-aaaa1', 'alice-0001', ''), record('mb', 'ord-bbbb2', 'bob-0002', '+15550100')], 'alice-0001');
  const tx = assembleTransaction({ id: 'r-n', spans: [...bob, ...alice, notify], invocations: [] });
  assert.deepEqual(tx.users, [
    { id: 'alice-0001', count: 2, affected: true, vip: false },
    { id: 'bob-0002', count: 1, affected: false, vip: false },
  ]);
});

test('every record bad: every user affected, the entry\'s first', () => {
  const alice = order('alice-0001', 'ord-aaaa1', 'sqs:ma', '', 2);
  const bob = order('bob-0002', 'ord-bbbb2', 'sqs:mb', '', 0);
  const notify = notifyBatch([record('mb', 'ord-bbbb2', 'bob-0002', ''), record('ma', 'ord-aaaa1', 'alice-0001', '')], 'bob-0002');
  const tx = assembleTransaction({ id: 'r-n', spans: [...bob, ...alice, notify], invocations: [] });
  // the lineage follows the first failing record's producer (bob's order); alice's order is upstream and her record failed too
  assert.equal(tx.entry?.requestId, 'r-bob-0002');
  assert.deepEqual(tx.users, [
    { id: 'bob-0002', count: 2, affected: true, vip: false },
    { id: 'alice-0001', count: 1, affected: true, vip: false },
  ]);
});

test('a single-record failure: its own user is affected, upstream or not', () => {
  const lone = invocation('notify', 'r-n', { at: 0, source: 'sqs', attributes: sqsTrigger('notifications', 1), linkIn: ['sqs:x'], user: 'carol-0003', failed: true, events: PHONE_EMPTY });
  assert.deepEqual(assembleTransaction({ id: 'r-n', spans: [lone], invocations: [] }).users, [{ id: 'carol-0003', count: 1, affected: true, vip: false }]);
});

/** An order whose API invocation records the user's tier, as the tracer does from the JWT claims. */
function tieredOrder(user: string, tier: string | undefined, orderId: string, key: string, phone: string, at: number): SpanItem[] {
  const [api, call] = order(user, orderId, key, phone, at);
  assert.ok(api !== undefined && call !== undefined);
  return [tier === undefined ? api : { ...api, attributes: { ...api.attributes, 'nightjar.enduser.tier': tier } }, call];
}

test('tiers: each user carries its tier and vip flag; VIP users come right after the affected ones', () => {
  const alice = tieredOrder('alice-0001', 'standard', 'ord-aaaa1', 'sqs:ma', '', 0);
  const bob = tieredOrder('bob-0002', 'Gold', 'ord-bbbb2', 'sqs:mb', '+15550100', 2);
  const dan = tieredOrder('dan-0004', undefined, 'ord-dddd4', 'sqs:md', '+15550101', 4);
  // dan's record leads the batch (its enduser.id), alice's record is the bad one
  const notify = notifyBatch(
    [record('md', 'ord-dddd4', 'dan-0004', '+15550101'), record('mb', 'ord-bbbb2', 'bob-0002', '+15550100'), record('ma', 'ord-aaaa1', 'alice-0001', '')],
    'dan-0004',
  );
  const tx = assembleTransaction({ id: 'r-n', spans: [...dan, ...bob, ...alice, notify], invocations: [] });
  assert.deepEqual(tx.users, [
    { id: 'alice-0001', count: 1, affected: true, tier: 'standard', vip: false },
    { id: 'bob-0002', count: 1, affected: false, tier: 'Gold', vip: true },
    { id: 'dan-0004', count: 2, affected: false, vip: false },
  ]);
});

test('an affected VIP user comes before an affected standard one; the tier is taken from any invocation of the user', () => {
  const alice = tieredOrder('alice-0001', 'standard', 'ord-aaaa1', 'sqs:ma', '', 2);
  const bob = tieredOrder('bob-0002', 'enterprise', 'ord-bbbb2', 'sqs:mb', '', 0);
  const notify = notifyBatch([record('ma', 'ord-aaaa1', 'alice-0001', ''), record('mb', 'ord-bbbb2', 'bob-0002', '')], 'alice-0001');
  const tx = assembleTransaction({ id: 'r-n', spans: [...alice, ...bob, notify], invocations: [] });
  // without tiers alice would lead (she has two invocations); bob is VIP
  assert.deepEqual(
    tx.users.map((u) => [u.id, u.affected, u.vip, u.tier]),
    [
      ['bob-0002', true, true, 'enterprise'],
      ['alice-0001', true, false, 'standard'],
    ],
  );
});
