// Rough in-process overhead of wrap(): added latency per invocation (p50/p99, export included)
// against a local OTLP backend, and with the backend down (breaker open). Not the full
// benchmark (that one runs through the local Lambda runtime).
// Usage: node --import tsx packages/tracer/bench/wrap-overhead.ts [invocations]
import { sqsEvent } from '../test/aws-events.ts';
import { lambdaContext, lambdaEnv } from '../test/lambda-context.ts';
import { refusingUrl, startBackend } from '../test/otlp-backend.ts';
import { ColdStart } from '../src/wrap/cold-start.ts';
import { wrap } from '../src/wrap/wrap.ts';

const n = Number(process.argv[2] ?? 500);
const event = sqsEvent('orders-queue', [{ messageId: 'm-1', body: '{"orderId":1,"items":[1,2,3]}' }]);
const handler = async (_e: unknown, _c: unknown) => ({ batchItemFailures: [] });

async function sample(h: (e: unknown, c: unknown) => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const ctx = lambdaContext(`req-${i}`);
    const t0 = performance.now();
    await h(event, ctx);
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b);
}
const pct = (t: number[], p: number): number => t[Math.min(t.length - 1, Math.floor(t.length * p))] ?? NaN;
const round = (x: number): number => Math.round(x * 1000) / 1000;

const backend = await startBackend('ok');
const quiet = { log: () => undefined, coldStart: new ColdStart() };
const base = await sample(handler);
const traced = await sample(wrap(handler, { env: lambdaEnv(backend.url), ...quiet }));
const down = wrap(handler, { env: lambdaEnv(await refusingUrl()), ...quiet });
await sample(down); // opens the breaker
const skipped = await sample(down);
await backend.close();
console.log(
  JSON.stringify({
    invocations: n,
    baseline_p50_ms: round(pct(base, 0.5)),
    added_p50_ms_export_included: round(pct(traced, 0.5) - pct(base, 0.5)),
    added_p99_ms_export_included: round(pct(traced, 0.99) - pct(base, 0.99)),
    added_p50_ms_backend_down_breaker_open: round(pct(skipped, 0.5) - pct(base, 0.5)),
    added_p99_ms_backend_down_breaker_open: round(pct(skipped, 0.99) - pct(base, 0.99)),
  }),
);
