import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { openTestStore, tempDir } from './testing/temp-store.ts';
import { MIGRATIONS } from './schema/migrations.ts';
import { PROJECT, batch, hexId, invocation, nsAgo, span } from './testing/rows.ts';

const tmp = tempDir();
after(() => tmp.remove());

test('migrations run once, are recorded, and are a no-op on reopen; data survives close and reopen', async () => {
  const traceId = hexId(0xabc, 32);
  let store = await openTestStore(tmp.dir);
  const tables = await store.db.query<{ name: string }>("SELECT name FROM system.tables WHERE database = currentDatabase() ORDER BY name");
  for (const t of ['spans', 'span_resources', 'trace_index', 'logs', 'invocations', 'metrics', 'ingest_errors', 'function_minutes', 'schema_migrations']) {
    assert.ok(tables.some((r) => r.name === t), `table ${t} exists`);
  }
  const startNs = nsAgo(120_000, '987654');
  await store.writer.write(batch({
    spans: [span({ traceId, spanId: hexId(1, 16), startNs }), span({ traceId, spanId: hexId(2, 16), parentSpanId: hexId(1, 16), startNs: nsAgo(119_000) })],
    invocations: [invocation({ requestId: 'r-survive', startNs, status: 'error' })],
  }));
  assert.equal(store.writer.pendingRows, 0);
  await store.close();
  await store.close(); // idempotent

  store = await openTestStore(tmp.dir);
  const again = await store.migrate();
  assert.deepEqual(again.applied, [], 'nothing to apply on the second open');
  const recorded = await store.db.query<{ n: string }>('SELECT count() AS n FROM schema_migrations FINAL');
  assert.equal(recorded[0]?.n, String(MIGRATIONS.length));
  const spans = await store.queries.traceById(PROJECT, traceId);
  assert.deepEqual(spans.map((s) => s.spanId), [hexId(1, 16), hexId(2, 16)]);
  assert.equal(spans[0]?.startNs, startNs);
  const inv = await store.queries.getInvocation(PROJECT, 'orders-api', 'r-survive');
  assert.equal(inv?.status, 'error');
  await store.close();
});

test('writing after close is refused', async () => {
  const store = await openTestStore(tmp.dir);
  await store.close();
  assert.throws(() => store.writer.write(batch({ spans: [span()] })), /closed/);
});
