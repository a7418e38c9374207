import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SpanRow } from '@nightjar/model';
import { invocationsFromSpans } from './invocations-from-spans.ts';

function span(over: Partial<SpanRow>): SpanRow {
  return {
    project: 'p', traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), parentSpanId: '', traceState: '', name: 'fn', service: 'fn',
    kind: 'server', startNs: '1700000000000000000', durationNs: 12_345_678, status: 'unset', statusMessage: '', scopeName: '', scopeVersion: '',
    attributes: {}, resource: {}, events: [], links: [], functionName: 'orders', requestId: 'r-1', coldStart: false, httpRoute: '', errorType: '',
    linkOut: [], linkIn: [], input: '', output: '', ...over,
  };
}

test('a root span with faas.invocation_id is one tracer invocation', () => {
  const rows = invocationsFromSpans([
    span({ attributes: { 'faas.coldstart': 'true' }, coldStart: true, resource: { 'faas.version': '12', 'cloud.region': 'eu-west-1', 'faas.max_memory': String(512 * 1024 * 1024), 'host.arch': 'arm64' } }),
  ]);
  assert.equal(rows.length, 1);
  const r = rows[0]!;
  assert.equal(r.source, 'tracer');
  assert.equal(r.function, 'orders');
  assert.equal(r.requestId, 'r-1');
  assert.equal(r.version, '12');
  assert.equal(r.region, 'eu-west-1');
  assert.equal(r.memorySizeMb, 512);
  assert.equal(r.architecture, 'arm64');
  assert.equal(r.coldStart, true);
  assert.equal(r.durationMs, 12.35);
  assert.equal(r.status, 'success');
  assert.equal(r.traceId, 'a'.repeat(32));
});

test('errors carry the exception; declared timeouts win; client spans and spans without a request id are not invocations', () => {
  const rows = invocationsFromSpans([
    span({ status: 'error', statusMessage: 'boom', events: [{ timeNs: '1', name: 'exception', attributes: { 'exception.type': 'TypeError', 'exception.message': 'x is undefined' } }] }),
    span({ requestId: 'r-2', attributes: { 'nightjar.invocation.status': 'timeout' } }),
    span({ requestId: 'r-3', parentSpanId: 'c'.repeat(16), kind: 'client' }),
    span({ requestId: '' }),
  ]);
  assert.deepEqual(rows.map((r) => [r.requestId, r.status, r.errorType, r.errorMessage, r.coldStart]), [
    ['r-1', 'error', 'TypeError', 'x is undefined', null],
    ['r-2', 'timeout', null, null, null],
  ]);
});
