import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { openTestStore, tempDir } from '../testing/temp-store.ts';
import { batch, hexId, invocation, log, nsAgo, span } from '../testing/rows.ts';

const tmp = tempDir();
after(() => tmp.remove());
const DAY = 86_400_000;

/** Rows left once expired ones are gone (TTL removal runs as a merge right after the insert; force it). */
async function count(store: Awaited<ReturnType<typeof openTestStore>>, table: string): Promise<number> {
  await store.db.command(`OPTIMIZE TABLE ${table} FINAL`);
  return Number((await store.db.query<{ n: string }>(`SELECT count() AS n FROM ${table}`))[0]?.n);
}

test('rows older than the retention are removed; newer ones are kept', async () => {
  const store = await openTestStore(tmp.dir, { retentionDays: 7, longRetentionDays: 20 });
  try {
    await store.writer.write(batch({
      spans: [span({ traceId: hexId(1, 32), startNs: nsAgo(10 * DAY) }), span({ traceId: hexId(2, 32), startNs: nsAgo(5 * DAY) })],
      logs: [log({ timeNs: nsAgo(8 * DAY), body: 'old' }), log({ timeNs: nsAgo(DAY), body: 'new' })],
      invocations: [invocation({ requestId: 'old', startNs: nsAgo(25 * DAY) }), invocation({ requestId: 'new', startNs: nsAgo(10 * DAY) })],
    }));
    assert.equal(await count(store, 'spans'), 1);
    assert.equal(await count(store, 'logs'), 1);
    assert.equal(await count(store, 'invocations'), 1);
    assert.equal(await count(store, "trace_index"), 1, 'the trace summary follows the span retention');
  } finally {
    await store.close();
  }
});

test('a shorter retention on reopen changes every table TTL and removes rows past it', async () => {
  const store = await openTestStore(tmp.dir, { retentionDays: 3, longRetentionDays: 20 });
  try {
    const report = await store.migrate();
    assert.equal(report.retentionChanged, false, 'already applied by the first migrate() of this open');
    const recorded = await store.db.query<{ v: string }>("SELECT argMax(value, updated_at) AS v FROM store_settings WHERE name = 'retention'");
    assert.equal(recorded[0]?.v, '3/20');
    const ddl = await store.db.query<{ statement: string }>('SHOW CREATE TABLE spans');
    assert.match(ddl[0]!.statement, /TTL toDateTime\(timestamp\) \+ toIntervalDay\(3\)/);
    const inv = await store.db.query<{ statement: string }>('SHOW CREATE TABLE invocations');
    assert.match(inv[0]!.statement, /TTL bucket \+ toIntervalDay\(20\)/);
    await store.db.command('OPTIMIZE TABLE spans FINAL');
    assert.equal(await count(store, 'spans'), 0, 'the 5-day-old span is past the new 3-day retention');
    await store.writer.write(batch({ spans: [span({ traceId: hexId(3, 32), startNs: nsAgo(2 * DAY) })] }));
    assert.equal(await count(store, 'spans'), 1);
  } finally {
    await store.close();
  }
});
