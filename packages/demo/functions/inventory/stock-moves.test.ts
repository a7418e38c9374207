// inventory's lifecycle rules: reserve on insert, sell or release once when the order leaves PENDING.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { countedItems, stockMove } from './stock-moves.ts';

describe('stockMove', () => {
  it('maps order changes to stock moves, once', () => {
    assert.equal(stockMove('INSERT', undefined, { status: 'PENDING' }), 'reserve');
    assert.equal(stockMove('MODIFY', { status: 'PENDING' }, { status: 'PAID' }), 'sell');
    assert.equal(stockMove('MODIFY', { status: 'PENDING' }, { status: 'CONFIRMED' }), 'sell');
    assert.equal(stockMove('MODIFY', { status: 'PAID' }, { status: 'CONFIRMED' }), undefined, 'already sold');
    assert.equal(stockMove('MODIFY', { status: 'PENDING' }, { status: 'PAYMENT_FAILED' }), 'release');
    assert.equal(stockMove('MODIFY', { status: 'PAYMENT_FAILED' }, { status: 'PAYMENT_FAILED' }), undefined, 'failedAt stamp');
    assert.equal(stockMove('REMOVE', { status: 'PENDING' }, undefined), 'release');
    assert.equal(stockMove('REMOVE', { status: 'CONFIRMED' }, undefined), undefined);
  });

  it('counts only whole positive quantities', () => {
    const { valid, skipped } = countedItems({ items: [{ sku: 'a', quantity: 2 }, { sku: 'b', quantity: 'two' }, { sku: 'c', quantity: 0 }] });
    assert.deepEqual(valid, [{ sku: 'a', quantity: 2 }]);
    assert.equal(skipped.length, 2);
  });
});
