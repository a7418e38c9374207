// npm run bench:query — query latencies at a stated volume (default 10M spans over 24 h).
// Fills an embedded store with realistic Lambda-shaped spans and their invocations (synthetic,
// seeded), then times the queries the UI makes: trace by id, the 24 h functions summary (from
// rollups), the invocations list of one function, the per-minute series, and a stitched transaction
// (7 traces joined by keys) from a request id, gathered and assembled as the API does, and the
// service map over the 24 h.
// Flags: --spans N (10000000) --data-dir DIR (reuse a filled store: skips the fill) --runs N (200)
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { emptyBatch } from '@nightjar/model';
import { openStore } from '@nightjar/store';
import { SyntheticSpans, seededRandom, transactionChain } from '@nightjar/testkit';
import { assembleTransaction, withMapEdges } from '@nightjar/assemble';

const { values } = parseArgs({
  options: {
    spans: { type: 'string', default: '10000000' },
    'data-dir': { type: 'string' },
    runs: { type: 'string', default: '200' },
  },
});
const target = Number(values.spans);
const runs = Number(values.runs);
const reuse = values['data-dir'] !== undefined && existsSync(values['data-dir']);
const dataDir = values['data-dir'] ?? mkdtempSync(join(tmpdir(), 'nightjar-qbench-'));
const log = (m: string) => console.error(`bench:query: ${m}`);

const store = await openStore({ kind: 'chdb', dataDir });
await store.migrate();
const now = Date.now();
const sampleIds: string[] = [];
let fillSeconds = 0;
if (!reuse) {
  const tracesPerSecond = target / 4.5 / 86400;
  const gen = new SyntheticSpans({ seed: 7, startMs: now - 86400e3, tracesPerSecond, functions: 50 });
  const t0 = Date.now();
  let written = 0;
  const pending: Promise<void>[] = [];
  while (written < target) {
    const b = gen.next(20000);
    const batch = emptyBatch();
    // as ingest does: each span's service-map edges
    batch.spans = withMapEdges(b.spans);
    batch.invocations = b.invocations;
    if (sampleIds.length < 5000 && Math.random() < 0.2) sampleIds.push(...b.traceIds.slice(0, 5));
    pending.push(store.writer.write(batch));
    if (pending.length >= 2) await pending.shift();
    written += b.spans.length;
    if (written % 1_000_000 < 20000) log(`${written} spans written (${Math.round(written / ((Date.now() - t0) / 1000))}/s)`);
  }
  await Promise.all(pending);
  await store.writer.flush();
  await store.rollups.refresh();
  fillSeconds = (Date.now() - t0) / 1000;
  log(`filled ${written} spans in ${fillSeconds.toFixed(0)} s; merging parts...`);
  await store.db.command('OPTIMIZE TABLE spans FINAL');
} else {
  sampleIds.push(...(await store.db.query<{ id: string }>('SELECT trace_id AS id FROM spans ORDER BY rand() LIMIT 1000')).map((r) => r.id));
}
// Stitched transactions (7 traces each, joined only by keys) spread over the 24 h, among the
// synthetic spans whose own keys (SQS sends, S3 puts, consumer message ids) fill link_index too.
const chainIds: string[] = [];
{
  const existing = await store.db.query<{ n: string }>("SELECT count() AS n FROM spans WHERE service = 'notify'");
  const rnd = seededRandom(11);
  if (Number(existing[0]?.n ?? 0) === 0) {
    const batch = emptyBatch();
    for (let i = 0; i < 500; i++) {
      const c = transactionChain({ rnd, startMs: now - 86400e3 + rnd() * 86000e3, failing: i % 2 === 0 });
      batch.spans.push(...withMapEdges(c.spans));
      batch.invocations.push(...c.invocations);
    }
    await store.writer.write(batch);
    await store.writer.flush();
  }
  chainIds.push(...(await store.db.query<{ id: string }>("SELECT request_id AS id FROM spans WHERE service = 'notify' AND parent_span_id = '' ORDER BY rand() LIMIT 500")).map((r) => r.id));
}
const stats = await store.queries.tableStats();
const spansStats = stats.find((t) => t.table === 'spans');
const lookupBytes = stats.filter((t) => ['link_index', 'trace_links', 'link_times', 'trace_index'].includes(t.table)).reduce((a, t) => a + t.bytesOnDisk, 0);

async function time(fn: () => Promise<unknown>, n: number): Promise<{ p50: number; p99: number }> {
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  const q = (p: number) => Number(ms[Math.min(ms.length - 1, Math.floor(p * ms.length))]!.toFixed(1));
  return { p50: q(0.5), p99: q(0.99) };
}

const project = 'default';
const window = { from: new Date(now - 86400e3), to: new Date(now + 60e3) };
let k = 0;
const traceById = await time(async () => {
  const spans = await store.queries.traceById(project, sampleIds[k++ % sampleIds.length]!);
  if (spans.length === 0) throw new Error('trace not found');
}, runs);
const summaries = await store.queries.functionSummaries({ project, ...window });
const fnName = summaries[0]?.function ?? '';
const functionsSummary = await time(() => store.queries.functionSummaries({ project, ...window }), 30);
const invocationsList = await time(() => store.queries.listInvocations({ project, function: fnName, limit: 100 }), 30);
const series = await time(() => store.queries.functionSeries({ project, function: fnName, stepSeconds: 900, ...window }), 30);
// what GET /api/transactions/:id does: gather through link_index, then assemble
let traces = 0;
let j = 0;
let windowWalks = 0;
const transaction = await time(async () => {
  const id = chainIds[j++ % chainIds.length]!;
  const g = await store.queries.gatherTransaction(project, id);
  if (g === null) throw new Error(`transaction ${id} not found`);
  if (g.mode === 'window') windowWalks++;
  const tx = assembleTransaction({ id, spans: g.spans, invocations: g.invocations, truncated: g.truncated });
  traces = tx.traceIds.length;
}, Math.min(runs, 100));
// what GET /api/service-map does over the whole 24 h
let mapSize = { nodes: 0, edges: 0 };
const serviceMap = await time(async () => {
  const m = await store.queries.serviceMap({ project, ...window });
  mapSize = { nodes: m.nodes.length, edges: m.edges.length };
}, 30);
await store.close();
if (!values['data-dir']) rmSync(dataDir, { recursive: true, force: true });

console.log(
  JSON.stringify({
    benchmark: 'query',
    machineCores: availableParallelism(),
    spans: spansStats?.rows ?? 0,
    bytesPerSpanOnDisk: spansStats && spansStats.rows > 0 ? Number((spansStats.bytesOnDisk / spansStats.rows).toFixed(1)) : null,
    // the stitching-key tables (link_index, trace_links, link_times) and trace_index, per span
    lookupBytesPerSpan: spansStats && spansStats.rows > 0 ? Number((lookupBytes / spansStats.rows).toFixed(1)) : null,
    functions: summaries.length,
    fillSeconds: Number(fillSeconds.toFixed(0)),
    traceByIdMs: traceById,
    functionsSummary24hMs: functionsSummary,
    invocationsListMs: invocationsList,
    functionSeries24hMs: series,
    transactionTraces: traces,
    transactionMs: transaction,
    transactionsWalkedInWindow: windowWalks,
    serviceMapNodes: mapSize.nodes,
    serviceMapEdges: mapSize.edges,
    serviceMap24hMs: serviceMap,
  }),
);
