import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { PROJECT, hexId } from '../testing/rows.ts';
import { openTestStore, tempDir } from '../testing/temp-store.ts';

const tmp = tempDir();
after(() => tmp.remove());

test('rows acknowledged by write() survive the process being killed right after', async () => {
  const child = fileURLToPath(new URL('../testing/write-then-crash.ts', import.meta.url));
  const r = spawnSync(process.execPath, ['--import', 'tsx', child, tmp.dir, '500'], { encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.stdout.trim(), 'acked', r.stderr);
  assert.equal(r.signal, 'SIGKILL');
  const store = await openTestStore(tmp.dir);
  try {
    const rows = await store.db.query<{ n: string }>("SELECT count() AS n FROM spans WHERE startsWith(trace_id, '000000000000000000000000d00d')");
    assert.equal(rows[0]?.n, '500');
    const trace = await store.queries.traceById(PROJECT, hexId(0xd00d0000 + 499, 32));
    assert.equal(trace.length, 1);
    assert.equal(trace[0]?.resource['service.name'], 'orders-api', 'the resource row was durable too');
  } finally {
    await store.close();
  }
});
