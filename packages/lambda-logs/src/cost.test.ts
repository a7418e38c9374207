import { test } from 'node:test';
import assert from 'node:assert/strict';
import { estimateCostUsd, LAMBDA_GB_SECOND_PRICE_USD, LAMBDA_REQUEST_PRICE_USD } from './cost.ts';

const close = (a: number, b: number): void => assert.ok(Math.abs(a - b) < 1e-15, `${a} != ${b}`);

test('request price plus GB-seconds at the x86_64 price', () => {
  // 128 MB for 1 s = 0.125 GB-s.
  close(estimateCostUsd({ billedDurationMs: 1000, memorySizeMb: 128, architecture: 'x86_64' }), 0.0000002 + 0.125 * 0.0000166667);
  // 1 GB for 100 ms = 0.1 GB-s.
  close(estimateCostUsd({ billedDurationMs: 100, memorySizeMb: 1024, architecture: 'x86_64' }), 0.0000002 + 0.1 * 0.0000166667);
});

test('arm64 is 20% cheaper per GB-second; unknown architecture is priced as x86_64', () => {
  const arm = estimateCostUsd({ billedDurationMs: 1000, memorySizeMb: 1024, architecture: 'arm64' });
  close(arm, LAMBDA_REQUEST_PRICE_USD + LAMBDA_GB_SECOND_PRICE_USD.arm64);
  assert.equal(estimateCostUsd({ billedDurationMs: 1000, memorySizeMb: 1024, architecture: null }), estimateCostUsd({ billedDurationMs: 1000, memorySizeMb: 1024, architecture: 'x86_64' }));
  assert.ok(arm < estimateCostUsd({ billedDurationMs: 1000, memorySizeMb: 1024, architecture: 'x86_64' }));
});

test('billed duration is charged as reported (it already holds the init phase); restore is added', () => {
  // Duration 600000.00 ms + Init Duration 476.75 ms was reported as Billed Duration 600477 ms.
  const cold = estimateCostUsd({ billedDurationMs: 600477, memorySizeMb: 1536, architecture: 'x86_64' });
  close(cold, 0.0000002 + 1.5 * 600.477 * 0.0000166667);
  const snap = estimateCostUsd({ billedDurationMs: 154, memorySizeMb: 2048, architecture: 'x86_64', billedRestoreDurationMs: 26 });
  close(snap, 0.0000002 + 2 * 0.18 * 0.0000166667);
});

test('nonsense input costs nothing rather than NaN', () => {
  assert.equal(estimateCostUsd({ billedDurationMs: Number.NaN, memorySizeMb: 128, architecture: null }), 0);
  assert.equal(estimateCostUsd({ billedDurationMs: 10, memorySizeMb: 0, architecture: null }), 0);
});
