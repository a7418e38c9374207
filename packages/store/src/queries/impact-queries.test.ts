// Impact of a function's failures (walked upstream to the entries, per failing invocation) and the
// transactions list (entry invocations).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Store } from '../open-store.ts';
import { openTestStore, tempDir } from '../testing/temp-store.ts';
import type { ImpactFailingRoot } from '@nightjar/model';
import { PROJECT, batch, hexId, invocation, invocationSpan as root, nsAgo } from '../testing/rows.ts';

const tmp = tempDir();
let store: Store;


const http = (route: string, user: string, tier?: string) => ({
  attributes: { 'http.request.method': 'POST', 'http.route': route, 'enduser.id': user, ...(tier !== undefined ? { 'nightjar.enduser.tier': tier } : {}) },
  httpRoute: route,
});
const fail = (n: number, fn: string, msAgo: number) => invocation({ function: fn, requestId: `req-${n}`, traceId: hexId(n, 32), startNs: nsAgo(msAgo), status: 'error' });
const BATCH = 'batch-test';
const TIERS = 'tier-test';
const MAILER_INPUT = JSON.stringify({ Records: [{ messageId: 'b1', body: '{"phone":"+1555"}' }, { messageId: 'b2', body: '{"phone":""}' }, { messageId: 'b3', body: '{"phone":"+1556"}' }] });
const ok = (n: number, fn: string, msAgo: number) => invocation({ function: fn, requestId: `req-${n}`, traceId: hexId(n, 32), startNs: nsAgo(msAgo), status: 'success' });

before(async () => {
  store = await openTestStore(tmp.dir);
  await store.writer.write(
    batch({
      spans: [
        // POST /orders (alice) -> sqs -> payment -> events -> notify (fails)
        root(1, 'orders-api', 60_000, { out: ['sqs:m1'] }, http('/orders', 'alice', 'standard')),
        root(2, 'payment', 59_000, { in: ['sqs:m1'], out: ['events:e1'] }),
        root(3, 'notify', 58_000, { in: ['events:e1'] }, { status: 'error' }),
        // POST /orders (bob) -> sqs -> payment -> events -> notify (fails)
        root(11, 'orders-api', 50_000, { out: ['sqs:m2'] }, http('/orders', 'bob', 'VIP')),
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
  // another project: three requests (three entries, three users) -> one mailer batch of their 3 messages, failing on dave's
  const b = { project: BATCH };
  await store.writer.write(
    batch({
      spans: [
        root(41, 'orders-api', 20_000, { out: ['sqs:b1'] }, { ...http('/orders', 'carol'), ...b }),
        root(42, 'signup-api', 20_000, { out: ['sqs:b2'] }, { ...http('/signup', 'dave'), ...b }),
        root(43, 'returns-api', 20_000, { out: ['sqs:b3'] }, { ...http('/returns', 'erin'), ...b }),
        root(44, 'mailer', 15_000, { in: ['sqs:b1', 'sqs:b2', 'sqs:b3'] }, {
          ...b,
          status: 'error',
          statusMessage: 'phone number is empty',
          input: MAILER_INPUT,
          // the tracer reads a batch's user from Records.0 (carol's message)
          attributes: { 'enduser.id': 'carol', 'messaging.batch.message_count': '3' },
          events: [{ timeNs: nsAgo(15_000), name: 'exception', attributes: { 'exception.type': 'InvalidContactError', 'exception.message': 'phone number is empty' } }],
        }),
      ],
      invocations: [{ ...fail(44, 'mailer', 15_000), ...b }],
    }),
  );
  // another project: checkout fails for sam (standard, twice), vera (gold, once) and nat (no tier, once)
  const t = { project: TIERS, status: 'error' as const };
  await store.writer.write(
    batch({
      spans: [
        root(51, 'checkout', 14_000, {}, { ...http('/checkout', 'sam', 'standard'), ...t }),
        root(52, 'checkout', 13_000, {}, { ...http('/checkout', 'sam', 'standard'), ...t }),
        root(53, 'checkout', 12_000, {}, { ...http('/checkout', 'vera', 'gold'), ...t }),
        root(54, 'checkout', 11_000, {}, { ...http('/checkout', 'nat'), ...t }),
      ],
      invocations: [51, 52, 53, 54].map((n, i) => ({ ...fail(n, 'checkout', 14_000 - i * 1000), project: TIERS })),
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
    { id: 'bob', failed: 1, tier: 'VIP', vip: true },
    { id: 'alice', failed: 1, tier: 'standard', vip: false },
  ], 'VIP users first (the tier of their invocations)');
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

test('impact: a failing batch counts every record\'s entry and user, unless failingKeys tells its failing record', async () => {
  const all = await store.queries.impact(BATCH, { function: 'mailer', ...window() });
  assert.equal(all.failedInvocations, 1);
  assert.deepEqual(all.entries.map((e) => `${e.name} ${e.failed}`), ['POST /orders 1', 'POST /returns 1', 'POST /signup 1']);
  assert.deepEqual(all.users, [{ id: 'carol', failed: 1, vip: false }, { id: 'dave', failed: 1, vip: false }, { id: 'erin', failed: 1, vip: false }]);

  const seen: ImpactFailingRoot[] = [];
  // a stand-in for @nightjar/assemble's failingRecordKeys (the store does not import assemble): dave's message
  const failingKeys = (r: ImpactFailingRoot) => {
    seen.push(r);
    return r.linkIn.filter((k) => k === 'sqs:b2' || k.startsWith('lambda:'));
  };
  const one = await store.queries.impact(BATCH, { function: 'mailer', ...window(), failingKeys });
  assert.deepEqual(one.entries, [{ kind: 'http', name: 'POST /signup', failed: 1 }]);
  assert.deepEqual(one.users, [{ id: 'dave', failed: 1, vip: false }], 'carol (Records.0 of the batch) only rode along');
  assert.equal(seen.length, 1);
  assert.equal(seen[0]?.input, MAILER_INPUT);
  assert.equal(seen[0]?.statusMessage, 'phone number is empty');
  assert.deepEqual([...(seen[0]?.linkIn ?? [])].sort(), ['lambda:req-44', 'sqs:b1', 'sqs:b2', 'sqs:b3']);
  assert.deepEqual(seen[0]?.events.map((e) => [e.name, e.attributes['exception.type']]), [['exception', 'InvalidContactError']]);
  assert.equal(seen[0]?.attributes['messaging.batch.message_count'], '3');

  const unknown = await store.queries.impact(BATCH, { function: 'mailer', ...window(), failingKeys: () => null });
  assert.deepEqual(unknown.users, all.users, 'cannot tell: every record, as without it');
  assert.deepEqual(unknown.entries, all.entries);
});

test('impact: users with their tier, VIP first, then by failures', async () => {
  const im = await store.queries.impact(TIERS, { function: 'checkout', ...window() });
  assert.equal(im.failedInvocations, 4);
  assert.deepEqual(im.users, [
    { id: 'vera', failed: 1, tier: 'gold', vip: true },
    { id: 'sam', failed: 2, tier: 'standard', vip: false },
    { id: 'nat', failed: 1, vip: false },
  ]);
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

test('transactions: filtered by entry name in SQL, before the limit', async () => {
  const byEntry = (entry: string, limit = 50) => store.queries.listTransactions({ project: PROJECT, ...window(), entry, limit });
  assert.deepEqual((await byEntry('POST /orders')).map((t) => t.id), ['req-21', 'req-11', 'req-1']);
  assert.deepEqual((await byEntry('POST /orders', 1)).map((t) => t.id), ['req-21'], 'the newest match, though a schedule run is newer');
  assert.deepEqual((await byEntry('nightly', 1)).map((t) => t.id), ['req-31']);
  assert.deepEqual((await byEntry('orders-api')).map((t) => t.id), [], 'an http entry is not named after its function');
  const both = await store.queries.listTransactions({ project: PROJECT, ...window(), entry: 'POST /orders', user: 'bob', limit: 50 });
  assert.deepEqual(both.map((t) => t.id), ['req-11']);
});

test('transactions: the SQL entry name is the one entryOf gives, for every kind of entry', async () => {
  const at = (i: number) => 15 * 60e3 + i * 1000;
  const attrs = (a: Record<string, string>, over: Record<string, unknown> = {}) => ({ attributes: a, ...over });
  await store.writer.write(
    batch({
      spans: [
        root(101, 'e-api', at(1), {}, attrs({ 'faas.trigger': 'http', 'http.request.method': 'PUT', 'url.path': '/cart' })),
        root(102, 'e-api', at(2), {}, attrs({ 'nightjar.trigger.source': 'api-gateway-http' })),
        root(103, 'e-api', at(3), {}, attrs({ 'http.request.method': 'DELETE' }, { httpRoute: '/items/{id}' })),
        root(104, 'e-upload', at(4), {}, attrs({ 'nightjar.trigger.source': 's3', 'aws.s3.bucket': 'avatars' })),
        root(105, 'e-upload', at(5), {}, attrs({ 'nightjar.trigger.source': 's3', 'faas.document.collection': 'docs' })),
        root(106, 'e-upload', at(6), {}, attrs({ 'nightjar.trigger.source': 's3', 'aws.s3.bucket': '', 'faas.document.collection': 'ignored' })),
        root(107, 'e-cron', at(7), {}, attrs({ 'nightjar.trigger.source': 'schedule' })),
        root(108, 'e-worker', at(8), {}, attrs({})),
        root(109, 'e-api', at(9), {}, attrs({ 'http.request.method': 'PUT', 'url.path': '/cart', 'faas.trigger': 'http' }, { status: 'error' })),
      ],
    }),
  );
  const w = { from: new Date(Date.now() - 20 * 60e3), to: new Date(Date.now() - 14 * 60e3) };
  const all = await store.queries.listTransactions({ project: PROJECT, ...w, limit: 50 });
  assert.deepEqual(
    all.map((t) => [t.id, t.entry.kind, t.entry.name]),
    [
      ['req-101', 'http', 'PUT /cart'],
      ['req-102', 'http', 'GET /'],
      ['req-103', 'http', 'DELETE /items/{id}'],
      ['req-104', 's3', 's3://avatars'],
      ['req-105', 's3', 's3://docs'],
      ['req-106', 'invoke', 'e-upload'],
      ['req-107', 'schedule', 'schedule'],
      ['req-108', 'invoke', 'e-worker'],
      ['req-109', 'http', 'PUT /cart'],
    ],
  );
  for (const t of all) {
    const found = await store.queries.listTransactions({ project: PROJECT, ...w, entry: t.entry.name, limit: 50 });
    const expected = all.filter((x) => x.entry.name === t.entry.name).map((x) => x.id);
    assert.deepEqual(found.map((x) => x.id), expected, `entry ${t.entry.name}`);
  }
  const failed = await store.queries.listTransactions({ project: PROJECT, ...w, entry: 'PUT /cart', status: 'error', limit: 50 });
  assert.deepEqual(failed.map((t) => t.id), ['req-109']);
});
