import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normaliseTraceId, traceIdFromAmznTraceHeader, xrayToOtelTraceId } from './xray.ts';

test('X-Ray trace id -> 32 hex OTel trace id', () => {
  assert.equal(xrayToOtelTraceId('1-5e1b4151-43a974f0a4b0d5e0e1a0c0e0'), '5e1b415143a974f0a4b0d5e0e1a0c0e0');
  assert.equal(xrayToOtelTraceId('1-5E1B4151-43A974F0A4B0D5E0E1A0C0E0'), '5e1b415143a974f0a4b0d5e0e1a0c0e0');
  assert.equal(xrayToOtelTraceId('1-5e1b4151-43a974f0'), null);
  assert.equal(xrayToOtelTraceId('2-5e1b4151-43a974f0a4b0d5e0e1a0c0e0'), null);
  assert.equal(xrayToOtelTraceId('1-00000000-000000000000000000000000'), null);
});

test('Root of an X-Amzn-Trace-Id header', () => {
  assert.equal(traceIdFromAmznTraceHeader('Root=1-62e900b2-710d76f009d6e7785905449a;Parent=0efbd19962d95b05;Sampled=1'), '62e900b2710d76f009d6e7785905449a');
  assert.equal(traceIdFromAmznTraceHeader('Parent=0efbd19962d95b05;Sampled=1'), null);
});

test('OTel ids pass through, lowercased', () => {
  assert.equal(normaliseTraceId('4BF92F3577B34DA6A3CE929D0E0E4736'), '4bf92f3577b34da6a3ce929d0e0e4736');
  assert.equal(normaliseTraceId('not-a-trace'), null);
});
