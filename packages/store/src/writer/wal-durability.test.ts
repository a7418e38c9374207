import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openTestStore, tempDir } from '../testing/temp-store.ts';
import { hexId, span } from '../testing/rows.ts';
import { WriteAheadLog } from '../wal/write-ahead-log.ts';
import { encodeData, encodeMarker } from '../wal/records.ts';
import { dedupToken } from '../wal/token.ts';
import { SPAN_COLUMNS, encodeSpan } from './encode.ts';

const tmp = tempDir();
after(() => tmp.remove());

test('rows acknowledged from the WAL and killed before their INSERT are replayed exactly once at the next start', async () => {
  const dir = join(tmp.dir, 'crash');
  const child = fileURLToPath(new URL('../testing/write-then-crash.ts', import.meta.url));
  const r = spawnSync(process.execPath, ['--import', 'tsx', child, dir, '300', 'wal'], { encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.stdout.trim(), 'acked', r.stderr);
  assert.equal(r.signal, 'SIGKILL');
  assert.ok(readdirSync(join(dir, 'wal')).length > 0, 'the acknowledged record is in the WAL');
  const store = await openTestStore(dir, { wal: { dir: join(dir, 'wal') } });
  try {
    assert.equal(store.walReplay?.records, 1);
    const rows = await store.db.query<{ n: string; u: string }>("SELECT count() AS n, uniqExact(trace_id) AS u FROM spans WHERE startsWith(trace_id, '000000000000000000000000d00d')");
    assert.deepEqual(rows[0], { n: '300', u: '300' });
    const res = await store.db.query<{ n: string }>('SELECT count() AS n FROM span_resources');
    assert.equal(res[0]?.n, '1', 'the resource row was in the record too');
    assert.deepEqual(readdirSync(join(dir, 'wal')), [], 'replayed segments are deleted');
  } finally {
    await store.close();
  }
});

test('an INSERT that was written but not marked done before the crash is not duplicated by replay', async () => {
  const dir = join(tmp.dir, 'dedup');
  const walDir = join(dir, 'wal');
  let store = await openTestStore(dir);
  // A run that appended two records, announced one INSERT of both, and died right after it returned.
  const wal = WriteAheadLog.open({ dir: walDir });
  const spans = Array.from({ length: 10 }, (_, i) => span({ traceId: hexId(0xdede0000 + i, 32), linkOut: [`dedup-key-${i}`] }));
  const body = (from: number, to: number) => spans.slice(from, to).map((s) => JSON.stringify(encodeSpan(s)) + '\n').join('');
  const a = wal.append(encodeData([{ table: 'spans', body: body(0, 5), rows: 5 }], []), true);
  const b = wal.append(encodeData([{ table: 'spans', body: body(5, 10), rows: 5 }], []), true);
  const c = wal.append(encodeData([{ table: 'spans', body: body(0, 0) + JSON.stringify(encodeSpan(span({ traceId: hexId(0xdede0100, 32) }))) + '\n', rows: 1 }], []), true);
  await wal.append(encodeMarker('intent', 'spans', [a.seq, b.seq]), false).written;
  await Promise.all([a.written, b.written, c.written]);
  await store.db.insertText('spans', SPAN_COLUMNS, body(0, 10), dedupToken(wal.run, 'spans', [a.seq, b.seq]));
  await store.close();
  store = await openTestStore(dir, { wal: { dir: walDir } });
  try {
    assert.equal(store.walReplay?.records, 3);
    const rows = await store.db.query<{ n: string }>("SELECT count() AS n FROM spans WHERE startsWith(trace_id, '000000000000000000000000dede')");
    assert.equal(rows[0]?.n, '11', 'the 10 inserted rows once, plus the never-inserted one');
    // Views on spans got the replayed block once too (link_index is a plain MergeTree).
    const ix = await store.db.query<{ n: string }>("SELECT count() AS n FROM trace_index WHERE startsWith(trace_id, '000000000000000000000000dede')");
    assert.equal(ix[0]?.n, '11');
    const links = await store.db.query<{ n: string }>("SELECT count() AS n FROM link_index WHERE startsWith(key, 'dedup-key-')");
    assert.equal(links[0]?.n, '10');
  } finally {
    await store.close();
  }
});
