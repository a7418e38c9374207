import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hash53, resourceId } from './resource-ids.ts';

test('the id depends on the content, not on key order or object identity', () => {
  const a = resourceId({ 'service.name': 'x', 'cloud.region': 'eu-west-1' });
  const b = resourceId({ 'cloud.region': 'eu-west-1', 'service.name': 'x' });
  assert.equal(a, b);
  assert.notEqual(a, resourceId({ 'service.name': 'x', 'cloud.region': 'us-east-1' }));
  assert.notEqual(resourceId({ ab: 'c' }), resourceId({ a: 'bc' }), 'key/value boundaries count');
  assert.equal(resourceId({}), 0);
});

test('ids are positive safe integers and spread over many values', () => {
  const seen = new Set<number>();
  for (let i = 0; i < 20_000; i++) {
    const id = hash53(`faas.instance\u0001${i}\u0002`);
    assert.ok(Number.isSafeInteger(id) && id >= 0);
    seen.add(id);
  }
  assert.equal(seen.size, 20_000);
});
