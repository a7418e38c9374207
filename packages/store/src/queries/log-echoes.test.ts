import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LogItem } from '@nightjar/model';
import { dropLogEchoes } from './log-echoes.ts';

let n = 0;
const item = (source: string, body: string, requestId = 'r1', fn = 'notify'): LogItem => ({
  time: `2026-11-23T22:00:00.${String(n).padStart(3, '0')}Z`,
  timeNs: String(++n),
  function: fn,
  requestId,
  traceId: source === 'otlp' ? 'a'.repeat(32) : '',
  spanId: source === 'otlp' ? 'b'.repeat(16) : '',
  severityText: 'INFO',
  severityNumber: 9,
  body,
  attributes: {},
  source,
});

test('a line seen by CloudWatch, the Telemetry API and the tracer is shown once, from the tracer', () => {
  const items = [item('cloudwatch', 'charging order o-1'), item('otlp', 'charging order o-1'), item('telemetry', 'charging order o-1\n'), item('cloudwatch', 'START RequestId: r1 Version: 3')];
  const out = dropLogEchoes(items);
  assert.deepEqual(out.map((i) => i.source), ['otlp', 'cloudwatch']);
  assert.equal(out[1]?.body, 'START RequestId: r1 Version: 3');
});

test('a line printed twice stays twice; copies beyond what the richest source saw are kept', () => {
  const twice = [item('otlp', 'retrying'), item('otlp', 'retrying'), item('cloudwatch', 'retrying'), item('cloudwatch', 'retrying')];
  assert.equal(dropLogEchoes(twice).length, 2);
  // the tracer lost one (export timed out): CloudWatch's second copy fills in
  const partial = [item('otlp', 'retrying'), item('cloudwatch', 'retrying'), item('cloudwatch', 'retrying')];
  assert.deepEqual(dropLogEchoes(partial).map((i) => i.source), ['otlp', 'cloudwatch']);
});

test('lines of different invocations, functions, or without a request id are never merged', () => {
  const items = [item('otlp', 'x', 'r1'), item('cloudwatch', 'x', 'r2'), item('cloudwatch', 'x', 'r1', 'other'), item('otlp', 'y', ''), item('cloudwatch', 'y', '')];
  assert.equal(dropLogEchoes(items).length, 5);
});
