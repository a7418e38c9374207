import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { StoreOverloadedError } from '../errors.ts';
import type { Store } from '../open-store.ts';
import { openTestStore, tempDir } from '../testing/temp-store.ts';
import { batch, hexId, invocation, span } from '../testing/rows.ts';

const tmp = tempDir();
const walDir = join(tmp.dir, 'wal');
let store: Store;

before(async () => {
  store = await openTestStore(tmp.dir, { wal: { dir: walDir }, writer: { maxDelayMs: 3_000, minBatchRows: 100_000, maxPendingRows: 500 } });
});
after(async () => {
  await store.close();
  tmp.remove();
});

const tid = (prefix: string, i: number) => prefix + hexId(i, 32 - prefix.length);
async function count(prefix: string): Promise<number> {
  const r = await store.db.query<{ n: string }>(`SELECT count() AS n FROM spans WHERE startsWith(trace_id, '${prefix}')`);
  return Number(r[0]?.n);
}

test('write() resolves once appended, long before the INSERT; flush() makes the rows queryable', async () => {
  const t0 = performance.now();
  await store.writer.write(batch({ spans: [span({ traceId: tid('a1', 1) }), span({ traceId: tid('a1', 2) })] }));
  const ackMs = performance.now() - t0;
  assert.ok(ackMs < 500, `acknowledged in ${ackMs.toFixed(1)} ms with maxDelayMs 3000`);
  assert.equal(await count('a1'), 0, 'not inserted yet');
  assert.ok(store.writer.pendingRows >= 2, 'appended rows count as pending');
  assert.ok(readdirSync(walDir).length >= 1);
  await store.writer.flush();
  assert.equal(await count('a1'), 2);
  assert.equal(store.writer.pendingRows, 0);
});

test('the rollup refresher hears of invocation rows only after their INSERT', async () => {
  const seen: string[] = [];
  const { StoreWriter } = await import('./writer.ts');
  const { WriteAheadLog } = await import('../wal/write-ahead-log.ts');
  const wal = WriteAheadLog.open({ dir: join(tmp.dir, 'wal-touch') });
  const w = new StoreWriter(store.db, { maxBatchRows: 1000, minBatchRows: 1000, maxDelayMs: 60_000, maxPendingRows: 1000, maxInFlightPerTable: 1, walBacklogRows: 32768 }, (t) => seen.push(...t.map((x) => x.requestId)), wal);
  await w.write(batch({ invocations: [invocation({ requestId: 'wal-touch-1' })] }));
  assert.deepEqual(seen, [], 'acknowledged, not inserted: no touch yet');
  await w.close();
  assert.deepEqual(seen, ['wal-touch-1']);
  assert.deepEqual(readdirSync(join(tmp.dir, 'wal-touch')), [], 'close() leaves the WAL empty');
});

test('past walBacklogRows pending, write() waits for its own INSERT (backpressure instead of refusals)', async () => {
  const { StoreWriter } = await import('./writer.ts');
  const { WriteAheadLog } = await import('../wal/write-ahead-log.ts');
  const wal = WriteAheadLog.open({ dir: join(tmp.dir, 'wal-backlog') });
  const w = new StoreWriter(store.db, { maxBatchRows: 1000, minBatchRows: 1000, maxDelayMs: 60_000, maxPendingRows: 1000, maxInFlightPerTable: 1, walBacklogRows: 3 }, null, wal);
  const spans = (from: number) => [0, 1].map((i) => span({ traceId: tid('a4', from + i) }));
  await w.write(batch({ spans: spans(0) })); // 0 pending before it: acknowledged from the log
  let second = false;
  const p = w.write(batch({ spans: spans(2) })).then(() => (second = true)); // 2 pending: still from the log
  await p;
  let third = false;
  const q = w.write(batch({ spans: spans(4) })).then(() => (third = true)); // 4 pending > 3: waits
  await new Promise((r) => setTimeout(r, 200));
  assert.equal(second, true);
  assert.equal(third, false, 'not acknowledged before its INSERT');
  await w.flush();
  await q;
  assert.equal(third, true);
  assert.equal(await count('a4'), 6);
  await w.close();
});

test('the pending-rows bound still refuses, counting rows appended but not inserted', async () => {
  const rows = (from: number, k: number) => Array.from({ length: k }, (_, i) => span({ traceId: tid('a2', from + i) }));
  const first = store.writer.write(batch({ spans: rows(0, 400) }));
  assert.throws(() => store.writer.write(batch({ spans: rows(400, 200) })), StoreOverloadedError);
  await first;
  assert.throws(() => store.writer.write(batch({ spans: rows(400, 200) })), StoreOverloadedError, 'still pending after the ack');
  await store.writer.flush();
  await store.writer.write(batch({ spans: rows(400, 200) }));
  await store.writer.flush();
  assert.equal(await count('a2'), 600);
});

test('close() inserts everything, even a write whose append is still running, and leaves the WAL directory empty', async () => {
  await store.writer.write(batch({ spans: [span({ traceId: tid('a3', 1) })] }));
  assert.ok(readdirSync(walDir).length > 0);
  const late = store.writer.write(batch({ spans: [span({ traceId: tid('a3', 2) })] }));
  await store.close();
  await late;
  assert.deepEqual(readdirSync(walDir), []);
  store = await openTestStore(tmp.dir, { wal: { dir: walDir } });
  assert.equal(store.walReplay, null, 'nothing to replay after a clean close');
  assert.equal(await count('a3'), 2);
});
