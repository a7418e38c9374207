// The walk over rows in memory: directed (a batch does not merge its producers' transactions),
// cycles end, the nearest earlier producer of a key written twice, the bound, what it looked at.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RowsLinkSource, walkLinks, type KeyRow } from './link-walk.ts';

const out = (trace_id: string, key: string, time = 100): KeyRow => ({ trace_id, key, direction: 'out', time });
const inn = (trace_id: string, key: string, time = 100): KeyRow => ({ trace_id, key, direction: 'in', time });

test('upstream to the entry, downstream from everything upstream; a batch consumer does not pull in its other producers', async () => {
  // A -> k1 -> B -> k2 -> C ; A -> k3 -> D (batch with k4 from E)
  const rows = [out('A', 'k1'), inn('B', 'k1'), out('B', 'k2'), inn('C', 'k2'), out('A', 'k3'), inn('D', 'k3'), inn('D', 'k4'), out('E', 'k4')];
  const w = await walkLinks(new RowsLinkSource(rows), ['C'], 100);
  assert.deepEqual(new Map([...w.known].sort()), new Map([['A', 'up'], ['B', 'up'], ['C', 'up'], ['D', 'down']]));
  assert.deepEqual([...w.looked].sort(), ['A', 'B', 'C', 'D']);
  assert.deepEqual([...w.followed].sort(), ['k1', 'k2', 'k3']);
  const fromBatch = await walkLinks(new RowsLinkSource(rows), ['D'], 100);
  assert.deepEqual([...fromBatch.known.keys()].sort(), ['A', 'B', 'C', 'D', 'E']);
});

test('a cycle (a consumer re-publishing to its own queue) ends', async () => {
  const rows = [out('A', 'k1'), inn('B', 'k1'), out('B', 'k2'), inn('A', 'k2'), out('A', 'k3'), inn('B', 'k3')];
  const w = await walkLinks(new RowsLinkSource(rows), ['A'], 100);
  assert.deepEqual([...w.known.keys()].sort(), ['A', 'B']);
});

test('a key produced twice: the nearest producer before the consumer (within the clock skew)', async () => {
  const rows = [out('P1', 'ddb:t:i', 50), out('P2', 'ddb:t:i', 90), out('P3', 'ddb:t:i', 200), inn('C', 'ddb:t:i', 100)];
  const w = await walkLinks(new RowsLinkSource(rows), ['C'], 100);
  assert.deepEqual([...w.known.keys()].sort(), ['C', 'P2']);
});

test('the bound stops the walk and says so', async () => {
  const rows = Array.from({ length: 10 }, (_, i) => [out(`T${i}`, `k${i}`), inn(`T${i + 1}`, `k${i}`)]).flat();
  const w = await walkLinks(new RowsLinkSource(rows), ['T0'], 4);
  assert.equal(w.truncated, true);
  assert.equal(w.known.size, 4);
});
