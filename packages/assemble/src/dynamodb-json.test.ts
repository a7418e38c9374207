import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isAttributeValue, isTypedItem, plainItem, plainValue } from './dynamodb-json.ts';

test('typed DynamoDB values read in plain form, nested maps and lists too', () => {
  const item = { id: { S: 'ord-1' }, qty: { N: '2' }, gift: { BOOL: false }, note: { NULL: true }, to: { M: { phone: { S: '' } } }, tags: { L: [{ S: 'a' }, { N: '1' }] }, sizes: { SS: ['s', 'm'] } };
  assert.equal(isTypedItem(item), true);
  assert.deepEqual(plainItem(item), { id: 'ord-1', qty: '2', gift: false, note: null, to: { phone: '' }, tags: ['a', '1'], sizes: ['s', 'm'] });
});

test('plain JSON is left alone: not every one-key object is a typed value', () => {
  assert.equal(isAttributeValue({ S: 1 }), false);
  assert.equal(isAttributeValue({ S: 'x', N: '1' }), false);
  assert.equal(isAttributeValue({ X: 'x' }), false);
  assert.equal(isTypedItem({ phone: '', id: { S: 'x' } }), false);
  assert.equal(isTypedItem({}), false);
  assert.deepEqual(plainValue({ size: 'm' }), { size: 'm' });
});
