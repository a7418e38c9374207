/// <reference types="node" />
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { InvocationItem, SpanItem } from '@nightjar/model';
import { timeline } from './timeline';

const T0 = 1_795_472_709_000_000_000n;
function span(spanId: string, parentSpanId: string, fn: string, requestId: string, atMs: number, durationMs: number): SpanItem {
  return {
    traceId: 't', spanId, parentSpanId, name: spanId, service: fn, kind: requestId ? 'server' : 'client', start: '', startNs: String(T0 + BigInt(atMs) * 1_000_000n), durationMs,
    status: 'unset', statusMessage: '', attributes: {}, resource: {}, events: [], functionName: fn, requestId, linkOut: [], linkIn: [], input: '', output: '',
  };
}

test('spans are grouped by invocation, calls under their invocation, groups in start order, on one axis', () => {
  const spans = [
    span('n1', 'q', 'notify', 'r-n', 600, 1),
    span('o1', 'x', 'orders-api', 'r-o', 0, 20),
    span('put', 'o1', 'orders-api', '', 2, 5),
    span('send', 'o1', 'orders-api', '', 10, 1),
    span('deep', 'put', 'orders-api', '', 3, 1),
    span('o1', 'x', 'orders-api', 'r-o', 0, 20),
  ];
  const inv = { function: 'notify', requestId: 'r-n', status: 'error' } as InvocationItem;
  const tl = timeline(spans, [inv]);
  assert.equal(tl.totalMs, 601);
  assert.deepEqual(tl.groups.map((g) => [g.function, g.requestId]), [['orders-api', 'r-o'], ['notify', 'r-n']]);
  const first = tl.groups[0];
  assert.ok(first);
  assert.deepEqual(first.rows.map((r) => [r.span.spanId, r.depth]), [['o1', 0], ['put', 1], ['deep', 2], ['send', 1]]);
  assert.equal(tl.groups[1]?.invocation, inv);
  const n = tl.groups[1]?.rows[0];
  assert.ok(n);
  assert.ok(Math.abs(n.offsetPct - (600 / 601) * 100) < 1e-9);
  assert.ok(Math.abs(n.widthPct - (1 / 601) * 100) < 1e-9);
});

test('a span with no invocation in its ancestry is grouped by its function; no spans, no groups', () => {
  const tl = timeline([span('a', '', 'daily-report', '', 0, 3)], []);
  assert.deepEqual(tl.groups.map((g) => [g.function, g.requestId, g.rows.length]), [['daily-report', null, 1]]);
  assert.deepEqual(timeline([], []).groups, []);
});
