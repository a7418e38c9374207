import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { nsToIso, type InvocationItem, type InvocationRow } from '@nightjar/model';
import type { Store } from '../open-store.ts';
import { openTestStore, tempDir } from '../testing/temp-store.ts';
import { PROJECT, batch, invocation, nsAgo } from '../testing/rows.ts';

const tmp = tempDir();
let store: Store;
before(async () => {
  store = await openTestStore(tmp.dir, { writer: { maxDelayMs: 5 } });
});
after(async () => {
  await store.close();
  tmp.remove();
});

const start = nsAgo(5 * 60_000, '000000');
const startLater = String(BigInt(start) + 2_500_000n); // the REPORT line's start: 2.5 ms later

/** Three sources' views of one invocation: each knows some fields, and they disagree on a few. */
function sources(requestId: string): InvocationRow[] {
  return [
    invocation({ requestId, source: 'tracer', startNs: start, durationMs: 101.5, coldStart: true, status: 'success', traceId: 'abc123', version: '7', errorType: null }),
    invocation({ requestId, source: 'report-log', startNs: startLater, durationMs: 102.25, billedDurationMs: 103, memorySizeMb: 256, maxMemoryUsedMb: 88, initDurationMs: 312.4, status: 'timeout', costUsd: 0.0000021, region: 'eu-west-1' }),
    invocation({ requestId, source: 'platform-log', status: 'error', errorType: 'Sandbox.Timedout', errorMessage: 'Task timed out after 3.00 seconds', coldStart: null }),
  ];
}

function expectedItem(requestId: string): InvocationItem {
  return {
    function: 'orders-api',
    requestId,
    version: '7',
    region: 'eu-west-1',
    start: nsToIso(start),
    durationMs: 102.25,
    billedDurationMs: 103,
    memorySizeMb: 256,
    maxMemoryUsedMb: 88,
    initDurationMs: 312.4,
    coldStart: true,
    status: 'timeout',
    errorType: 'Sandbox.Timedout',
    errorMessage: 'Task timed out after 3.00 seconds',
    costUsd: 0.0000021,
    traceId: 'abc123',
    sources: ['platform-log', 'report-log', 'tracer'],
  };
}

const ORDERS = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];

test('partial rows from three sources merge to the same invocation in every order, repeated, before and after merges', async () => {
  for (const [k, order] of ORDERS.entries()) {
    const rows = sources(`perm-${k}`);
    // One write per source (separate INSERTs, separate parts), then the whole set again.
    for (const i of order) await store.writer.write(batch({ invocations: [rows[i]!] }));
    await store.writer.write(batch({ invocations: rows }));
  }
  for (const k of ORDERS.keys()) assert.deepEqual(await store.queries.getInvocation(PROJECT, 'orders-api', `perm-${k}`), expectedItem(`perm-${k}`));
  await store.db.command('OPTIMIZE TABLE invocations FINAL');
  for (const k of ORDERS.keys()) assert.deepEqual(await store.queries.getInvocation(PROJECT, 'orders-api', `perm-${k}`), expectedItem(`perm-${k}`));
});

test('status precedence follows STATUS_RANK whatever the order', async () => {
  const cases: [InvocationRow['status'][], string][] = [
    [['success', 'error'], 'error'],
    [['crash', 'error'], 'crash'],
    [['timeout', 'out_of_memory', 'success'], 'timeout'],
    [['init_error', 'crash'], 'init_error'],
    [['throttled', 'timeout'], 'throttled'],
    [[null, 'success', null], 'success'],
    [[null], 'unknown'],
  ];
  for (const [i, [statuses, want]] of cases.entries()) {
    const requestId = `status-${i}`;
    for (const status of [...statuses].reverse()) await store.writer.write(batch({ invocations: [invocation({ requestId, status, startNs: start })] }));
    assert.equal((await store.queries.getInvocation(PROJECT, 'orders-api', requestId))?.status, want, statuses.join('+'));
  }
});

test('getInvocation of an unknown request id is null', async () => {
  assert.equal(await store.queries.getInvocation(PROJECT, 'orders-api', 'nope'), null);
  assert.equal(await store.queries.getInvocation(PROJECT, 'other-fn', 'perm-0'), null);
});

test('listInvocations: merged, newest first, filtered, paged', async () => {
  const fn = 'list-fn';
  const rows: InvocationRow[] = [];
  for (let i = 0; i < 12; i++) {
    const s = nsAgo((20 - i) * 60_000, '000000'); // one a minute, from 20 to 9 minutes ago
    rows.push(invocation({ function: fn, requestId: `l-${i}`, source: 'tracer', startNs: s, status: 'success', coldStart: i % 4 === 0 }));
    // A REPORT row that knows no start, arriving now, says some of them timed out.
    if (i % 3 === 0) rows.push(invocation({ function: fn, requestId: `l-${i}`, source: 'report-log', status: 'timeout', durationMs: 3000 }));
  }
  await store.writer.write(batch({ invocations: rows }));
  const all = await store.queries.listInvocations({ project: PROJECT, function: fn, limit: 100 });
  assert.deepEqual(all.map((x) => x.requestId), Array.from({ length: 12 }, (_, i) => `l-${11 - i}`));
  const l9 = all.find((x) => x.requestId === 'l-9')!;
  assert.equal(l9.status, 'timeout', 'merged with the start-less REPORT row');
  assert.deepEqual(l9.sources, ['report-log', 'tracer']);
  assert.equal(l9.durationMs, 3000);

  const timeouts = await store.queries.listInvocations({ project: PROJECT, function: fn, status: 'timeout', limit: 100 });
  assert.deepEqual(timeouts.map((x) => x.requestId), ['l-9', 'l-6', 'l-3', 'l-0']);
  const cold = await store.queries.listInvocations({ project: PROJECT, function: fn, coldStart: true, limit: 100 });
  assert.deepEqual(cold.map((x) => x.requestId), ['l-8', 'l-4', 'l-0']);
  const warm = await store.queries.listInvocations({ project: PROJECT, function: fn, coldStart: false, limit: 100 });
  assert.equal(warm.length, 9);

  const page1 = await store.queries.listInvocations({ project: PROJECT, function: fn, limit: 5 });
  const page2 = await store.queries.listInvocations({ project: PROJECT, function: fn, limit: 5, before: new Date(page1[4]!.start!) });
  assert.deepEqual([...page1, ...page2].map((x) => x.requestId), all.slice(0, 10).map((x) => x.requestId));

  const window = await store.queries.listInvocations({ project: PROJECT, function: fn, from: new Date(Date.now() - 15.5 * 60_000), to: new Date(Date.now() - 11.5 * 60_000), limit: 100 });
  assert.deepEqual(window.map((x) => x.requestId), ['l-8', 'l-7', 'l-6', 'l-5']);

  const anyFn = await store.queries.listInvocations({ project: PROJECT, limit: 3 });
  assert.equal(anyFn.length, 3);
  assert.ok(anyFn.every((x, i) => i === 0 || x.start! <= anyFn[i - 1]!.start!));
});
