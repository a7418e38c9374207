import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../testing/temp-store.ts';
import { readFrames } from './frame.ts';
import { decodeRecord, encodeData, encodeMarker } from './records.ts';
import { WriteAheadLog } from './write-ahead-log.ts';

const tmp = tempDir('nightjar-wal-');
after(() => tmp.remove());
let n = 0;
const freshDir = () => join(tmp.dir, `w${++n}`);
const data = (i: number) => encodeData([{ table: 'spans', body: `["row ${i}", "é ✓"]\n`, rows: 1 }], i % 2 ? [{ project: 'p', function: 'f', requestId: `r${i}`, startMinute: null, bucket: 60 }] : []);

function readDir(dir: string) {
  const files = readdirSync(dir).sort();
  return files.map((f) => readFrames(readFileSync(join(dir, f))));
}

test('records round-trip through a segment file, in order, with their seqs', async () => {
  const wal = WriteAheadLog.open({ dir: freshDir(), fsync: 'never' });
  const a = wal.append(data(1), true);
  const b = wal.append(encodeMarker('intent', 'logs', [1, 2 ** 40]), false);
  await Promise.all([a.written, b.written]);
  const [seg] = readDir(wal.opts.dir);
  assert.equal(seg!.stop, null);
  assert.deepEqual(seg!.frames.map((f) => f.seq), [a.seq, b.seq]);
  assert.deepEqual(decodeRecord(seg!.frames[0]!.payload), {
    kind: 'data', parts: [{ table: 'spans', body: '["row 1", "é ✓"]\n', rows: 1 }], touches: [{ project: 'p', function: 'f', requestId: 'r1', startMinute: null, bucket: 60 }],
  });
  assert.deepEqual(decodeRecord(seg!.frames[1]!.payload), { kind: 'intent', table: 'logs', seqs: [1, 2 ** 40] });
  await wal.close();
});

test('appends in the same tick share one write and one fdatasync', async () => {
  const wal = WriteAheadLog.open({ dir: freshDir(), fsync: 'always' });
  await Promise.all(Array.from({ length: 50 }, (_, i) => wal.append(data(i), true).written));
  assert.equal(wal.stats.records, 50);
  assert.equal(wal.stats.writes, 1);
  assert.equal(wal.stats.syncs, 1);
  // Appends made while a write runs go together in the next one.
  const first = wal.append(data(100), true).written;
  await new Promise((r) => setImmediate(r));
  const more = Array.from({ length: 20 }, (_, i) => wal.append(data(200 + i), true).written);
  await Promise.all([first, ...more]);
  assert.ok(wal.stats.writes <= 3, `${wal.stats.writes} writes for 21 appends`);
  await wal.close();
});

test('a torn tail record is ignored; a corrupt record in the middle stops the segment', async () => {
  const wal = WriteAheadLog.open({ dir: freshDir(), fsync: 'never' });
  for (let i = 0; i < 3; i++) await wal.append(data(2 * i), true).written; // equal sizes
  const [file] = readdirSync(wal.opts.dir);
  const path = join(wal.opts.dir, file!);
  const whole = readFileSync(path);
  const one = whole.length / 3;
  truncateSync(path, whole.length - 5);
  const torn = readFrames(readFileSync(path));
  assert.equal(torn.frames.length, 2);
  assert.equal(torn.stop?.kind, 'torn');
  const bad = Buffer.from(whole);
  bad[one + 20] = bad[one + 20]! ^ 0xff; // inside record 2's payload
  writeFileSync(path, bad);
  const corrupt = readFrames(readFileSync(path));
  assert.equal(corrupt.frames.length, 1);
  assert.deepEqual(corrupt.stop, { kind: 'corrupt', offset: one });
  const garbageLength = Buffer.from(whole);
  garbageLength.writeUInt32LE(0xffffffff, one);
  writeFileSync(path, garbageLength);
  assert.equal(readFrames(readFileSync(path)).stop?.kind, 'corrupt');
});

test('segments rotate at segmentBytes and are deleted, oldest first, once every record in them is complete', async () => {
  const wal = WriteAheadLog.open({ dir: freshDir(), fsync: 'never', segmentBytes: 200 });
  const seqs: number[] = [];
  for (let i = 0; i < 8; i++) {
    const a = wal.append(data(i), true);
    await a.written;
    seqs.push(a.seq);
  }
  const files = () => readdirSync(wal.opts.dir).length;
  const before = files();
  assert.ok(before >= 3, `${before} segments`);
  // Completing a later segment's records deletes nothing while the oldest still has work.
  for (const s of seqs.slice(2)) wal.complete(s);
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(files(), before);
  for (const s of seqs.slice(0, 2)) wal.complete(s);
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(files(), 1, 'only the open segment is left');
  await wal.close();
  assert.equal(files(), 0, 'a clean close leaves an empty WAL');
});

test('a second open lists the segments of the earlier run for replay, and close keeps incomplete ones', async () => {
  const dir = freshDir();
  const first = WriteAheadLog.open({ dir, fsync: 'never' });
  await first.append(data(1), true).written;
  await first.close();
  assert.equal(readdirSync(dir).length, 1, 'an incomplete record keeps its segment');
  const second = WriteAheadLog.open({ dir, fsync: 'never' });
  assert.deepEqual(second.leftover, readdirSync(dir));
  assert.notEqual(second.run, first.run);
  assert.ok(second.run > first.run, 'run ids sort by time');
  await second.close();
});

test('markers take the fast lane (no group, no fdatasync) and interleave with group writes without tearing a record', async () => {
  const wal = WriteAheadLog.open({ dir: freshDir(), fsync: 'always' });
  await wal.append(data(0), true).written;
  const syncs = wal.stats.syncs;
  const all: Promise<unknown>[] = [];
  for (let i = 1; i <= 40; i++) {
    all.push(wal.append(data(i), true).written);
    all.push(wal.appendMarker(encodeMarker(i % 2 ? 'intent' : 'done', 'spans', [i])));
    if (i % 10 === 0) await new Promise((r) => setImmediate(r));
  }
  await Promise.all(all);
  const markerOnly = await wal.appendMarker(encodeMarker('done', 'logs', [1])).then(() => wal.stats.syncs);
  assert.equal(markerOnly, wal.stats.syncs, 'a marker alone causes no fdatasync');
  assert.ok(wal.stats.syncs - syncs <= 5);
  const [seg] = readDir(wal.opts.dir);
  assert.equal(seg!.stop, null);
  assert.equal(seg!.frames.length, 1 + 80 + 1);
  const kinds = seg!.frames.map((f) => decodeRecord(f.payload).kind);
  assert.equal(kinds.filter((k) => k === 'data').length, 41);
  await wal.close();
});
