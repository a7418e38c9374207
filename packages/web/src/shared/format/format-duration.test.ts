/// <reference types="node" />
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDuration, formatDurationTick } from './format-duration';

test('formats sub-millisecond, millisecond, second and minute durations', () => {
  assert.equal(formatDuration(0), '0 ms');
  assert.equal(formatDuration(0.42), '0.42 ms');
  assert.equal(formatDuration(4.2), '4.2 ms');
  assert.equal(formatDuration(12.34), '12.3 ms');
  assert.equal(formatDuration(845.4), '845 ms');
  assert.equal(formatDuration(1000), '1 s');
  assert.equal(formatDuration(1240), '1.24 s');
  assert.equal(formatDuration(12_345), '12.3 s');
  assert.equal(formatDuration(125_000), '2 m 05 s');
  assert.equal(formatDuration(3_725_000), '1 h 02 m');
});

test('missing values become a dash', () => {
  assert.equal(formatDuration(null), '—');
  assert.equal(formatDuration(undefined), '—');
  assert.equal(formatDuration(Number.NaN), '—');
});

test('axis ticks show a bare zero', () => {
  assert.equal(formatDurationTick(0), '0');
  assert.equal(formatDurationTick(1500), '1.5 s');
});
