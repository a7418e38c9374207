import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { nsToIso, type SpanKind } from '@nightjar/model';
import { StoreOverloadedError } from '../errors.ts';
import type { Store } from '../open-store.ts';
import { openTestStore, tempDir } from '../testing/temp-store.ts';
import { PROJECT, batch, hexId, nsAgo, span } from '../testing/rows.ts';

const tmp = tempDir();
let store: Store;

before(async () => {
  store = await openTestStore(tmp.dir, { writer: { maxBatchRows: 1000, maxDelayMs: 40, maxPendingRows: 500, maxInFlightPerTable: 1 } });
});
after(async () => {
  await store.close();
  tmp.remove();
});

async function count(table: string, where = '1'): Promise<number> {
  const r = await store.db.query<{ n: string }>(`SELECT count() AS n FROM ${table} WHERE ${where}`);
  return Number(r[0]?.n);
}

/** Trace ids with a test-specific prefix, counted with startsWith(). */
const tid = (prefix: string, i: number) => prefix + hexId(i, 32 - prefix.length);
const spansWithPrefix = (prefix: string) => count('spans', `startsWith(trace_id, '${prefix}')`);

test('concurrent writes are coalesced into one INSERT per table and all resolve durable', async () => {
  await store.db.command('SYSTEM STOP MERGES spans');
  const partsBefore = await count('system.parts', "table = 'spans' AND active");
  const writes = Array.from({ length: 40 }, (_, i) =>
    store.writer.write(batch({ spans: [span({ traceId: tid('c1', i), spanId: hexId(1, 16) }), span({ traceId: tid('c1', i), spanId: hexId(2, 16) })] })),
  );
  assert.equal(store.writer.pendingRows, 80 + 1, '80 spans and one resource row wait');
  await Promise.all(writes);
  assert.equal(store.writer.pendingRows, 0);
  const partsAfter = await count('system.parts', "table = 'spans' AND active");
  assert.equal(partsAfter - partsBefore, 1, 'one INSERT (one new part) for 40 writes');
  assert.equal(await spansWithPrefix('c1'), 80);
  await store.db.command('SYSTEM START MERGES spans');
});

test('a write that would exceed maxPendingRows throws StoreOverloadedError synchronously; accepted rows are not lost', async () => {
  const rows = (from: number, n: number) => Array.from({ length: n }, (_, i) => span({ traceId: tid('c2', from + i) }));
  const first = store.writer.write(batch({ spans: rows(0, 300) }));
  const second = store.writer.write(batch({ spans: rows(300, 150) }));
  let thrown: unknown;
  try {
    void store.writer.write(batch({ spans: rows(450, 100) }));
  } catch (err) {
    thrown = err;
  }
  assert.ok(thrown instanceof StoreOverloadedError, 'thrown synchronously, not as a rejected promise');
  assert.equal(thrown.retryAfterSeconds, 1);
  assert.equal(store.writer.pendingRows, 450, 'the 450 accepted spans are pending (their resource row is already durable)');
  await Promise.all([first, second]);
  assert.equal(await spansWithPrefix('c2'), 450);
  // Once drained, the same batch is accepted.
  await store.writer.write(batch({ spans: rows(450, 100) }));
  assert.equal(await spansWithPrefix('c2'), 550);
});

test('a batch larger than the whole budget is taken when nothing else waits', async () => {
  const big = Array.from({ length: 700 }, (_, i) => span({ traceId: tid('c3', i) }));
  await store.writer.write(batch({ spans: big }));
  assert.equal(await spansWithPrefix('c3'), 700);
});

test('an INSERT failure rejects the writes it held; later writes still succeed', async () => {
  const bad = span({ traceId: hexId(0xbad, 32), kind: 'bogus' as SpanKind });
  const good = span({ traceId: hexId(0x600d, 32) });
  const results = await Promise.allSettled([store.writer.write(batch({ spans: [bad] })), store.writer.write(batch({ spans: [good] }))]);
  assert.equal(results[0].status, 'rejected');
  assert.equal(results[1].status, 'rejected', 'coalesced into the same INSERT: not acknowledged, the client retries');
  assert.equal(store.writer.pendingRows, 0);
  assert.equal(await count('spans', `trace_id = '${hexId(0x600d, 32)}'`), 0, 'nothing of the failed INSERT was written');
  await store.writer.write(batch({ spans: [good] }));
  assert.equal(await count('spans', `trace_id = '${hexId(0x600d, 32)}'`), 1);
});

test('rows that would fail any INSERT are refused synchronously', () => {
  assert.throws(() => store.writer.write(batch({ spans: [span({ startNs: '17e9' })] })), /spans\[0\]\.startNs/);
  assert.equal(store.writer.pendingRows, 0);
});

test('flush() writes everything waiting without waiting for maxDelayMs', async () => {
  const s = await openSlow();
  try {
    const p = s.writer.write(batch({ spans: [span({ traceId: tid('c4', 1), resource: { 'service.name': 'flush-test' } })] }));
    assert.equal(s.writer.pendingRows, 2, 'one span and its (new) resource row');
    const t0 = Date.now();
    await s.writer.flush();
    await p;
    assert.ok(Date.now() - t0 < 5_000);
    assert.equal(s.writer.pendingRows, 0);
    assert.equal(await spansWithPrefix('c4'), 1);
  } finally {
    await s.writer.close(); // the writer only: it shares this file's connection
  }
});

test('ingest errors and metrics are written as given', async () => {
  const timeNs = nsAgo(5_000, '000042');
  await store.writer.write(batch({
    ingestErrors: [{ project: PROJECT, timeNs, source: 'otlp-traces', reason: 'span 3: bad trace id', sample: '{"traceId":"zz"}' }],
    metrics: [{
      project: PROJECT, timeNs, startNs: nsAgo(65_000), name: 'http.server.duration', description: 'd', unit: 'ms', type: 'histogram',
      service: 'orders-api', attributes: { route: '/x' }, resource: { 'service.name': 'orders-api' }, value: 0, count: 3, sum: 12.5,
      min: 1, max: null, bounds: [5, 10], bucketCounts: [1, 1, 1], isMonotonic: false, temporality: 'delta',
    }],
  }));
  const errors = await store.queries.listIngestErrors({ project: PROJECT, limit: 10 });
  assert.deepEqual(errors, [{ time: nsToIso(timeNs), source: 'otlp-traces', reason: 'span 3: bad trace id', sample: '{"traceId":"zz"}' }]);
  const m = await store.db.query<Record<string, unknown>>(
    "SELECT toString(toUnixTimestamp64Nano(timestamp)) AS t, type, attributes, count, sum, min, max, bounds, bucket_counts, temporality FROM metrics WHERE project = 'test'",
  );
  assert.deepEqual(m, [{ t: timeNs, type: 'histogram', attributes: { route: '/x' }, count: '3', sum: 12.5, min: 1, max: null, bounds: [5, 10], bucket_counts: ['1', '1', '1'], temporality: 'delta' }]);
});

/** A second writer over the same engine with a long delay, to see flush() act. */
async function openSlow(): Promise<Store> {
  const { StoreWriter } = await import('./writer.ts');
  const w = new StoreWriter(store.db, { maxBatchRows: 100_000, minBatchRows: 100_000, maxDelayMs: 600_000, maxPendingRows: 1000, maxInFlightPerTable: 1, walBacklogRows: 32768 }, null);
  return { ...store, writer: w };
}
