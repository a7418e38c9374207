/// <reference types="node" />
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareValues, nextSort, sortRows } from './sort';

interface Row {
  name: string;
  p95: number | null;
}
const rows: Row[] = [
  { name: 'b-fn', p95: 20 },
  { name: 'a-fn', p95: null },
  { name: 'c-fn', p95: 5 },
  { name: 'fn-10', p95: 20 },
  { name: 'fn-9', p95: 1 },
];
const value = (r: Row, key: 'name' | 'p95') => r[key];

test('numbers sort both ways with missing values last', () => {
  assert.deepEqual(sortRows(rows, { key: 'p95', dir: 'desc' }, value).map((r) => r.name), ['b-fn', 'fn-10', 'c-fn', 'fn-9', 'a-fn']);
  assert.deepEqual(sortRows(rows, { key: 'p95', dir: 'asc' }, value).map((r) => r.name), ['fn-9', 'c-fn', 'b-fn', 'fn-10', 'a-fn']);
});

test('strings sort naturally', () => {
  assert.deepEqual(sortRows(rows, { key: 'name', dir: 'asc' }, value).map((r) => r.name), ['a-fn', 'b-fn', 'c-fn', 'fn-9', 'fn-10']);
  assert.ok(compareValues('2025-11-23T10:00:00.000Z', '2025-11-23T09:00:00.000Z', 'asc') > 0);
});

test('header clicks flip or switch', () => {
  assert.deepEqual(nextSort({ key: 'name', dir: 'asc' }, 'name', 'asc'), { key: 'name', dir: 'desc' });
  assert.deepEqual(nextSort({ key: 'name', dir: 'asc' }, 'p95', 'desc'), { key: 'p95', dir: 'desc' });
});
