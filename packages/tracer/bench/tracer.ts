// The tracer benchmark of issue 3: the same handler (SQS SendMessage, DynamoDB PutItem, HTTP GET)
// run through the local Lambda runtime three ways (no tracer; @nightjar/lambda through the layer's
// exec wrapper; the OpenTelemetry JS SDK preloaded with NODE_OPTIONS=--import), all exporting to
// local OTLP backends. Cold start: fresh instances, median Init Duration and first Duration. Warm:
// Duration as the runtime reports it (export included), variants interleaved. Progress on stderr,
// one JSON object on the last stdout line.
// Usage: npm run bench:tracer [-- invocations coldStarts]   (defaults 500 and 15)
import { createLocalLambda, type FunctionConfig, type InvokeResult } from '@nightjar/lambda-runtime';
import { availableParallelism } from 'node:os';
import { startEndpoints } from './endpoints.ts';
import { makeFunctionCode } from './function-code.ts';
import { dirBytes, packagesBytes } from './installed-size.ts';
import { median, percentile, round } from './stats.ts';

type Variant = 'noTracer' | 'nightjar' | 'opentelemetry';
const VARIANTS: Variant[] = ['noTracer', 'nightjar', 'opentelemetry'];
const OTEL_PACKAGES = [
  '@opentelemetry/api',
  '@opentelemetry/sdk-trace-node',
  '@opentelemetry/sdk-trace-base',
  '@opentelemetry/exporter-trace-otlp-proto',
  '@opentelemetry/resources',
  '@opentelemetry/instrumentation',
  '@opentelemetry/instrumentation-aws-lambda',
  '@opentelemetry/instrumentation-aws-sdk',
  '@opentelemetry/instrumentation-http',
];

const invocations = Number(process.argv[2] ?? 500);
const coldStarts = Number(process.argv[3] ?? 15);
const warmUp = 10;
const log = (m: string): void => void process.stderr.write(`[bench:tracer] ${m}\n`);
/** The variants starting at the i-th, so that none always goes first on the shared cores. */
const inTurn = (i: number): Variant[] => VARIANTS.map((_v, k) => VARIANTS[(i + k) % VARIANTS.length] ?? 'noTracer');

const endpoints = await startEndpoints();
const code = await makeFunctionCode();
const lambdas: { close(): Promise<void> }[] = [];

function config(variant: Variant, name: string): FunctionConfig {
  const base = { name, handler: 'handler.handler', codeDir: code.codeDir, memoryMb: 512, timeoutSeconds: 10 };
  if (variant === 'nightjar') {
    return { ...base, environment: { ...endpoints.env, AWS_LAMBDA_EXEC_WRAPPER: code.built.wrapper, NIGHTJAR_ENDPOINT: endpoints.nightjarBackend.url } };
  }
  if (variant === 'opentelemetry') {
    const otel = { NODE_OPTIONS: `--import ${code.otelSetupUrl}`, OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${endpoints.otelBackend.url}/v1/traces` };
    return { ...base, environment: { ...endpoints.env, ...otel } };
  }
  return { ...base, environment: { ...endpoints.env } };
}

function check(r: InvokeResult, what: string): InvokeResult {
  const p = r.payload as { ok?: unknown } | null;
  if (r.status !== 'success' || p?.ok !== true) throw new Error(`${what}: ${r.status} ${r.payloadText}`);
  return r;
}

async function run(): Promise<void> {
  // Cold starts: a new function (hence a new instance) per sample, variants in turn.
  const cold: Record<Variant, { init: number[]; first: number[] }> = { noTracer: { init: [], first: [] }, nightjar: { init: [], first: [] }, opentelemetry: { init: [], first: [] } };
  for (let i = 0; i < coldStarts; i++) {
    for (const v of inTurn(i)) {
      const lambda = createLocalLambda({ functions: [config(v, `cold-${v}-${i}`)] });
      lambdas.push(lambda);
      const r = check(await lambda.invoke(`cold-${v}-${i}`, { n: i }), `cold ${v}`);
      await lambda.close();
      if (!r.coldStart || r.initDurationMs === undefined) throw new Error(`cold ${v}: not a cold start`);
      cold[v].init.push(r.initDurationMs);
      cold[v].first.push(r.durationMs);
    }
    log(`cold start ${i + 1}/${coldStarts}: ${VARIANTS.map((v) => `${v} init ${round(cold[v].init.at(-1) ?? NaN)} ms`).join(', ')}`);
  }

  // Warm: one instance per variant, invoked in turn.
  const lambda = createLocalLambda({ functions: VARIANTS.map((v) => config(v, `warm-${v}`)) });
  lambdas.push(lambda);
  const warm: Record<Variant, number[]> = { noTracer: [], nightjar: [], opentelemetry: [] };
  for (let i = 0; i < warmUp + invocations; i++) {
    for (const v of inTurn(i)) {
      const r = check(await lambda.invoke(`warm-${v}`, { n: i }), `warm ${v}`);
      if (i >= warmUp) warm[v].push(r.durationMs);
    }
    if ((i + 1) % 100 === 0) log(`warm ${i + 1}/${warmUp + invocations}`);
  }
  if (VARIANTS.some((v) => lambda.instanceCount(`warm-${v}`) !== 1)) throw new Error('warm invocations did not stay on one instance per variant');
  await lambda.close();

  // Both tracers flush before the invocation returns; a short grace for the last response bodies.
  await new Promise((r) => setTimeout(r, 300));
  const total = coldStarts + warmUp + invocations;
  const spans = (v: 'nightjar' | 'opentelemetry') => {
    const b = v === 'nightjar' ? endpoints.nightjarBackend : endpoints.otelBackend;
    const all = b.received.flatMap((x) => x.spans);
    const names: Record<string, number> = {};
    for (const s of all) {
      const name = /^(cold|warm)-/.test(s.name) ? '<invocation (named after the function)>' : s.name;
      names[name] = (names[name] ?? 0) + 1;
    }
    return { total: all.length, perInvocation: round(all.length / total), exportRequests: b.received.length, byName: names };
  };
  const spansReceived = { invocations: total, nightjar: spans('nightjar'), opentelemetry: spans('opentelemetry') };
  for (const v of ['nightjar', 'opentelemetry'] as const) {
    if (spansReceived[v].total < total) throw new Error(`${v}: only ${spansReceived[v].total} spans for ${total} invocations: the benchmark is invalid`);
  }

  const figures = (v: Variant) => ({
    coldStartInitMedianMs: round(median(cold[v].init)),
    coldStartFirstDurationMedianMs: round(median(cold[v].first)),
    coldStartTotalMedianMs: round(median(cold[v].init.map((x, i) => x + (cold[v].first[i] ?? NaN)))),
    warmP50Ms: round(median(warm[v])),
    warmP99Ms: round(percentile(warm[v], 0.99)),
    warmMeanMs: round(warm[v].reduce((a, b) => a + b, 0) / warm[v].length),
  });
  const f = { noTracer: figures('noTracer'), nightjar: figures('nightjar'), opentelemetry: figures('opentelemetry') };
  const added = (k: 'coldStartInitMedianMs' | 'warmP50Ms' | 'warmP99Ms') => ({ nightjar: round(f.nightjar[k] - f.noTracer[k]), opentelemetry: round(f.opentelemetry[k] - f.noTracer[k]) });
  const otel = packagesBytes(OTEL_PACKAGES, code.codeDir);
  console.log(
    JSON.stringify({
      benchmark: 'tracer',
      machineCores: availableParallelism(),
      node: process.version,
      invocations,
      coldStarts,
      ...f,
      addedColdStartMs: added('coldStartInitMedianMs'),
      addedColdStartFirstInvocationMs: { nightjar: round(f.nightjar.coldStartFirstDurationMedianMs - f.noTracer.coldStartFirstDurationMedianMs), opentelemetry: round(f.opentelemetry.coldStartFirstDurationMedianMs - f.noTracer.coldStartFirstDurationMedianMs) },
      addedWarmP50Ms: added('warmP50Ms'),
      addedWarmP99Ms: added('warmP99Ms'),
      spansReceived,
      tracerInstalledBytes: { nightjar: dirBytes(code.built.layerDir), opentelemetry: otel.bytes, opentelemetryPackages: otel.packages },
      bars: { addedColdStartMs: 10, addedWarmP50Ms: 2 },
    }),
  );
}

try {
  await run();
} finally {
  await Promise.allSettled(lambdas.map((l) => l.close()));
  await endpoints.close();
  code.remove();
}
