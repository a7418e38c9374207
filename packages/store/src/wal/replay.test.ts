import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../db.ts';
import { tempDir } from '../testing/temp-store.ts';
import { encodeData, encodeMarker, WAL_TABLES, type WalTable } from './records.ts';
import { replayWal, type ReplayDeps } from './replay.ts';
import { dedupToken } from './token.ts';
import { WriteAheadLog } from './write-ahead-log.ts';

const tmp = tempDir('nightjar-replay-');
after(() => tmp.remove());
let n = 0;

interface Insert { table: string; body: string; token: string | undefined }
function fakeDb(inserts: Insert[], fail = false): Db {
  return {
    kind: 'chdb',
    command: () => Promise.resolve(),
    query: () => Promise.resolve([]),
    insertText: (table, _c, body, token) => (fail ? Promise.reject(new Error('boom')) : (inserts.push({ table, body, token }), Promise.resolve())),
    close: () => Promise.resolve(),
  };
}
const columns = Object.fromEntries(WAL_TABLES.map((t) => [t, ['x']])) as Record<WalTable, string[]>;

async function writeRun(build: (wal: WriteAheadLog) => Promise<void>): Promise<{ dir: string; run: string }> {
  const dir = join(tmp.dir, `r${++n}`);
  const wal = WriteAheadLog.open({ dir, fsync: 'never' });
  await build(wal);
  return { dir, run: wal.run }; // not closed: as after a crash
}

function deps(dir: string, db: Db, errors: string[], touches: string[] = []): ReplayDeps {
  return {
    db, dir, segments: readdirSync(dir).sort(), columns, maxBatchRows: 3,
    onInvocations: (t) => touches.push(...t.map((x) => x.requestId)), onError: (m) => errors.push(m),
  };
}

test('replay repeats an interrupted INSERT with its token, skips done ones, and groups the rest deterministically', async () => {
  const seqs: number[] = [];
  const { dir, run } = await writeRun(async (wal) => {
    for (let i = 0; i < 6; i++) {
      const a = wal.append(encodeData([{ table: 'spans', body: `s${i}\n`, rows: 1 }, { table: 'logs', body: `l${i}\n`, rows: 1 }], i === 0 ? [{ project: 'p', function: 'f', requestId: 'q', startMinute: 0, bucket: 0 }] : []), true);
      await a.written;
      seqs.push(a.seq);
    }
    await wal.append(encodeMarker('intent', 'spans', [seqs[0]!, seqs[1]!]), false).written;
    await wal.append(encodeMarker('done', 'spans', [seqs[0]!, seqs[1]!]), false).written;
    await wal.append(encodeMarker('intent', 'spans', [seqs[2]!, seqs[3]!]), false).written;
  });
  const inserts: Insert[] = [];
  const errors: string[] = [];
  const touches: string[] = [];
  const report = await replayWal(deps(dir, fakeDb(inserts), errors, touches));
  assert.deepEqual(errors, []);
  assert.deepEqual(inserts, [
    { table: 'spans', body: 's2\ns3\n', token: dedupToken(run, 'spans', [seqs[2]!, seqs[3]!]) },
    { table: 'spans', body: 's4\ns5\n', token: dedupToken(run, 'spans', [seqs[4]!, seqs[5]!]) },
    { table: 'logs', body: 'l0\nl1\nl2\n', token: dedupToken(run, 'logs', seqs.slice(0, 3)) },
    { table: 'logs', body: 'l3\nl4\nl5\n', token: dedupToken(run, 'logs', seqs.slice(3, 6)) },
  ]);
  assert.deepEqual(touches, ['q']);
  assert.equal(report.records, 6);
  assert.deepEqual(readdirSync(dir), [], 'replayed segments are deleted');
});

test('a corrupt record in the middle is reported and the records before it are replayed; a failed INSERT keeps the segments', async () => {
  const { dir } = await writeRun(async (wal) => {
    for (let i = 0; i < 3; i++) await wal.append(encodeData([{ table: 'metrics', body: `m${i}\n`, rows: 1 }], []), true).written;
  });
  const [file] = readdirSync(dir);
  const buf = readFileSync(join(dir, file!));
  const recordBytes = buf.length / 3;
  buf[recordBytes + 17] = buf[recordBytes + 17]! ^ 0xff;
  writeFileSync(join(dir, file!), buf);
  const errors: string[] = [];
  await replayWal(deps(dir, fakeDb([], true), errors));
  assert.equal(errors.length, 2);
  assert.match(errors[0]!, /corrupt record at byte \d+; the 1 records before it are replayed/);
  assert.match(errors[1]!, /INSERT into metrics failed; segments of run \w+ are kept/);
  assert.equal(readdirSync(dir).length, 1, 'kept for the next start');
  const inserts: Insert[] = [];
  await replayWal(deps(dir, fakeDb(inserts), []));
  assert.deepEqual(inserts.map((i) => i.body), ['m0\n']);
});
