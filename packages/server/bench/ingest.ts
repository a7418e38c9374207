// npm run bench:ingest — acknowledged OTLP spans/s into the embedded store, end to end.
// A Nightjar server runs in a child process (its CPU and peak RSS are measured alone); this
// process posts realistic Lambda-shaped OTLP/protobuf requests (made by the real OTel SDK and
// serializer, ids renewed per replay) from concurrent keep-alive clients, counting only 200s.
// Then, in the same run, the same rows go straight into a fresh store through the writer: the
// raw insert rate is the ceiling the pipeline is compared with.
// Then a low-load phase: one client sends one small request (5 spans) every 50 ms and the
// acknowledgement latency p50/p99 is reported (what a tracer on a Lambda's response path waits).
// Flags: --seconds N (default 20) --clients N (8) --spans-per-request N (1000) --invocations N (40000)
//        --latency-seconds N (10; 0 skips the phase)
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateLambdaSpans } from '@nightjar/testkit';
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { decodeTraces } from '@nightjar/otlp';
import { openStore } from '@nightjar/store';
import { emptyBatch } from '@nightjar/model';
import { IdRewriter } from './id-rewriter.ts';
import { cpuSeconds, peakRssMb } from './proc-stats.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '20' },
    clients: { type: 'string', default: '8' },
    'spans-per-request': { type: 'string', default: '1000' },
    invocations: { type: 'string', default: '40000' },
    'latency-seconds': { type: 'string', default: '10' },
  },
});
const seconds = Number(values.seconds);
const clients = Number(values.clients);
const perRequest = Number(values['spans-per-request']);
const root = new URL('../../..', import.meta.url).pathname;

function log(msg: string) {
  console.error(`bench:ingest: ${msg}`);
}

// 1. Requests.
log(`generating ${values.invocations} invocations of spans with the OpenTelemetry SDK...`);
const { byFunction } = generateLambdaSpans({ invocations: Number(values.invocations), functions: 20, seed: 42, startMs: Date.now() - 3600e3, spacingMs: 3600e3 / Number(values.invocations) });
const rewriters: IdRewriter[] = [];
let bodyBytes = 0;
let spanCount = 0;
for (const spans of byFunction.values()) {
  for (let i = 0; i < spans.length; i += perRequest) {
    const chunk = spans.slice(i, i + perRequest);
    const body = ProtobufTraceSerializer.serializeRequest(chunk)!;
    rewriters.push(Object.assign(new IdRewriter(body, chunk), { spans: chunk.length }));
    bodyBytes += body.length;
    spanCount += chunk.length;
  }
}
const firstSpans = [...byFunction.values()][0]!.slice(0, 5);
const small = new IdRewriter(ProtobufTraceSerializer.serializeRequest(firstSpans)!, firstSpans);
const spansOf = (r: IdRewriter) => (r as IdRewriter & { spans: number }).spans;
log(`${rewriters.length} requests, ${spanCount} distinct spans, ${Math.round(bodyBytes / spanCount)} B/span in OTLP protobuf`);

// 2. Server.
const dataDir = mkdtempSync(join(tmpdir(), 'nightjar-bench-'));
const port = 18000 + Math.floor(Math.random() * 1000);
const otlpPort = port + 1000;
const child = spawn(process.execPath, [join(root, 'packages/cli/bin/nightjar.js'), 'start', '--data-dir', dataDir, '--port', String(port), '--otlp-port', String(otlpPort)], {
  stdio: ['ignore', 'ignore', 'inherit'],
});
const pid = child.pid!;
await waitForHealth(`http://127.0.0.1:${port}/api/health`);
log(`server pid ${pid} up; posting for ${seconds}s with ${clients} clients`);

const agent = new Agent({ keepAlive: true, maxSockets: clients });
function post(body: Buffer): Promise<number> {
  return new Promise((resolve) => {
    const req = request(
      { host: '127.0.0.1', port: otlpPort, path: '/v1/traces', method: 'POST', agent, headers: { 'content-type': 'application/x-protobuf', 'content-length': body.length } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

let acked = 0;
let refused = 0;
let failed = 0;
let next = 0;
async function client(until: number, counting: boolean) {
  while (Date.now() < until) {
    const r = rewriters[next++ % rewriters.length]!;
    const status = await post(r.next());
    if (!counting) continue;
    if (status === 200) acked += spansOf(r);
    else if (status === 429 || status === 503) {
      refused++;
      await new Promise((res) => setTimeout(res, 50));
    } else failed++;
  }
}
await Promise.all(Array.from({ length: clients }, () => client(Date.now() + 2000, false))); // warm-up
const cpu0 = cpuSeconds(pid);
const clientCpu0 = process.cpuUsage();
const t0 = Date.now();
await Promise.all(Array.from({ length: clients }, () => client(t0 + seconds * 1000, true)));
const elapsed = (Date.now() - t0) / 1000;
const serverCpu = cpuSeconds(pid) - cpu0;
const clientCpuUse = process.cpuUsage(clientCpu0);
const rss = peakRssMb(pid);

// Low load: one 5-span request every 50 ms, latency of each acknowledgement.
await new Promise((r) => setTimeout(r, 2000)); // let the load phase's backlog drain
const latencies: number[] = [];
let latencyFailures = 0;
const latencyUntil = Date.now() + Number(values['latency-seconds']) * 1000;
while (Date.now() < latencyUntil) {
  const t = performance.now();
  const status = await post(small.next());
  const ms = performance.now() - t;
  if (status === 200) latencies.push(ms);
  else latencyFailures++;
  await new Promise((r) => setTimeout(r, Math.max(0, 50 - ms)));
}
latencies.sort((a, b) => a - b);
const pct = (p: number) => (latencies.length > 0 ? Number(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!.toFixed(1)) : null);
log(`low load: ${latencies.length} acknowledged small requests, p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms`);
agent.destroy();
child.kill('SIGTERM');
await new Promise((r) => child.once('exit', r));
log(`server stopped; measuring storage`);

// 3. Bytes per span on disk, after merges.
const store = await openStore({ kind: 'chdb', dataDir });
await store.db.command('OPTIMIZE TABLE spans FINAL');
const stats = await store.queries.tableStats();
const spansTable = stats.find((t) => t.table === 'spans');
await store.close();
rmSync(dataDir, { recursive: true, force: true });

// 4. The ceiling: the same rows straight into a fresh store through the writer.
log('raw store insert of the same rows...');
const rows = rewriters.flatMap((r) => decodeTraces(r.next(), 'protobuf', { project: 'default' }).rows);
const rawDir = mkdtempSync(join(tmpdir(), 'nightjar-bench-raw-'));
const raw = await openStore({ kind: 'chdb', dataDir: rawDir });
await raw.migrate();
const rawCpu0 = process.cpuUsage();
const r0 = Date.now();
const inflight: Promise<void>[] = [];
for (let i = 0; i < rows.length; i += perRequest) {
  const b = emptyBatch();
  b.spans = rows.slice(i, i + perRequest);
  inflight.push(raw.writer.write(b));
  if (inflight.length >= clients) await inflight.shift();
}
await Promise.all(inflight);
const rawSeconds = (Date.now() - r0) / 1000;
const rawCpuUse = process.cpuUsage(rawCpu0);
await raw.close();
rmSync(rawDir, { recursive: true, force: true });

const result = {
  benchmark: 'ingest',
  machineCores: (await import('node:os')).availableParallelism(),
  seconds: Number(elapsed.toFixed(1)),
  clients,
  spansPerRequest: perRequest,
  otlpBytesPerSpan: Math.round(bodyBytes / spanCount),
  ackedSpans: acked,
  ackedSpansPerSec: Math.round(acked / elapsed),
  refusedRequests: refused,
  failedRequests: failed,
  serverCpuSeconds: Number(serverCpu.toFixed(1)),
  serverCpuCores: Number((serverCpu / elapsed).toFixed(2)),
  clientCpuCores: Number(((clientCpuUse.user + clientCpuUse.system) / 1e6 / elapsed).toFixed(2)),
  serverPeakRssMb: rss,
  storedSpans: spansTable?.rows ?? 0,
  bytesPerSpanOnDisk: spansTable && spansTable.rows > 0 ? Number((spansTable.bytesOnDisk / spansTable.rows).toFixed(1)) : null,
  rawInsertSpansPerSec: Math.round(rows.length / rawSeconds),
  rawInsertCpuCores: Number(((rawCpuUse.user + rawCpuUse.system) / 1e6 / rawSeconds).toFixed(2)),
  lowLoadAckP50Ms: pct(0.5),
  lowLoadAckP99Ms: pct(0.99),
  lowLoadRequests: latencies.length,
  lowLoadFailures: latencyFailures,
  pipelineToRawRatio: Number((acked / elapsed / (rows.length / rawSeconds)).toFixed(2)),
};
console.log(JSON.stringify(result));

async function waitForHealth(url: string) {
  const deadline = Date.now() + 60000;
  while (Date.now() < deadline) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server did not become healthy at ${url}`);
}
