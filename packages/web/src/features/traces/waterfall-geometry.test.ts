/// <reference types="node" />
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SpanItem } from '@nightjar/model';
import { waterfallLayout, waterfallTicks } from './waterfall-geometry';
import { traceSummary } from './trace-summary';

const T0 = 1_763_920_800_000; // ms
function span(id: string, parent: string, offsetMs: number, durationMs: number, extra: Partial<SpanItem> = {}): SpanItem {
  const startMs = T0 + offsetMs;
  return {
    traceId: 't1',
    spanId: id,
    parentSpanId: parent,
    name: id,
    service: 'svc',
    kind: 'internal',
    start: new Date(startMs).toISOString(),
    startNs: (BigInt(Math.round(startMs * 1000)) * 1000n).toString(),
    durationMs,
    status: 'unset',
    statusMessage: '',
    attributes: {},
    resource: {},
    events: [],
    functionName: '',
    requestId: '',
    linkOut: [],
    linkIn: [],
    input: '',
    output: '',
    ...extra,
  };
}

test('orders spans depth-first by start and indents children', () => {
  const spans = [
    span('c2', 'root', 50, 25),
    span('root', '', 0, 100),
    span('c1', 'root', 10, 30),
    span('g1', 'c1', 12, 5),
  ];
  const l = waterfallLayout(spans);
  assert.deepEqual(l.rows.map((r) => [r.span.spanId, r.depth]), [['root', 0], ['c1', 1], ['g1', 2], ['c2', 1]]);
  assert.equal(l.totalMs, 100);
  const c2 = l.rows[3];
  assert.ok(c2);
  assert.equal(c2.offsetPct, 50);
  assert.equal(c2.widthPct, 25);
  assert.equal(l.rows[0]?.childCount, 2);
});

test('offsets are relative to the earliest span even when it is not the root', () => {
  const l = waterfallLayout([span('root', '', 10, 20), span('early', 'missing-parent', 0, 5)]);
  assert.deepEqual(l.rows.map((r) => r.span.spanId), ['early', 'root']);
  assert.equal(l.rows[0]?.orphan, true);
  assert.equal(l.rows[1]?.offsetPct, (10 / 30) * 100);
});

test('sub-millisecond precision survives (nanosecond strings)', () => {
  const a = span('a', '', 0, 1);
  const b = { ...span('b', 'a', 0, 0.5), startNs: (BigInt(a.startNs) + 250_000n).toString() };
  const l = waterfallLayout([a, b]);
  assert.equal(l.rows[1]?.offsetMs, 0.25);
  assert.equal(l.rows[1]?.offsetPct, 25);
});

test('collapsing hides descendants; duplicates and cycles do not loop', () => {
  const spans = [span('root', '', 0, 100), span('c1', 'root', 10, 30), span('g1', 'c1', 12, 5), span('c1', 'root', 10, 30)];
  const l = waterfallLayout(spans, new Set(['c1']));
  assert.deepEqual(l.rows.map((r) => r.span.spanId), ['root', 'c1']);
  assert.equal(l.rows[1]?.collapsed, true);
  assert.equal(l.spanCount, 3);
  const cyc = waterfallLayout([span('x', 'y', 0, 1), span('y', 'x', 1, 1)]);
  assert.deepEqual(cyc.rows.map((r) => r.span.spanId).sort(), ['x', 'y']);
});

test('exception events become markers', () => {
  const s = span('a', '', 0, 100, { events: [{ time: new Date(T0 + 40).toISOString(), name: 'exception', attributes: {} }] });
  const l = waterfallLayout([s]);
  assert.deepEqual(l.rows[0]?.markers, [{ pct: 40, name: 'exception', exception: true }]);
});

test('empty input', () => {
  assert.deepEqual(waterfallLayout([]).rows, []);
});

test('axis ticks use round steps', () => {
  assert.deepEqual(waterfallTicks(100).map((t) => t.ms), [0, 20, 40, 60, 80, 100]);
  assert.deepEqual(waterfallTicks(1234).map((t) => t.ms), [0, 500, 1000]);
  assert.deepEqual(waterfallTicks(0.9).map((t) => t.ms), [0, 0.2, 0.4, 0.6, 0.8]);
});

test('trace summary', () => {
  const s = traceSummary([
    span('root', '', 0, 100, { service: 'api', functionName: 'orders', requestId: 'r1' }),
    span('c1', 'root', 10, 120, { service: 'db', status: 'error' }),
  ]);
  assert.equal(s.spanCount, 2);
  assert.equal(s.errorCount, 1);
  assert.deepEqual(s.services, ['api', 'db']);
  assert.equal(s.durationMs, 130);
  assert.equal(s.root?.spanId, 'root');
  assert.deepEqual(s.invocations, [{ functionName: 'orders', requestId: 'r1' }]);
});
