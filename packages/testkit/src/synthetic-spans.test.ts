import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SyntheticSpans } from './synthetic-spans.ts';

test('synthetic traces look like Lambda traces: 1-10 spans, one root with the invocation, ~10 attributes', () => {
  const gen = new SyntheticSpans({ seed: 42, startMs: 1_700_000_000_000 });
  const { spans, invocations, traceIds } = gen.next(20_000);
  assert.ok(spans.length >= 20_000);
  assert.equal(invocations.length, traceIds.length);
  const byTrace = new Map<string, typeof spans>();
  for (const s of spans) byTrace.set(s.traceId, [...(byTrace.get(s.traceId) ?? []), s]);
  assert.equal(byTrace.size, traceIds.length);
  for (const [traceId, t] of byTrace) {
    assert.ok(t.length >= 1 && t.length <= 10, `trace of ${t.length} spans`);
    const roots = t.filter((s) => s.parentSpanId === '');
    assert.equal(roots.length, 1);
    assert.match(traceId, /^[0-9a-f]{32}$/);
    for (const s of t) {
      assert.match(s.spanId, /^[0-9a-f]{16}$/);
      assert.ok(s.parentSpanId === '' || s.parentSpanId === roots[0]!.spanId);
      assert.match(s.startNs, /^\d{19}$/);
      assert.equal(s.requestId, roots[0]!.requestId);
    }
  }
  const attrs = spans.reduce((a, s) => a + Object.keys(s.attributes).length, 0) / spans.length;
  assert.ok(attrs >= 7 && attrs <= 11, `~10 attributes per span (${attrs.toFixed(1)}) besides 12 resource attributes`);
  const fns = new Set(spans.map((s) => s.functionName));
  assert.ok(fns.size >= 45 && fns.size <= 50, `${fns.size} functions`);
  const perTrace = spans.length / traceIds.length;
  assert.ok(perTrace > 3.5 && perTrace < 5.5, `${perTrace.toFixed(2)} spans per trace`);
  const errors = invocations.filter((i) => i.status === 'error').length / invocations.length;
  assert.ok(errors > 0.01 && errors < 0.06);
});

test('the same seed gives the same rows; time moves forward between batches', () => {
  const a = new SyntheticSpans({ seed: 7, startMs: 1_700_000_000_000 }).next(100);
  const b = new SyntheticSpans({ seed: 7, startMs: 1_700_000_000_000 }).next(100);
  assert.deepEqual(a, b);
  const gen = new SyntheticSpans({ seed: 7, startMs: 1_700_000_000_000 });
  const first = gen.next(100).spans;
  const second = gen.next(100).spans;
  const maxFirst = first.reduce((m, s) => (BigInt(s.startNs) > m ? BigInt(s.startNs) : m), 0n);
  assert.ok(BigInt(second[0]!.startNs) > BigInt(first[0]!.startNs));
  assert.ok(maxFirst > 0n);
});
