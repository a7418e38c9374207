// Gathering a transaction through link_index: upstream to the entry, then downstream; batches do
// not pull in other producers' transactions; any id finds it; untraced invocations join.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Store } from '../open-store.ts';
import { openTestStore, tempDir } from '../testing/temp-store.ts';
import { PROJECT, batch, hexId, invocation, invocationSpan as root, nsAgo } from '../testing/rows.ts';

const tmp = tempDir();
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
      ],
      invocations: [invocation({ function: 'daily-report', requestId: 'untraced-1', traceId: 'f'.repeat(32), startNs: nsAgo(40_000), status: 'error' })],
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
