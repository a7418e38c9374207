// Gathering a transaction through link_index: upstream to the entry, then downstream; batches do
// not pull in other producers' transactions; any id finds it; untraced invocations join. The walk
// in memory over a window of key rows gives what the walk by lookups gives, and hands over to it
// when a hop or a trace lies outside the window.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Store } from '../open-store.ts';
import { openTestStore, tempDir } from '../testing/temp-store.ts';
import { PROJECT, batch, hexId, invocation, invocationSpan as root, nsAgo, span } from '../testing/rows.ts';

const tmp = tempDir();
/** An X-Ray trace id ("1-<8 hex epoch seconds>-<24 hex>") as 32 hex digits, begun a minute ago. */
const xray = `${Math.floor((Date.now() - 60_000) / 1000).toString(16)}${'ab'.repeat(12)}`;
let store: Store;


before(async () => {
  store = await openTestStore(tmp.dir);
  await store.writer.write(
    batch({
      spans: [
        // A (entry) -> sqs:m1 -> B -> events:e1 -> C ; A -> ddb:k1 -> D (a batch also holding E's ddb:k2)
        root(1, 'orders-api', 50_000, { out: ['sqs:m1', 'ddb:t:k1'] }),
        root(2, 'process-payment', 49_000, { in: ['sqs:m1'], out: ['events:e1'] }),
        root(3, 'notify', 48_000, { in: ['events:e1'] }, { status: 'error' }),
        root(4, 'inventory', 47_000, { in: ['ddb:t:k1', 'ddb:t:k2'] }),
        root(5, 'orders-api', 46_000, { out: ['ddb:t:k2'] }),
        // the same item written again later (its stream record was not in D's batch): D's producer is the nearest earlier one
        root(6, 'orders-api', 20_000, { out: ['ddb:t:k1'] }),
        // F -> sqs:m7 -> G, the message delivered 20 minutes later (a queue backlog)
        root(7, 'orders-api', 1_500_000, { out: ['sqs:m7'] }),
        root(8, 'process-payment', 300_000, { in: ['sqs:m7'] }),
        // H runs 12 minutes (its first span early, its producing span late) -> sqs:m9 -> I
        root(9, 'exporter', 800_000, {}, { durationNs: 720_000e6 }),
        span({ traceId: hexId(9, 32), spanId: hexId(0x99, 16), parentSpanId: hexId(9, 16), service: 'exporter', functionName: 'exporter', requestId: 'req-9', kind: 'producer', name: 'SQS.SendMessage', startNs: nsAgo(81_000), linkOut: ['sqs:m9'] }),
        root(10, 'notify', 80_000, { in: ['sqs:m9'] }),
        // J (X-Ray trace id, as when the tracer continues an active-tracing header) invokes K, which has no tracer
        root(11, 'orders-api', 60_000, { out: ['lambda:untraced-k'] }, { traceId: xray }),
      ],
      invocations: [
        invocation({ function: 'daily-report', requestId: 'untraced-1', traceId: 'f'.repeat(32), startNs: nsAgo(40_000), status: 'error' }),
        // K: only its REPORT line, with J's X-Ray trace id; L: a platform-only invocation in J's trace
        invocation({ function: 'resize', requestId: 'untraced-k', traceId: xray, startNs: nsAgo(59_000), status: 'success' }),
        invocation({ function: 'thumbnail', requestId: 'untraced-l', traceId: xray, startNs: nsAgo(58_000), status: 'error' }),
      ],
    }),
  );
});
after(async () => {
  await store.close();
  tmp.remove();
});

const traces = (g: { traceIds: string[] } | null) => new Set(g?.traceIds.map((t) => Number.parseInt(t, 16)));

test('from the failing end: upstream to the entry, then downstream; the batch consumer joins but its other producer does not', async () => {
  const g = await store.queries.gatherTransaction(PROJECT, hexId(3, 32));
  assert.deepEqual(traces(g), new Set([1, 2, 3, 4]));
  assert.equal(g?.truncated, false);
  assert.deepEqual(new Set(g?.spans.map((s) => s.functionName)), new Set(['orders-api', 'process-payment', 'notify', 'inventory']));
  assert.deepEqual(new Set(g?.invocations.map((i) => i.requestId)), new Set());
});

test('from the batch consumer: every producer of the batch is upstream', async () => {
  assert.deepEqual(traces(await store.queries.gatherTransaction(PROJECT, 'req-4')), new Set([1, 2, 3, 4, 5]));
});

test('any id: span id, request id, message id, whole key; unknown ids give null', async () => {
  assert.deepEqual(traces(await store.queries.gatherTransaction(PROJECT, hexId(2, 16))), new Set([1, 2, 3, 4]));
  assert.deepEqual(traces(await store.queries.gatherTransaction(PROJECT, 'req-2')), new Set([1, 2, 3, 4]));
  assert.deepEqual(traces(await store.queries.gatherTransaction(PROJECT, 'e1')), new Set([1, 2, 3, 4]));
  assert.deepEqual(traces(await store.queries.gatherTransaction(PROJECT, 'ddb:t:k2')), new Set([1, 2, 3, 4, 5]));
  assert.equal(await store.queries.gatherTransaction(PROJECT, 'no-such-id'), null);
  assert.equal(await store.queries.gatherTransaction('other-project', 'req-2'), null);
});

test('an invocation known only from platform logs is a transaction of its own', async () => {
  const g = await store.queries.gatherTransaction(PROJECT, 'untraced-1');
  assert.equal(g?.spans.length, 0);
  assert.equal(g?.invocations[0]?.function, 'daily-report');
  assert.equal(g?.invocations[0]?.status, 'error');
});

test('bounds cut the walk and say so', async () => {
  const g = await store.queries.gatherTransaction(PROJECT, 'req-4', { maxTraces: 2, maxSpans: 10_000 });
  assert.equal(g?.truncated, true);
  assert.equal(g?.traceIds.length, 2);
});

test('the walk in memory over the window gives what the walk by lookups gives, from every id', async () => {
  for (const id of [hexId(3, 32), 'req-4', hexId(2, 16), 'req-2', 'e1', 'ddb:t:k2', 'req-1', 'req-6']) {
    const w = await store.queries.gatherTransaction(PROJECT, id);
    const l = await store.queries.gatherTransaction(PROJECT, id, undefined, 'lookups');
    assert.equal(w?.mode, 'window', id);
    assert.equal(l?.mode, 'lookups', id);
    assert.deepEqual(traces(w), traces(l), id);
    assert.deepEqual(new Set(w?.spans.map((s) => s.spanId)), new Set(l?.spans.map((s) => s.spanId)), id);
    assert.deepEqual(new Set(w?.invocations.map((i) => i.requestId)), new Set(l?.invocations.map((i) => i.requestId)), id);
  }
});

test('a hop minutes away (a queue backlog) is found: the walk leaves the window for the lookups', async () => {
  for (const id of ['req-7', 'req-8']) {
    const g = await store.queries.gatherTransaction(PROJECT, id);
    assert.deepEqual(traces(g), new Set([7, 8]), id);
    assert.equal(g?.mode, 'lookups', id);
  }
});

test('a trace that began before the window (a long invocation) is checked, and its producer found', async () => {
  const g = await store.queries.gatherTransaction(PROJECT, 'req-10');
  assert.deepEqual(traces(g), new Set([9, 10]));
  assert.equal(g?.mode, 'lookups');
  assert.ok(g?.spans.some((s) => s.spanId === hexId(0x99, 16)));
});

test('invocations without a tracer join: by the lambda: key that invoked them, or by their X-Ray trace id', async () => {
  const g = await store.queries.gatherTransaction(PROJECT, 'req-11');
  assert.equal(g?.mode, 'window');
  assert.deepEqual(new Set(g?.invocations.map((i) => `${i.function}/${i.requestId}/${i.status}`)), new Set(['resize/untraced-k/success', 'thumbnail/untraced-l/error']));
});
