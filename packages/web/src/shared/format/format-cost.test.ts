/// <reference types="node" />
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatCost } from './format-cost';

test('tiny costs keep significant digits', () => {
  assert.equal(formatCost(0.0000021), '$0.0000021');
  assert.equal(formatCost(0.000002134), '$0.00000213');
  assert.equal(formatCost(0.0123), '$0.0123');
  assert.equal(formatCost(0.5), '$0.5');
});

test('totals read like money', () => {
  assert.equal(formatCost(12.345), '$12.35');
  assert.equal(formatCost(1234.5), '$1,234.50');
  assert.equal(formatCost(0), '$0');
  assert.equal(formatCost(null), '—');
});
