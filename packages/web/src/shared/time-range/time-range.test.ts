/// <reference types="node" />
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_RANGE, parseRange, rangeLabel, rangeMs, rangeWindow, seriesStepSeconds } from './time-range';

test('range keys parse to milliseconds', () => {
  assert.equal(rangeMs('15m'), 15 * 60_000);
  assert.equal(rangeMs('1h'), 3_600_000);
  assert.equal(rangeMs('7d'), 7 * 86_400_000);
  assert.equal(rangeMs('30s'), null);
  assert.equal(rangeMs('0h'), null);
  assert.equal(rangeMs('1000d'), null);
  assert.equal(rangeMs('abc'), null);
});

test('the URL value falls back to the default', () => {
  assert.equal(parseRange('1h'), '1h');
  assert.equal(parseRange('2h'), '2h');
  assert.equal(parseRange(null), DEFAULT_RANGE);
  assert.equal(parseRange('yesterday'), DEFAULT_RANGE);
});

test('labels', () => {
  assert.equal(rangeLabel('15m'), '15 m');
  assert.equal(rangeLabel('2h'), '2 h');
});

test('window ends now', () => {
  const now = Date.parse('2025-11-23T18:00:00.000Z');
  const w = rangeWindow('1h', now);
  assert.equal(w.from, '2025-11-23T17:00:00.000Z');
  assert.equal(w.to, '2025-11-23T18:00:00.000Z');
  assert.equal(w.toMs - w.fromMs, 3_600_000);
});

test('chart steps stay readable and never below a minute', () => {
  assert.equal(seriesStepSeconds(15 * 60_000), 60);
  assert.equal(seriesStepSeconds(3_600_000), 60);
  assert.equal(seriesStepSeconds(6 * 3_600_000), 600);
  assert.equal(seriesStepSeconds(24 * 3_600_000), 1800);
  assert.equal(seriesStepSeconds(7 * 86_400_000), 10800);
});
