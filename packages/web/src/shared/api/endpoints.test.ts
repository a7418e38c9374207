/// <reference types="node" />
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { endpoints } from './endpoints';

const w = { from: '2025-11-23T17:00:00.000Z', to: '2025-11-23T18:00:00.000Z' };

test('path segments are encoded', () => {
  assert.equal(endpoints.invocation('shop/checkout', 'a b'), '/api/invocations/shop%2Fcheckout/a%20b');
  assert.equal(endpoints.trace('abc'), '/api/traces/abc');
  assert.equal(
    endpoints.functionSeries('orders', w, 60),
    '/api/functions/orders/series?from=2025-11-23T17%3A00%3A00.000Z&to=2025-11-23T18%3A00%3A00.000Z&step=60',
  );
});

test('invocation filters only appear when set', () => {
  assert.equal(endpoints.invocations({ function: 'orders', limit: 50 }), '/api/invocations?function=orders&limit=50');
  assert.equal(
    endpoints.invocations({ function: 'orders', status: 'timeout', coldStart: true, before: '2025-11-23T17:30:00.000Z' }),
    '/api/invocations?function=orders&status=timeout&coldStart=true&before=2025-11-23T17%3A30%3A00.000Z',
  );
  assert.equal(endpoints.ingestErrors(100), '/api/ingest-errors?limit=100');
});
