import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareNs, isoToNs, subtractMsFromNs } from './iso-time.ts';

test('ISO times to ns keep sub-millisecond digits', () => {
  assert.equal(isoToNs('2022-10-12T00:00:15.064Z'), '1665532815064000000');
  assert.equal(isoToNs('2025-11-30T22:35:51.565857Z'), '1764542151565857000');
  assert.equal(isoToNs('2025-11-30T22:35:51.123456789Z'), '1764542151123456789');
  assert.equal(isoToNs('2024-01-10T09:30:12Z'), '1704879012000000000');
  assert.equal(isoToNs('2024-01-10T10:30:12+01:00'), '1704879012000000000');
  assert.equal(isoToNs('1970-01-01T00:00:00.5Z'), '500000000');
  assert.equal(isoToNs('yesterday'), null);
  assert.equal(isoToNs('2024-13-01T00:00:00Z'), null);
});

test('subtracting a duration, and ordering ns strings', () => {
  assert.equal(subtractMsFromNs('1700000000102250000', 102.25), '1700000000000000000');
  assert.equal(subtractMsFromNs('1000', 1), null);
  assert.ok(compareNs('999', '1000') < 0);
  assert.ok(compareNs('1001', '1000') > 0);
  assert.equal(compareNs('1000', '1000'), 0);
});
