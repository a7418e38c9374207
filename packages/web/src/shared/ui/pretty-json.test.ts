/// <reference types="node" />
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prettyJson, splitJsonTail } from './pretty-json';

test('pretty-prints objects and arrays only', () => {
  assert.equal(prettyJson('{"a":1}'), '{\n  "a": 1\n}');
  assert.equal(prettyJson(' [1] '), '[\n  1\n]');
  assert.equal(prettyJson('42'), null);
  assert.equal(prettyJson('{not json}'), null);
  assert.equal(prettyJson('plain text'), null);
});

test('finds JSON after a Lambda log prefix', () => {
  const line = '2025-11-23T18:00:00.000Z\tabc-123\tINFO\t{"orderId":"o-1"}';
  assert.deepEqual(splitJsonTail(line), { prefix: '2025-11-23T18:00:00.000Z\tabc-123\tINFO', json: '{\n  "orderId": "o-1"\n}' });
  assert.equal(splitJsonTail('no json here'), null);
});
