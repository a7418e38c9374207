import { test } from 'node:test';
import assert from 'node:assert/strict';
import { INVOCATION_COLUMNS, SPAN_COLUMNS, encodeInvocation, encodeSpan, invocationBucket } from './encode.ts';
import { invocation, span } from '../testing/rows.ts';

function byName<T extends readonly string[]>(cols: T, values: unknown[]): Record<T[number], unknown> {
  assert.equal(values.length, cols.length, 'one value per column');
  return Object.fromEntries(cols.map((c, i) => [c, values[i]])) as Record<T[number], unknown>;
}

test('spans: values line up with SPAN_COLUMNS; times become seconds.nanoseconds text', () => {
  const s = span({
    startNs: '1700000000123456789', durationNs: 1.4, events: [{ timeNs: '1700000000200000000', name: 'e', attributes: { k: 'v' } }],
    links: [{ traceId: 't', spanId: 's', attributes: {} }], linkOut: ['sqs:1'], coldStart: true,
  });
  const v = byName(SPAN_COLUMNS, encodeSpan(s));
  assert.equal(v.timestamp, '1700000000.123456789');
  assert.equal(v.duration_ns, 1);
  assert.deepEqual(v.event_times, ['1700000000.200000000']);
  assert.deepEqual(v.event_attributes, [{ k: 'v' }]);
  assert.deepEqual(v.link_trace_ids, ['t']);
  assert.deepEqual(v.link_out, ['sqs:1']);
  assert.equal(v.cold_start, true);
  assert.equal(typeof v.resource_id, 'number');
  assert.equal(byName(SPAN_COLUMNS, encodeSpan(span({ durationNs: -5 }))).duration_ns, 0);
});

test('invocations: status as its rank, cold start as 1/0/NULL, filed under the start minute or the arrival minute', () => {
  const v = byName(INVOCATION_COLUMNS, encodeInvocation(invocation({ startNs: '1700000061500000000', status: 'timeout', coldStart: false, source: 'report-log' }), 0));
  assert.equal(v.status_rank, 6);
  assert.equal(v.cold_start, 0);
  assert.equal(v.bucket, 1700000040);
  assert.equal(v.start, '1700000061.500000000');
  assert.deepEqual(v.sources, ['report-log']);
  const w = byName(INVOCATION_COLUMNS, encodeInvocation(invocation({ status: null, coldStart: null, durationMs: Number.NaN }), 1_700_000_125_000));
  assert.equal(w.status_rank, 0);
  assert.equal(w.cold_start, null);
  assert.equal(w.duration_ms, null);
  assert.equal(w.start, null);
  assert.equal(w.bucket, 1700000100);
  assert.equal(invocationBucket(invocation({ startNs: '59999999999' }), 0), 0);
});
