import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDemoArgs, parseDuration } from './demo-args.ts';

test('demo flags are taken out, the rest is left for Nightjar', () => {
  const a = parseDemoArgs(['--duration', '90s', '--rate=5', '--port', '9000', '--faults', 'bad-deployment,timeouts', '--seed', '7', '--data-dir', '/tmp/x'], () => 1);
  assert.equal(a.durationMs, 90_000);
  assert.equal(a.rate, 5);
  assert.deepEqual(a.faults, ['bad-deployment', 'timeouts']);
  assert.equal(a.seed, 7);
  assert.deepEqual(a.rest, ['--port', '9000', '--data-dir', '/tmp/x']);
  const d = parseDemoArgs([], () => 123);
  assert.equal(d.durationMs, null);
  assert.equal(d.seed, 123);
  assert.equal(d.rate, 3);
});

test('bad demo flags name the flag', () => {
  assert.throws(() => parseDemoArgs(['--rate', 'fast'], () => 1), /--rate must be a number/);
  assert.throws(() => parseDemoArgs(['--faults', 'nope'], () => 1), /--faults: unknown fault "nope"/);
  assert.throws(() => parseDemoArgs(['--seed', '-3'], () => 1), /--seed must be a non-negative integer/);
  assert.throws(() => parseDemoArgs(['--duration'], () => 1), /--duration needs a value/);
  assert.throws(() => parseDuration('soon'), /--duration: "soon" is not a duration/);
  assert.equal(parseDuration('5m'), 300_000);
  assert.equal(parseDuration('2'), 2000);
  assert.equal(parseDuration('1h'), 3_600_000);
});
