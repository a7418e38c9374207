// What the demo produces and what it costs the machine: runs `nightjar demo` (Nightjar, the local
// AWS, the providers and every Lambda sandbox) for a while, samples machine CPU and the process
// tree's memory from /proc, then opens the store and counts what arrived.
// Usage: npm run bench:demo -- [--seconds 120] [--rate 3] [--warmup 20] [--faults a,b]
// Prints one JSON line (machine: Linux, /proc). CPU is machine-wide: run it on an idle machine.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openStore } from '@nightjar/store';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '120' }, rate: { type: 'string', default: '3' }, warmup: { type: 'string', default: '20' }, faults: { type: 'string', default: '' } } });
const seconds = Number(values.seconds);
const warmup = Number(values.warmup);
const root = new URL('../../..', import.meta.url).pathname;
const PAGE_KB = 4;

function machineJiffies(): { busy: number; total: number } {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]?.trim().split(/\s+/).slice(1).map(Number) ?? [];
  const total = cpu.reduce((a, b) => a + b, 0);
  const idle = (cpu[3] ?? 0) + (cpu[4] ?? 0);
  return { busy: total - idle, total };
}

/** RSS (MB) and count of the processes descending from pid. */
function treeMemory(pid: number): { rssMb: number; processes: number } {
  const parent = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parent.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // exited meanwhile
    }
  }
  const inTree = (p: number): boolean => {
    for (let q: number | undefined = p, hops = 0; q !== undefined && q > 1 && hops < 64; q = parent.get(q), hops++) if (q === pid) return true;
    return false;
  };
  let rssKb = 0;
  let processes = 0;
  for (const p of parent.keys()) {
    if (!inTree(p)) continue;
    try {
      rssKb += Number(readFileSync(`/proc/${p}/statm`, 'utf8').split(' ')[1]) * PAGE_KB;
      processes++;
    } catch {
      // exited meanwhile
    }
  }
  return { rssMb: rssKb / 1024, processes };
}

const dir = mkdtempSync(join(tmpdir(), 'nightjar-bench-demo-'));
const dataDir = join(dir, 'data');
const port = 20000 + Math.floor(Math.random() * 9000);
const args = [join(root, 'packages/cli/bin/nightjar.js'), 'demo', '--duration', `${seconds}s`, '--rate', String(values.rate), '--seed', '7', '--data-dir', dataDir, '--port', String(port), '--otlp-port', '0'];
if (values.faults) args.push('--faults', values.faults);
const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
let out = '';
child.stdout.on('data', (c: Buffer) => (out += c.toString()));
const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));

const startedAt = Date.now();
// how long a new user waits until the functions list shows every shop function
let everyFunctionListedAfterS: number | null = null;
const listed = setInterval(() => {
  void fetch(`http://127.0.0.1:${port}/api/functions?from=now-1h`)
    .then((r) => r.json() as Promise<{ items?: { function: string }[] }>)
    .then((b) => {
      if (everyFunctionListedAfterS === null && (b.items?.length ?? 0) >= 11) {
        everyFunctionListedAfterS = (Date.now() - startedAt) / 1000;
        clearInterval(listed);
      }
    })
    .catch(() => undefined);
}, 1000);
const samples: { t: number; rssMb: number; processes: number }[] = [];
type Jiffies = { busy: number; total: number; at: number };
// assigned in the sampling timer (a cast keeps TypeScript from narrowing it to null here)
let window = null as { from: Jiffies; to?: Jiffies } | null;
let lastStatus: { gateway?: { requests: number }; logs?: { events: number; bytes: number } } = {};
let firstStatus = null as typeof lastStatus | null;
const control = () => /fault control:\s+(http:\/\/\S+)\/faults/.exec(out)?.[1];
const timer = setInterval(() => {
  const t = (Date.now() - startedAt) / 1000;
  if (t >= warmup && window === null) window = { from: { ...machineJiffies(), at: Date.now() } };
  if (window !== null && t < seconds - 2) {
    window.to = { ...machineJiffies(), at: Date.now() };
    samples.push({ t, ...treeMemory(child.pid ?? 0) });
    const c = control();
    if (c)
      void fetch(`${c}/status`)
        .then((r) => r.json() as Promise<typeof lastStatus>)
        .then((s) => {
          firstStatus ??= s;
          lastStatus = s;
        })
        .catch(() => undefined);
  }
}, 2000);
const code = await exited;
clearInterval(timer);
clearInterval(listed);
if (code !== 0) throw new Error(`nightjar demo exited with ${code}\n${out}`);

const store = await openStore({ kind: 'chdb', dataDir });
const count = async (sql: string) => Number((await store.db.query<{ n: string }>(sql))[0]?.n ?? 0);
const from = window?.from.at ?? startedAt;
const to = window?.to?.at ?? Date.now();
const secs = (to - from) / 1000;
const range = `BETWEEN fromUnixTimestamp64Milli(${from}) AND fromUnixTimestamp64Milli(${to})`;
const spans = await count(`SELECT count() AS n FROM spans WHERE timestamp ${range}`);
const logs = await count(`SELECT count() AS n FROM logs WHERE timestamp ${range}`);
const invocations = await count(`SELECT uniqExact(function, request_id) AS n FROM invocations WHERE start ${range}`);
const tables = await store.queries.tableStats();
await store.close();
rmSync(dir, { recursive: true, force: true });

const busy = window?.to ? (window.to.busy - window.from.busy) / (window.to.total - window.from.total) : 0;
const cores = availableParallelism();
const rss = samples.map((s) => s.rssMb);
const statusSecs = secs; // status sampled over (about) the same window
const fs = firstStatus;
const logEvents = (lastStatus.logs?.events ?? 0) - (fs?.logs?.events ?? 0);
const firehoseBytes = (lastStatus.logs?.bytes ?? 0) - (fs?.logs?.bytes ?? 0);
const apiRequests = (lastStatus.gateway?.requests ?? 0) - (fs?.gateway?.requests ?? 0);
const totalSeconds = (Date.now() - startedAt) / 1000;
const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;
console.log(
  JSON.stringify({
    benchmark: 'demo',
    machineCores: cores,
    rate: Number(values.rate),
    faults: values.faults || 'none',
    measuredSeconds: round(secs),
    everyFunctionListedAfterSeconds: everyFunctionListedAfterS === null ? null : round(everyFunctionListedAfterS),
    apiRequestsPerSec: round(apiRequests / statusSecs, 2),
    invocationsPerSec: round(invocations / secs, 2),
    spansPerSec: round(spans / secs, 1),
    logRecordsPerSec: round(logs / secs, 1),
    firehoseLogEventsPerSec: round(logEvents / statusSecs, 1),
    firehoseKBPerSec: round(firehoseBytes / 1024 / statusSecs, 1),
    machineCpuCoresBusy: round(busy * cores, 2),
    processTreeRssMb: { mean: round(rss.reduce((a, b) => a + b, 0) / Math.max(1, rss.length), 0), peak: round(Math.max(0, ...rss), 0) },
    processesPeak: Math.max(0, ...samples.map((s) => s.processes)),
    storeMbOnDisk: round(tables.reduce((a, t) => a + t.bytesOnDisk, 0) / 1048576, 2),
    storeMbPerHour: round((tables.reduce((a, t) => a + t.bytesOnDisk, 0) / 1048576) * (3600 / totalSeconds), 1),
  }),
);
