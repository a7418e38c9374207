// Order totals: the quote orders-api stores tolerates a bad quantity; the charged amount throws a
// TypeError for it (the poison message).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chargeAmount, PRICES, quoteAmount } from './prices.ts';

describe('prices', () => {
  it('sums quantity x unit price in cents', () => {
    const items = [{ sku: 'sku-mug', quantity: 2 }, { sku: 'sku-kettle', quantity: 1 }];
    assert.equal(chargeAmount(items), 2 * PRICES['sku-mug']! + PRICES['sku-kettle']!);
    assert.equal(quoteAmount(items), chargeAmount(items));
  });

  it('a non-numeric quantity: the quote counts it as nothing, the charge throws TypeError', () => {
    const poison = [{ sku: 'sku-mug', quantity: 'two' }, { sku: 'sku-kettle', quantity: 1 }];
    assert.equal(quoteAmount(poison), PRICES['sku-kettle']);
    assert.throws(() => chargeAmount(poison), (e: unknown) => e instanceof TypeError && /quantity of sku-mug is not a whole number: "two"/.test(e.message));
    assert.throws(() => chargeAmount([{ sku: 'sku-mug', quantity: 1.5 }]), TypeError);
    assert.throws(() => chargeAmount([{ sku: 'sku-nope', quantity: 1 }]), RangeError);
  });
});
