// Impact of a function's failures (walked upstream to the entries, per failing invocation) and the
// transactions list (entry invocations).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Store } from '../open-store.ts';
import { openTestStore, tempDir } from '../testing/temp-store.ts';
import { PROJECT, batch, hexId, invocation, invocationSpan as root, nsAgo } from '../testing/rows.ts';

const tmp = tempDir();
let store: Store;


const http = (route: string, user: string) => ({ attributes: { 'http.request.method': 'POST', 'http.route': route, 'enduser.id': user }, httpRoute: route });
const fail = (n: number, fn: string, msAgo: number) => invocation({ function: fn, requestId: `req-${n}`, traceId: hexId(n, 32), startNs: nsAgo(msAgo), status: 'error' });
const ok = (n: number, fn: string, msAgo: number) => invocation({ function: fn, requestId: `req-${n}`, traceId: hexId(n, 32), startNs: nsAgo(msAgo), status: 'success' });

before(async () => {
  store = await openTestStore(tmp.dir);
  await store.writer.write(
    batch({
      spans: [
        // POST /orders (alice) -> sqs -> payment -> events -> notify (fails)
        root(1, 'orders-api', 60_000, { out: ['sqs:m1'] }, http('/orders', 'alice')),
        root(2, 'payment', 59_000, { in: ['sqs:m1'], out: ['events:e1'] }),
        root(3, 'notify', 58_000, { in: ['events:e1'] }, { status: 'error' }),
        // POST /orders (bob) -> sqs -> payment -> events -> notify (fails)
        root(11, 'orders-api', 50_000, { out: ['sqs:m2'] }, http('/orders', 'bob')),
        root(12, 'payment', 49_000, { in: ['sqs:m2'], out: ['events:e2'] }),
        root(13, 'notify', 48_000, { in: ['events:e2'] }, { status: 'error' }),
        // POST /orders (alice again) -> notify ok
        root(21, 'orders-api', 40_000, { out: ['events:e3'] }, http('/orders', 'alice')),
        root(22, 'notify', 39_000, { in: ['events:e3'] }),
        // a schedule -> notify (fails), no user
        root(31, 'daily-report', 30_000, { out: ['events:e4'] }, { attributes: { 'nightjar.trigger.source': 'schedule', 'aws.eventbridge.rule': 'nightly' } }),
        root(32, 'notify', 29_000, { in: ['events:e4'] }, { status: 'error' }),
      ],
      invocations: [fail(3, 'notify', 58_000), fail(13, 'notify', 48_000), ok(22, 'notify', 39_000), fail(32, 'notify', 29_000), ok(1, 'orders-api', 60_000)],
    }),
  );
});
after(async () => {
  await store.close();
  tmp.remove();
});

const window = () => ({ from: new Date(Date.now() - 10 * 60e3), to: new Date(Date.now() + 60e3) });

test('impact: failing invocations walked upstream to their entries and users, counted', async () => {
  const im = await store.queries.impact(PROJECT, { function: 'notify', ...window() });
  assert.equal(im.failedInvocations, 3);
  assert.equal(im.sampled, 3);
  assert.equal(im.truncated, false);
  assert.deepEqual(im.entries, [
    { kind: 'http', name: 'POST /orders', failed: 2 },
    { kind: 'schedule', name: 'nightly', failed: 1 },
  ]);
  assert.deepEqual(im.users, [
    { id: 'alice', failed: 1 },
    { id: 'bob', failed: 1 },
  ]);
});

test('impact: the sample is the newest failing invocations; other functions and windows are apart', async () => {
  const im = await store.queries.impact(PROJECT, { function: 'notify', ...window(), limit: 1 });
  assert.equal(im.failedInvocations, 3);
  assert.equal(im.sampled, 1);
  assert.deepEqual(im.entries, [{ kind: 'schedule', name: 'nightly', failed: 1 }]);
  const none = await store.queries.impact(PROJECT, { function: 'orders-api', ...window() });
  assert.deepEqual({ ...none, from: '', to: '' }, { function: 'orders-api', from: '', to: '', failedInvocations: 0, sampled: 0, entries: [], users: [], truncated: false });
  const old = await store.queries.impact(PROJECT, { function: 'notify', from: new Date(Date.now() - 3600e3), to: new Date(Date.now() - 1800e3) });
  assert.equal(old.failedInvocations, 0);
});

test('impact: bounded rounds say truncated', async () => {
  const im = await store.queries.impact(PROJECT, { function: 'notify', ...window(), maxRounds: 1 });
  assert.equal(im.truncated, true);
});

test('transactions: entry invocations newest first, filtered by function, user and status', async () => {
  const all = await store.queries.listTransactions({ project: PROJECT, ...window(), limit: 50 });
  assert.deepEqual(all.map((t) => t.id), ['req-31', 'req-21', 'req-11', 'req-1']);
  assert.deepEqual(all[1], {
    id: 'req-21',
    traceId: hexId(21, 32),
    entry: { kind: 'http', name: 'POST /orders' },
    function: 'orders-api',
    user: 'alice',
    start: all[1]?.start,
    status: 'ok',
    durationMs: 12.345678,
  });
  assert.equal(all[0]?.entry.name, 'nightly');
  const alice = await store.queries.listTransactions({ project: PROJECT, ...window(), user: 'alice', limit: 50 });
  assert.deepEqual(alice.map((t) => t.id), ['req-21', 'req-1']);
  const fn = await store.queries.listTransactions({ project: PROJECT, ...window(), function: 'daily-report', limit: 50 });
  assert.deepEqual(fn.map((t) => t.id), ['req-31']);
  assert.deepEqual(await store.queries.listTransactions({ project: PROJECT, ...window(), status: 'error', limit: 50 }), []);
  const limited = await store.queries.listTransactions({ project: PROJECT, ...window(), limit: 2 });
  assert.deepEqual(limited.map((t) => t.id), ['req-31', 'req-21']);
});
