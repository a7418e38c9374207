/// <reference types="node" />
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildQuery, withQuery } from './query-string';

test('skips empty values and encodes the rest', () => {
  assert.equal(buildQuery({}), '');
  assert.equal(buildQuery({ a: undefined, b: null, c: '' }), '');
  assert.equal(buildQuery({ q: 'a b&c', limit: 50, coldStart: true }), '?q=a+b%26c&limit=50&coldStart=true');
  assert.equal(withQuery('/api/logs', { level: 'error' }), '/api/logs?level=error');
});
