import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { nsToIso, type InvocationRow } from '@nightjar/model';
import type { Store } from '../open-store.ts';
import { openTestStore, tempDir } from '../testing/temp-store.ts';
import { PROJECT, batch, invocation } from '../testing/rows.ts';
import { StoreWriter } from '../writer/writer.ts';

const tmp = tempDir();
let store: Store;
before(async () => {
  store = await openTestStore(tmp.dir, { writer: { maxDelayMs: 5 } });
});
after(async () => {
  await store.close();
  tmp.remove();
});

/** A minute-aligned time `minutesAgo` minutes before the current minute, plus `sec` seconds, as ns. */
const base = Math.floor(Date.now() / 60_000) * 60_000;
const at = (minutesAgo: number, sec: number) => `${base - minutesAgo * 60_000 + sec * 1000}000000`;
const window = () => ({ project: PROJECT, from: new Date(base - 3 * 3600_000), to: new Date(base + 60_000) });

test('the summary counts each invocation once although it arrives from three sources, twice', async () => {
  const rows: InvocationRow[] = [];
  const truth = { invocations: 0, errors: 0, timeouts: 0, cold: 0, cost: 0 };
  for (let i = 0; i < 30; i++) {
    const requestId = `s-${i}`;
    const status = i % 10 === 0 ? 'timeout' : i % 5 === 0 ? 'crash' : 'success';
    const fn = 'sum-fn';
    const startNs = at(30 - (i % 20), i);
    rows.push(invocation({ function: fn, requestId, source: 'tracer', startNs, durationMs: 100 + i, coldStart: i < 3, status: 'success' }));
    rows.push(invocation({ function: fn, requestId, source: 'report-log', startNs: String(BigInt(startNs) + 1_000_000n), durationMs: 100 + i, costUsd: 0.001, status: status === 'timeout' ? 'timeout' : null }));
    rows.push(invocation({ function: fn, requestId, source: 'platform-log', status: status === 'crash' ? 'crash' : null }));
    truth.invocations++;
    if (status === 'timeout') truth.timeouts++;
    if (status === 'crash') truth.errors++;
    if (i < 3) truth.cold++;
    truth.cost += 0.001;
  }
  await store.writer.write(batch({ invocations: rows }));
  await store.writer.write(batch({ invocations: rows.slice().reverse() })); // every source again
  await store.rollups.refresh();
  const [s] = (await store.queries.functionSummaries(window())).filter((x) => x.function === 'sum-fn');
  assert.ok(s);
  assert.equal(s.invocations, truth.invocations);
  assert.equal(s.errors, truth.errors);
  assert.equal(s.timeouts, truth.timeouts);
  assert.equal(s.coldStarts, truth.cold);
  assert.equal(s.errorRate, (truth.errors + truth.timeouts) / truth.invocations);
  assert.ok(Math.abs(s.costUsd - truth.cost) < 1e-9);
  // Durations 100..129 (once per invocation, though two sources report them): nearest rank, within 2.5%.
  assert.ok(s.p50Ms !== null && Math.abs(s.p50Ms - 114) / 114 <= 0.025, `p50 ${s.p50Ms}`);
  assert.ok(s.p99Ms !== null && Math.abs(s.p99Ms - 129) / 129 <= 0.025, `p99 ${s.p99Ms}`);
  assert.equal(s.lastSeen, nsToIso(at(11, 19)), 'the latest start: i = 19');
});

test('a late source that changes the status corrects the minute it belongs to', async () => {
  const fn = 'late-fn';
  await store.writer.write(batch({ invocations: [invocation({ function: fn, requestId: 'late-1', source: 'tracer', startNs: at(25, 10), durationMs: 50, status: 'success' })] }));
  await store.rollups.refresh();
  let [s] = (await store.queries.functionSummaries(window())).filter((x) => x.function === fn);
  assert.equal(s?.timeouts, 0);
  // 25 minutes later (within LATE_MINUTES) a row that knows no start arrives: the refresher looks the invocation up.
  await store.writer.write(batch({ invocations: [invocation({ function: fn, requestId: 'late-1', source: 'report-log', status: 'timeout', durationMs: 3000 })] }));
  await store.rollups.refresh();
  [s] = (await store.queries.functionSummaries(window())).filter((x) => x.function === fn);
  assert.equal(s?.invocations, 1);
  assert.equal(s?.timeouts, 1);
  assert.ok(s?.p99Ms && Math.abs(s.p99Ms - 3000) / 3000 <= 0.025, `p99 ${s?.p99Ms}`);
});

test('an invocation whose start moves to the previous minute is counted there only', async () => {
  const fn = 'move-fn';
  await store.writer.write(batch({ invocations: [invocation({ function: fn, requestId: 'mv-1', source: 'tracer', startNs: at(50, 0.5), status: 'success' })] }));
  await store.rollups.refresh();
  // The platform START line is 1 s earlier: the merged start is now in the minute before.
  await store.writer.write(batch({ invocations: [invocation({ function: fn, requestId: 'mv-1', source: 'platform-log', startNs: at(50, -0.5) })] }));
  await store.rollups.refresh();
  const series = await store.queries.functionSeries({ project: PROJECT, function: fn, stepSeconds: 60, from: new Date(base - 52 * 60_000), to: new Date(base - 48 * 60_000) });
  assert.deepEqual(series.points.map((p) => p.invocations), [0, 1, 0, 0]);
  assert.equal(series.points[1]?.t, new Date(base - 51 * 60_000).toISOString());
  const [s] = (await store.queries.functionSummaries(window())).filter((x) => x.function === fn);
  assert.equal(s?.invocations, 1);
});

test('series: points per step with errors including timeouts, zero-filled', async () => {
  const from = Math.floor((base - 40 * 60_000) / 600_000) * 600_000;
  const series = await store.queries.functionSeries({ project: PROJECT, function: 'sum-fn', stepSeconds: 600, from: new Date(from), to: new Date(from + 40 * 60_000) });
  assert.equal(series.stepSeconds, 600);
  assert.equal(series.points.length, 4);
  assert.equal(series.points.reduce((a, p) => a + p.invocations, 0), 30);
  assert.equal(series.points.reduce((a, p) => a + p.errors, 0), 6, '3 timeouts + 3 crashes');
  assert.equal(series.points[0]?.t, new Date(from).toISOString());
  const empty = series.points.find((p) => p.invocations === 0);
  assert.ok(empty, 'at least one 10-minute step has no invocations');
  assert.equal(empty.p95Ms, null);
});

test('rows written by another process are picked up by a window recompute', async () => {
  const foreign = new StoreWriter(store.db, { maxBatchRows: 1000, minBatchRows: 1000, maxDelayMs: 1, maxPendingRows: 1000, maxInFlightPerTable: 1, walBacklogRows: 32768 }, null);
  await foreign.write(batch({ invocations: [invocation({ function: 'foreign-fn', requestId: 'f-1', startNs: at(5, 1), status: 'error' })] }));
  assert.equal((await store.queries.functionSummaries(window())).some((x) => x.function === 'foreign-fn'), false);
  await store.rollups.recompute(new Date(base - 20 * 60_000), new Date(base + 60_000));
  const [s] = (await store.queries.functionSummaries(window())).filter((x) => x.function === 'foreign-fn');
  assert.equal(s?.errors, 1);
  await foreign.close();
});

test('summaries read the rollup only, never raw invocations', async () => {
  await store.db.command('TRUNCATE TABLE function_minutes');
  assert.deepEqual(await store.queries.functionSummaries(window()), []);
  await store.rollups.recompute(new Date(base - 3 * 3600_000), new Date(base + 60_000));
  assert.equal((await store.queries.functionSummaries(window())).find((x) => x.function === 'sum-fn')?.invocations, 30);
});
