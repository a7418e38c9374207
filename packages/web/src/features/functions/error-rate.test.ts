/// <reference types="node" />
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorRateSeverity } from './error-rate';

test('error rates map to colour bands', () => {
  assert.equal(errorRateSeverity(0), 'ok');
  assert.equal(errorRateSeverity(0.01), 'warn');
  assert.equal(errorRateSeverity(0.049), 'warn');
  assert.equal(errorRateSeverity(0.05), 'bad');
  assert.equal(errorRateSeverity(0.5), 'bad');
  assert.equal(errorRateSeverity(0, 0), 'none');
  assert.equal(errorRateSeverity(null), 'none');
});
