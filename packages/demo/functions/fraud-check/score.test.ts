// fraud-check's score: deterministic, small orders allowed, only some very large ones denied.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { scoreOrder } from './score.ts';

describe('scoreOrder', () => {
  it('is deterministic and allows ordinary orders', () => {
    const order = { orderId: 'o', amount: 4997, items: [{ sku: 'sku-mug', quantity: 2 }, { sku: 'sku-beans-250g', quantity: 1 }] };
    assert.deepEqual(scoreOrder(order), scoreOrder({ ...order }));
    assert.equal(scoreOrder(order).decision, 'allow');
  });

  it('denies a small share of very large orders and no ordinary ones', () => {
    const decisions = (amount: number, quantity: number) =>
      Array.from({ length: 200 }, (_, i) => scoreOrder({ amount: amount + i, items: [{ sku: 'sku-espresso-machine', quantity }] }).decision);
    const ordinary = decisions(20_000, 1);
    assert.equal(ordinary.filter((d) => d === 'deny').length, 0);
    const large = decisions(194_700, 3);
    const denied = large.filter((d) => d === 'deny').length;
    assert.ok(denied > 20 && denied < 140, `${denied} of 200 denied`);
    assert.ok(large.includes('review'));
  });
});
