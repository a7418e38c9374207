// Store micro-benchmark: realistic Lambda spans through the writer into embedded chDB.
//   node --import tsx packages/store/bench/insert.ts [--spans 1000000] [--per-write 500] [--concurrency 32]
//     [--batch-rows N] [--delay-ms N] [--in-flight N] [--invocations] [--lookups 200] [--dir DIR] [--keep]
// Prints progress, then one JSON object on its last line: insert rate, CPU seconds (whole process,
// chDB's threads included, generation excluded), bytes per span on disk after OPTIMIZE FINAL, and
// trace-by-id latency percentiles over random trace ids (warm: second pass, resource cache filled;
// cold: first pass). Throughput depends on how many rows are outstanding (--concurrency x
// --per-write): the writer batches what is waiting, and small INSERTs are expensive in chDB.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { emptyBatch } from '@nightjar/model';
import { openStore } from '../src/open-store.ts';
import { SyntheticSpans } from '@nightjar/testkit';

const { values: args } = parseArgs({
  options: {
    spans: { type: 'string', default: '1000000' },
    'per-write': { type: 'string', default: '500' },
    concurrency: { type: 'string', default: '32' },
    'batch-rows': { type: 'string' },
    'delay-ms': { type: 'string' },
    'in-flight': { type: 'string' },
    invocations: { type: 'boolean', default: false },
    lookups: { type: 'string', default: '200' },
    dir: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const total = Number(args.spans);
const perWrite = Number(args['per-write']);
const concurrency = Number(args.concurrency);
const lookups = Number(args.lookups);
const dir = args.dir ?? mkdtempSync(join(tmpdir(), 'nightjar-bench-'));

const store = await openStore(
  { kind: 'chdb', dataDir: dir },
  {
    runRollups: args.invocations,
    writer: {
      ...(args['batch-rows'] ? { maxBatchRows: Number(args['batch-rows']) } : {}),
      ...(args['delay-ms'] ? { maxDelayMs: Number(args['delay-ms']) } : {}),
      ...(args['in-flight'] ? { maxInFlightPerTable: Number(args['in-flight']) } : {}),
    },
    rollup: { startupWindowMinutes: 0, sweepIntervalMs: 0 },
  },
);
await store.migrate();

// Simulated traffic: 2000 traces/s ending now, so every row is inside the retention.
const tracesPerSecond = 2000;
const approxTraces = total / 4.5;
const gen = new SyntheticSpans({ seed: 1, startMs: Date.now() - (approxTraces / tracesPerSecond) * 1000 - 60_000, tracesPerSecond });
const sample: string[] = [];
let seenTraces = 0;
let written = 0;
let writeMs = 0;
let cpuUs = 0;
const CHUNK = 100_000;

while (written < total) {
  // Generate a chunk outside the measured time, then write it as concurrent requests.
  const writes: { spans: ReturnType<SyntheticSpans['next']>['spans']; invocations: ReturnType<SyntheticSpans['next']>['invocations'] }[] = [];
  let chunkSpans = 0;
  while (chunkSpans < Math.min(CHUNK, total - written)) {
    const b = gen.next(perWrite);
    writes.push({ spans: b.spans, invocations: args.invocations ? b.invocations : [] });
    chunkSpans += b.spans.length;
    for (const id of b.traceIds) {
      seenTraces++;
      if (sample.length < lookups) sample.push(id);
      else if (Math.random() < lookups / seenTraces) sample[Math.floor(Math.random() * lookups)] = id;
    }
  }
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < writes.length) {
        const w = writes[next++]!;
        await store.writer.write({ ...emptyBatch(), spans: w.spans, invocations: w.invocations });
      }
    }),
  );
  writeMs += performance.now() - t0;
  const c = process.cpuUsage(cpu0);
  cpuUs += c.user + c.system;
  written += chunkSpans;
  console.log(`${written} spans, ${Math.round(written / (writeMs / 1000))} spans/s so far`);
}
if (args.invocations) await store.rollups.refresh();

console.log('optimizing (merging all parts) ...');
for (const t of ['spans', 'trace_index', 'span_resources']) await store.db.command(`OPTIMIZE TABLE ${t} FINAL`);
const stats = await store.queries.tableStats();
const spansStats = stats.find((s) => s.table === 'spans')!;
const extra = stats.filter((s) => s.table === 'trace_index' || s.table === 'span_resources').reduce((a, s) => a + s.bytesOnDisk, 0);

/** Two passes over the same random ids: the first also fills the resource cache, the second is warm. */
async function lookupPass(): Promise<{ p50: number; p99: number; found: number }> {
  const latencies: number[] = [];
  let found = 0;
  for (const id of sample) {
    const t0 = performance.now();
    const spans = await store.queries.traceById('default', id);
    latencies.push(performance.now() - t0);
    if (spans.length > 0) found++;
  }
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => Number((latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0).toFixed(2));
  return { p50: pct(50), p99: pct(99), found };
}
const cold = await lookupPass();
const warm = await lookupPass();

await store.close();
if (!args.keep && !args.dir) rmSync(dir, { recursive: true, force: true });

const result = {
  spans: spansStats.rows,
  insertSpansPerSec: Math.round(written / (writeMs / 1000)),
  insertSeconds: Number((writeMs / 1000).toFixed(2)),
  cpuSeconds: Number((cpuUs / 1e6).toFixed(2)),
  spansPerCpuSecond: Math.round(written / (cpuUs / 1e6)),
  bytesPerSpan: Number((spansStats.bytesOnDisk / spansStats.rows).toFixed(2)),
  bytesPerSpanWithIndex: Number(((spansStats.bytesOnDisk + extra) / spansStats.rows).toFixed(2)),
  uncompressedBytesPerSpan: Number((spansStats.uncompressedBytes / spansStats.rows).toFixed(1)),
  traceByIdP50Ms: warm.p50,
  traceByIdP99Ms: warm.p99,
  traceByIdColdP50Ms: cold.p50,
  traceByIdColdP99Ms: cold.p99,
  traceLookups: sample.length,
  tracesFound: warm.found,
};
console.log(JSON.stringify(result));
