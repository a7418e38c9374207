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

test('the transactions list and the service map take the window and filters', () => {
  assert.equal(
    endpoints.transactions({ ...w, entry: 'POST /orders', status: 'error', limit: 100 }),
    '/api/transactions?from=2025-11-23T17%3A00%3A00.000Z&to=2025-11-23T18%3A00%3A00.000Z&status=error&entry=POST+%2Forders&limit=100',
  );
  assert.equal(endpoints.transactions({ user: 'u-1', function: '' }), '/api/transactions?user=u-1');
  assert.equal(endpoints.serviceMap(w), '/api/service-map?from=2025-11-23T17%3A00%3A00.000Z&to=2025-11-23T18%3A00%3A00.000Z');
});

test('transactions are looked up by any id, encoded; logs of one invocation', () => {
  assert.equal(endpoints.transaction('990105c0-14b6-4d8e-a91d-56b5d5abb6b5'), '/api/transactions/990105c0-14b6-4d8e-a91d-56b5d5abb6b5');
  assert.equal(endpoints.transaction('1-6b04bd46/c7c0 e8'), '/api/transactions/1-6b04bd46%2Fc7c0%20e8');
  assert.equal(endpoints.logs({ requestId: 'r-1', limit: 500 }), '/api/logs?requestId=r-1&limit=500');
});
