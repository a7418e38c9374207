// Micro-benchmark of the write-ahead log: what a record costs to serialise (the writer's pre-encoded
// JSONCompactEachRow lines, against v8.serialize and JSON.stringify of the RowBatch, the obvious
// alternatives), and appends/s and latency with fsync 'always' and 'never' for 1 and 32 concurrent
// writers (group commit).
//   node --import tsx packages/store/bench/wal-append.ts [--spans-per-record 1000] [--seconds 3]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { serialize } from 'node:v8';
import { SyntheticSpans } from '@nightjar/testkit';
import { encodeSpan } from '../src/writer/encode.ts';
import { encodeData } from '../src/wal/records.ts';
import { WriteAheadLog } from '../src/wal/write-ahead-log.ts';

const { values } = parseArgs({ options: { 'spans-per-record': { type: 'string', default: '1000' }, seconds: { type: 'string', default: '3' } } });
const perRecord = Number(values['spans-per-record']);
const seconds = Number(values.seconds);
const spans = new SyntheticSpans({ seed: 1 }).next(perRecord).spans.slice(0, perRecord);
const body = spans.map((s) => JSON.stringify(encodeSpan(s)) + '\n').join('');

function perSpanUs(fn: () => unknown): number {
  for (let i = 0; i < 20; i++) fn();
  const t0 = performance.now();
  let n = 0;
  while (performance.now() - t0 < 1000) {
    fn();
    n++;
  }
  return Number((((performance.now() - t0) * 1000) / (n * perRecord)).toFixed(2));
}

const serialisation = {
  encodedLinesUs: perSpanUs(() => encodeData([{ table: 'spans', body, rows: perRecord }], [])),
  v8SerializeUs: perSpanUs(() => serialize({ spans })),
  jsonStringifyUs: perSpanUs(() => Buffer.from(JSON.stringify({ spans }))),
  recordBytesPerSpan: Math.round(encodeData([{ table: 'spans', body, rows: perRecord }], []).length / perRecord),
};

async function appends(fsync: 'always' | 'never', writers: number) {
  const dir = mkdtempSync(join(tmpdir(), 'nightjar-wal-bench-'));
  const wal = WriteAheadLog.open({ dir, fsync });
  const payload = encodeData([{ table: 'spans', body: body.slice(0, 2000), rows: 5 }], []);
  const lat: number[] = [];
  const until = performance.now() + seconds * 1000;
  await Promise.all(Array.from({ length: writers }, async () => {
    while (performance.now() < until) {
      const t = performance.now();
      const a = wal.append(payload, true);
      await a.written;
      lat.push(performance.now() - t);
      wal.complete(a.seq);
    }
  }));
  await wal.close();
  rmSync(dir, { recursive: true, force: true });
  lat.sort((a, b) => a - b);
  return { fsync, writers, appendsPerSec: Math.round(lat.length / seconds), p50Ms: Number(lat[lat.length >> 1]!.toFixed(3)), p99Ms: Number(lat[Math.floor(lat.length * 0.99)]!.toFixed(3)), recordsPerWrite: Number((wal.stats.records / wal.stats.writes).toFixed(1)) };
}

const appendRuns = [];
for (const fsync of ['always', 'never'] as const) for (const w of [1, 32]) appendRuns.push(await appends(fsync, w));
console.log(JSON.stringify({ benchmark: 'wal-append', spansPerRecord: perRecord, serialisationPerSpan: serialisation, appends: appendRuns }));
