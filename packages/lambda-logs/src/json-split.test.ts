import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitJsonObjects } from './json-split.ts';

test('one, newline-separated and back-to-back objects; braces inside strings do not count', () => {
  assert.deepEqual(splitJsonObjects('{"a":1}'), ['{"a":1}']);
  assert.deepEqual(splitJsonObjects('{"a":1}\n{"b":[2]}\n'), ['{"a":1}', '{"b":[2]}']);
  assert.deepEqual(splitJsonObjects('{"a":"}{\\"x"}{"b":2}'), ['{"a":"}{\\"x"}', '{"b":2}']);
  assert.equal(splitJsonObjects('{"a":1} trailing'), null);
  assert.equal(splitJsonObjects('[1,2]'), null);
  assert.equal(splitJsonObjects('{"a":1'), null);
  assert.deepEqual(splitJsonObjects('  '), []);
});
