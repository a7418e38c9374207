// The DynamoDB attribute converter: round trips of the shapes the shop stores, stream image input.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fromItem, toItem } from './dynamo-item.ts';

describe('dynamo-item', () => {
  it('round-trips an order', () => {
    const order = { orderId: 'o1', amount: 12.5, paid: true, note: null, items: [{ sku: 'a', quantity: 2 }, { sku: 'b', quantity: 'two' }], customer: { name: 'A', phone: '' } };
    const item = toItem({ ...order, skipped: undefined });
    assert.deepEqual(item.amount, { N: '12.5' });
    assert.deepEqual(item.items, { L: [{ M: { sku: { S: 'a' }, quantity: { N: '2' } } }, { M: { sku: { S: 'b' }, quantity: { S: 'two' } } }] });
    assert.equal('skipped' in item, false);
    assert.deepEqual(fromItem(item), order);
  });

  it('reads stream images (sets, binary as base64)', () => {
    assert.deepEqual(fromItem({ tags: { SS: ['x', 'y'] }, n: { NS: ['1', '2'] }, b: { B: 'aGk=' } }), { tags: ['x', 'y'], n: [1, 2], b: Buffer.from('hi') });
    assert.throws(() => fromItem({ x: { Q: 1 } }), TypeError);
  });
});
