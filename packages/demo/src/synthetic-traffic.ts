// Interim demo traffic (until the demo shop lands): six synthetic Lambda functions whose
// invocations reach Nightjar through the real ingest paths, as production data would:
//  - platform logs (START/END/REPORT, app lines, errors, timeouts, OOM) as Firehose HTTP endpoint
//    deliveries of gzip CloudWatch Logs subscription payloads;
//  - Telemetry API batches for the functions with an extension;
//  - OTLP/protobuf spans from the real OpenTelemetry SDK for the traced functions, their trace ids
//    equal to the X-Ray ids in the REPORT lines so that all sources merge into one invocation.
// On start it backfills the last minutes so that charts have a history at once.
import { context, SpanKind, SpanStatusCode, trace, type Tracer } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import {
  buildCloudWatchPayload,
  buildFirehoseRequest,
  functionLogGroup,
  gzipFirehoseRecord,
  invocationLogEvents,
  invocationTelemetryEvents,
  lambdaLogStream,
  type InvocationSpec,
  type SimulatedOutcome,
  type TelemetryEvent,
} from '@nightjar/lambda-logs';
import { seededRandom, uuid } from '@nightjar/testkit';
import { DEMO_FUNCTIONS, type DemoFunction } from './demo-functions.ts';

export interface DemoOptions {
  /** Base URL of the Nightjar API port (for /ingest/*). */
  url: string;
  /** Base URL of the OTLP receiver. */
  otlpUrl: string;
  /** Traffic multiplier (1 = about 10 invocations per second). */
  rate?: number;
  seed?: number;
  /** Minutes of history generated at start. */
  backfillMinutes?: number;
  onError?: (err: unknown) => void;
}

interface Instance {
  stream: string;
  /** End of its current invocation: a sandbox runs one invocation at a time. */
  busyUntilMs: number;
}

interface Tick {
  records: string[];
  telemetry: Map<string, TelemetryEvent[]>;
}

export function startDemoTraffic(opts: DemoOptions): { stop: () => Promise<void> } {
  const rnd = seededRandom(opts.seed ?? Date.now() % 1e9);
  const rate = opts.rate ?? 1;
  const onError = opts.onError ?? ((err: unknown) => console.error('nightjar demo:', err instanceof Error ? err.message : err));
  const instances = new Map<string, Instance[]>();
  const providers: BasicTracerProvider[] = [];
  const tracers = new Map<string, Tracer>();
  for (const fn of DEMO_FUNCTIONS.filter((f) => f.traced)) {
    const provider = new BasicTracerProvider({
      resource: resourceFromAttributes({ 'service.name': fn.name, 'faas.name': fn.name, 'faas.version': fn.version, 'cloud.provider': 'aws', 'cloud.region': 'eu-west-1', 'faas.max_memory': fn.memoryMb * 1024 * 1024 }),
      spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: `${opts.otlpUrl}/v1/traces` }), { maxExportBatchSize: 512, scheduledDelayMillis: 1000 })],
    });
    providers.push(provider);
    tracers.set(fn.name, provider.getTracer('nightjar-demo', '0.1.0'));
  }

  function instanceFor(fn: DemoFunction, atMs: number, durationMs: number): { stream: string; cold: boolean } {
    const list = instances.get(fn.name) ?? [];
    instances.set(fn.name, list);
    const idle = list.filter((i) => atMs - i.busyUntilMs > 600_000);
    for (const i of idle) list.splice(list.indexOf(i), 1); // reaped after 10 idle minutes
    const warm = list.find((i) => i.busyUntilMs + 5 <= atMs);
    if (warm && rnd() > 0.02) {
      warm.busyUntilMs = atMs + durationMs + 2000;
      return { stream: warm.stream, cold: false };
    }
    // Cold: init runs before the handler; the instance is busy for both.
    const inst = { stream: lambdaLogStream(atMs, fn.version, uuid(rnd).replace(/-/g, '')), busyUntilMs: atMs + durationMs + 3000 };
    list.push(inst);
    return { stream: inst.stream, cold: true };
  }

  function invoke(fn: DemoFunction, startMs: number, tick: Tick, streams: Map<string, { fn: DemoFunction; events: { timestamp: number; message: string }[] }>) {
    let outcome: SimulatedOutcome = 'success';
    let r = rnd();
    for (const [o, p] of fn.outcomes) {
      if (r < p) {
        outcome = o;
        break;
      }
      r -= p;
    }
    const [mean, spread] = fn.durationMs;
    let durationMs = Math.max(1, mean + (rnd() - 0.5) * 2 * spread);
    if (outcome === 'timeout') durationMs = Math.max(3000, mean * 3);
    durationMs = Math.round(durationMs * 100) / 100;
    const { stream, cold } = instanceFor(fn, startMs, durationMs);
    if (outcome === 'init_error' && !cold) outcome = 'success'; // an init error can only happen at init
    const requestId = uuid(rnd);
    const user = `u-${Math.floor(rnd() * 500)}`;
    const traceId = fn.traced ? traceInvocation(fn, requestId, startMs, durationMs, cold, outcome, user) : null;
    const fill = (s: string) => s.replace('{user}', user).replace('{order}', String(Math.floor(rnd() * 1e6))).replace('{ms}', String(Math.round(durationMs * 0.7))).replaceAll('{n}', String(10 + Math.floor(rnd() * 900)));
    const spec: InvocationSpec = {
      requestId,
      startMs,
      durationMs,
      memorySizeMb: fn.memoryMb,
      maxMemoryUsedMb: Math.round(fn.memoryMb * (0.3 + rnd() * 0.4)),
      runtime: fn.runtime,
      version: fn.version,
      initDurationMs: cold ? Math.round((150 + rnd() * 500) * 100) / 100 : null,
      outcome,
      logs: fn.logs.map((m, i) => ({ offsetMs: Math.min(durationMs - 1, (i + 1) * (durationMs / (fn.logs.length + 1))), level: 'INFO' as const, message: fill(m) })),
      xrayTraceId: traceId ? `1-${traceId.slice(0, 8)}-${traceId.slice(8)}` : null,
    };
    const entry = streams.get(stream) ?? { fn, events: [] };
    entry.events.push(...invocationLogEvents(spec));
    streams.set(stream, entry);
    if (fn.telemetry) {
      const list = tick.telemetry.get(fn.name) ?? [];
      list.push(...invocationTelemetryEvents(spec));
      tick.telemetry.set(fn.name, list);
    }
  }

  function traceInvocation(fn: DemoFunction, requestId: string, startMs: number, durationMs: number, cold: boolean, outcome: SimulatedOutcome, user: string): string {
    const tracer = tracers.get(fn.name)!;
    const [method, route] = fn.route ? fn.route.split(' ') : [undefined, undefined];
    const root = tracer.startSpan(fn.name, {
      kind: fn.route ? SpanKind.SERVER : SpanKind.CONSUMER,
      startTime: startMs,
      attributes: {
        'faas.name': fn.name,
        'faas.invocation_id': requestId,
        'faas.coldstart': cold,
        'faas.trigger': fn.route ? 'http' : 'pubsub',
        'enduser.id': user,
        ...(route ? { 'http.route': route, 'http.request.method': method!, 'http.response.status_code': outcome === 'success' ? 200 : 500 } : {}),
      },
    });
    const ctx = trace.setSpan(context.active(), root);
    const table = tracer.startSpan('DynamoDB.PutItem', { kind: SpanKind.CLIENT, startTime: startMs + 3, attributes: { 'rpc.system': 'aws-api', 'rpc.service': 'DynamoDB', 'rpc.method': 'PutItem', 'aws.dynamodb.table_names': ['orders'] } }, ctx);
    table.end(startMs + 3 + durationMs * 0.15);
    const callStart = startMs + 5 + durationMs * 0.2;
    const http = tracer.startSpan('POST', { kind: SpanKind.CLIENT, startTime: callStart, attributes: { 'http.request.method': 'POST', 'url.full': fn.name === 'payments' ? 'https://api.payments.test/v1/charges' : 'https://inventory.internal.test/reserve', 'server.address': fn.name === 'payments' ? 'api.payments.test' : 'inventory.internal.test', 'http.response.status_code': outcome === 'error' ? 502 : 200 } }, ctx);
    http.end(callStart + durationMs * 0.6);
    if (outcome !== 'success') {
      const message = outcome === 'timeout' ? 'Task timed out' : fn.name === 'payments' ? 'payment provider answered 502' : 'order validation failed';
      root.recordException({ name: outcome === 'timeout' ? 'TimeoutError' : 'Error', message, stack: `Error: ${message}\n    at handler (/var/task/index.mjs:42:11)` }, startMs + durationMs - 1);
      root.setStatus({ code: SpanStatusCode.ERROR, message });
    }
    root.end(startMs + durationMs);
    return root.spanContext().traceId;
  }

  function simulate(fromMs: number, toMs: number, tick: Tick) {
    const streams = new Map<string, { fn: DemoFunction; events: { timestamp: number; message: string }[] }>();
    const seconds = (toMs - fromMs) / 1000;
    for (const fn of DEMO_FUNCTIONS) {
      const expected = fn.weight * rate * seconds * (0.7 + 0.6 * rnd());
      const n = Math.floor(expected) + (rnd() < expected % 1 ? 1 : 0);
      const starts = Array.from({ length: n }, () => fromMs + rnd() * (toMs - fromMs)).sort((a, b) => a - b);
      for (const s of starts) invoke(fn, Math.floor(s), tick, streams);
    }
    for (const [stream, { fn, events }] of streams) {
      events.sort((a, b) => a.timestamp - b.timestamp);
      tick.records.push(gzipFirehoseRecord(buildCloudWatchPayload({ logGroup: functionLogGroup(fn.name), logStream: stream, events })));
    }
  }

  async function deliver(tick: Tick) {
    for (let i = 0; i < tick.records.length; i += 200) {
      const body = buildFirehoseRequest({ requestId: uuid(rnd), timestamp: Date.now(), records: tick.records.slice(i, i + 200) });
      const res = await fetch(`${opts.url}/ingest/firehose`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      if (!res.ok) throw new Error(`Firehose delivery answered ${res.status}`);
    }
    for (const [fn, events] of tick.telemetry) {
      const res = await fetch(`${opts.url}/ingest/lambda-telemetry?function=${encodeURIComponent(fn)}&region=eu-west-1`, { method: 'POST', body: JSON.stringify(events) });
      if (!res.ok) throw new Error(`Telemetry delivery answered ${res.status}`);
    }
  }

  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  let last = Date.now();
  const backfill = (opts.backfillMinutes ?? 30) * 60_000;
  const start = async () => {
    // History first, a minute at a time, then live traffic every second.
    for (let from = last - backfill; from < last && !stopped; from += 60_000) {
      const tick: Tick = { records: [], telemetry: new Map() };
      simulate(from, Math.min(from + 60_000, last), tick);
      await deliver(tick);
    }
  };
  running = start().catch(onError);
  const loop = () => {
    if (stopped) return;
    running = running.then(async () => {
      const now = Date.now();
      const tick: Tick = { records: [], telemetry: new Map() };
      simulate(last, now, tick);
      last = now;
      await deliver(tick);
    }).catch(onError);
    timer = setTimeout(loop, 1000);
  };
  timer = setTimeout(loop, 1000);

  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      await Promise.all(providers.map((p) => p.shutdown().catch(onError)));
    },
  };
}

