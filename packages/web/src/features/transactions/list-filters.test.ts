/// <reference types="node" />
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hasListFilters, readListFilters, writeListFilters } from './list-filters';

test('filters are read from the URL; blank text and unknown statuses are no filter', () => {
  const f = readListFilters(new URLSearchParams('entry=POST+%2Forders&status=error&user=%20u-1%20&function=&range=1h'));
  assert.deepEqual(f, { entry: 'POST /orders', status: 'error', user: 'u-1' });
  assert.deepEqual(readListFilters(new URLSearchParams('status=failed')), {});
  assert.equal(hasListFilters({}), false);
  assert.equal(hasListFilters(f), true);
});

test('writing filters keeps the range and drops cleared ones', () => {
  const next = writeListFilters(new URLSearchParams('range=1h&user=u-1&status=error'), { status: 'ok', function: 'notify', user: ' ' });
  assert.equal(next.toString(), 'range=1h&status=ok&function=notify');
});
