/// <reference types="node" />
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { InvocationItem } from '@nightjar/model';
import { mergePages, olderCursor, sortNewestFirst } from './merge-pages';

function inv(id: string, second: number | null, status: InvocationItem['status'] = 'success'): InvocationItem {
  return {
    function: 'orders',
    requestId: id,
    version: '$LATEST',
    region: 'eu-west-1',
    start: second === null ? null : new Date(Date.UTC(2025, 10, 23, 18, 0, second)).toISOString(),
    durationMs: 10,
    billedDurationMs: 10,
    memorySizeMb: 128,
    maxMemoryUsedMb: 64,
    initDurationMs: null,
    coldStart: false,
    status,
    errorType: null,
    errorMessage: null,
    costUsd: 0.000001,
    traceId: null,
    sources: ['report-log'],
  };
}
const ids = (items: InvocationItem[]): string[] => items.map((i) => i.requestId);

test('first page alone', () => {
  assert.deepEqual(ids(mergePages([inv('b', 2), inv('a', 1)], [], 2).items), ['b', 'a']);
});

test('refreshed first page joins the older pages without duplicates, fresh copy wins', () => {
  const older = [inv('c', 3), inv('b', 2), inv('a', 1)];
  const first = [inv('d', 4, 'error'), inv('c', 3, 'timeout')];
  const m = mergePages(first, older, 2);
  assert.equal(m.gap, false);
  assert.deepEqual(ids(m.items), ['d', 'c', 'b', 'a']);
  assert.equal(m.items[1]?.status, 'timeout');
});

test('a full first page that no longer touches the older rows drops them', () => {
  const m = mergePages([inv('z', 50), inv('y', 49)], [inv('b', 2), inv('a', 1)], 2);
  assert.equal(m.gap, true);
  assert.deepEqual(ids(m.items), ['z', 'y']);
});

test('a short first page is complete, so nothing can hide', () => {
  const m = mergePages([inv('z', 50)], [inv('b', 2)], 2);
  assert.equal(m.gap, false);
  assert.deepEqual(ids(m.items), ['z', 'b']);
});

test('cursor is the oldest start; rows without start sort last', () => {
  assert.equal(olderCursor([inv('b', 2), inv('a', 1), inv('n', null)]), inv('a', 1).start);
  assert.equal(olderCursor([]), null);
  assert.deepEqual(ids(sortNewestFirst([inv('n', null), inv('a', 1), inv('b', 2)])), ['b', 'a', 'n']);
});
