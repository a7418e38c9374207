import { test } from 'node:test';
import assert from 'node:assert/strict';
import { metricNumber, parseDurationMs, parseMemoryMb } from './units.ts';

test('durations in ms, s, us', () => {
  assert.equal(parseDurationMs('102.25 ms'), 102.25);
  assert.equal(parseDurationMs('103 ms'), 103);
  assert.equal(parseDurationMs('1.5 s'), 1500);
  assert.equal(parseDurationMs('250 us'), 0.25);
  assert.equal(parseDurationMs('7'), 7);
  assert.equal(parseDurationMs('fast'), null);
  assert.equal(parseDurationMs('3 parsecs'), null);
});

test('memory in MB, GB, KB and bytes, unitless bytes above any Lambda size', () => {
  assert.equal(parseMemoryMb('128 MB'), 128);
  assert.equal(parseMemoryMb('1 GB'), 1024);
  assert.equal(parseMemoryMb('131072 KB'), 128);
  assert.equal(parseMemoryMb('134217728 bytes'), 128);
  assert.equal(parseMemoryMb('73400320 B'), 70);
  assert.equal(parseMemoryMb('10240'), 10240);
  assert.equal(parseMemoryMb('536870912'), 512);
  assert.equal(parseMemoryMb('lots'), null);
});

test('JSON metric values', () => {
  assert.equal(metricNumber(12.5), 12.5);
  assert.equal(metricNumber('12.5'), 12.5);
  assert.equal(metricNumber(-1), null);
  assert.equal(metricNumber(Number.NaN), null);
  assert.equal(metricNumber(Infinity), null);
  assert.equal(metricNumber('x'), null);
  assert.equal(metricNumber(null), null);
});
