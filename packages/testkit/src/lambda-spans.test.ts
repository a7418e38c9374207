import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateLambdaSpans, otlpTraceRequests } from './lambda-spans.ts';

test('generated Lambda spans are realistic in shape and size', () => {
  const { byFunction, invocations } = generateLambdaSpans({ invocations: 200, functions: 5, seed: 7 });
  const spans = [...byFunction.values()].flat();
  assert.equal(invocations.length, 200);
  assert.ok(spans.length >= 400 && spans.length <= 1000, `spans: ${spans.length}`);
  const roots = spans.filter((s) => !s.parentSpanContext);
  assert.equal(roots.length, 200);
  for (const r of roots) assert.equal(typeof r.attributes['faas.invocation_id'], 'string');
  const bytes = otlpTraceRequests(byFunction, 'protobuf', 1000).reduce((n, b) => n + b.length, 0);
  const perSpan = bytes / spans.length;
  assert.ok(perSpan > 300 && perSpan < 800, `bytes per span in OTLP protobuf: ${perSpan}`);
});

test('the same seed gives the same invocations', () => {
  const a = generateLambdaSpans({ invocations: 20, seed: 3, startMs: 1_700_000_000_000 }).invocations.map((i) => [i.functionName, i.requestId, i.failed]);
  const b = generateLambdaSpans({ invocations: 20, seed: 3, startMs: 1_700_000_000_000 }).invocations.map((i) => [i.functionName, i.requestId, i.failed]);
  assert.deepEqual(a, b);
});
