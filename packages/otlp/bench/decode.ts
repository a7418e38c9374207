// Decode micro-benchmark: one realistic OTLP trace request (1000 Lambda-shaped spans made by the
// real OpenTelemetry JS SDK, ~10 attributes each, ~500 B per span in protobuf), decoded over and
// over in each encoding. Prints decoded spans/s per format; the last line is one JSON object.
// Run: node --import tsx packages/otlp/bench/decode.ts [seconds-per-format]
import { decodeTraces } from '../src/index.ts';
import { lambdaSpans } from '../test/lambda-spans.ts';
import { serializeSpans, type Format } from '../test/sdk.ts';

const SPANS = 1000;
const seconds = Number(process.argv[2] ?? '3');

function measure(body: Uint8Array, format: Format): number {
  const run = () => decodeTraces(body, format, { project: 'bench' });
  const first = run();
  if (first.rows.length !== SPANS || first.rejected !== 0) throw new Error(`decoded ${first.rows.length} spans, rejected ${first.rejected}`);
  const warmUntil = performance.now() + 500;
  while (performance.now() < warmUntil) run();
  let spans = 0;
  const start = performance.now();
  const stop = start + seconds * 1000;
  while (performance.now() < stop) spans += run().rows.length;
  return Math.round(spans / ((performance.now() - start) / 1000));
}

const spans = lambdaSpans(SPANS);
const result: Record<string, number> = {};
for (const format of ['protobuf', 'json'] as Format[]) {
  const body = serializeSpans(spans, format);
  const perSecond = measure(body, format);
  const bytesPerSpan = Math.round(body.length / SPANS);
  console.log(`${format}: ${perSecond} spans/s on one core (${bytesPerSpan} B/span, ${(body.length / 1024).toFixed(0)} KiB per request)`);
  result[`${format}SpansPerSec`] = perSecond;
  result[`${format}BytesPerSpan`] = bytesPerSpan;
}
console.log(JSON.stringify({ bench: 'otlp-decode', spansPerRequest: SPANS, ...result }));
