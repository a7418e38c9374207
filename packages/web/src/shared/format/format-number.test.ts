/// <reference types="node" />
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatBytes, formatCount, formatMb, formatPercent } from './format-number';

test('counts get thousands separators', () => {
  assert.equal(formatCount(0), '0');
  assert.equal(formatCount(1234567), '1,234,567');
  assert.equal(formatCount(null), '—');
});

test('percentages keep precision for small ratios', () => {
  assert.equal(formatPercent(0), '0%');
  assert.equal(formatPercent(0.00005), '<0.01%');
  assert.equal(formatPercent(0.0005), '0.05%');
  assert.equal(formatPercent(0.042), '4.2%');
  assert.equal(formatPercent(0.5), '50%');
  assert.equal(formatPercent(1), '100%');
});

test('memory and bytes', () => {
  assert.equal(formatMb(128), '128 MB');
  assert.equal(formatMb(10240), '10,240 MB');
  assert.equal(formatBytes(512), '512 B');
  assert.equal(formatBytes(1536), '1.5 KB');
  assert.equal(formatBytes(5 * 1024 * 1024), '5 MB');
});
