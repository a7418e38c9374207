/// <reference types="node" />
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { paths, withRange } from './paths';

test('routes encode names and ids', () => {
  assert.equal(paths.function('orders-api'), '/functions/orders-api');
  assert.equal(paths.invocation('a/b', 'req 1'), '/functions/a%2Fb/invocations/req%201');
  assert.equal(paths.trace('0af7651916cd43dd8448eb211c80319c'), '/traces/0af7651916cd43dd8448eb211c80319c');
  assert.equal(paths.transaction('990105c0-14b6-4d8e'), '/transactions/990105c0-14b6-4d8e');
  assert.equal(paths.transaction('msg/1 2'), '/transactions/msg%2F1%202');
});

test('the transactions list carries its filters in the query', () => {
  assert.equal(paths.transactions(), '/transactions');
  assert.equal(paths.transactions({ entry: 'POST /orders', status: 'error' }), '/transactions?entry=POST+%2Forders&status=error');
  assert.equal(paths.transactions({ user: 'u-1', status: 'error' }), '/transactions?user=u-1&status=error');
  assert.equal(withRange(paths.transactions({ user: 'u 1' }), '1h', '24h'), '/transactions?user=u+1&range=1h');
  assert.equal(paths.serviceMap(), '/service-map');
});

test('links keep a non-default range', () => {
  assert.equal(withRange('/logs', '1h', '24h'), '/logs?range=1h');
  assert.equal(withRange('/logs?q=x', '1h', '24h'), '/logs?q=x&range=1h');
  assert.equal(withRange('/logs', '24h', '24h'), '/logs');
  assert.equal(withRange('/logs', null, '24h'), '/logs');
});
