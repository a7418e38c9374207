// The shop's small price list (cents) and order totals: the lenient quote orders-api shows and the
// strict amount process-payment charges.
import type { OrderItem } from './order.ts';

export const PRICES: Readonly<Record<string, number>> = {
  'sku-beans-250g': 1299,
  'sku-beans-1kg': 3999,
  'sku-filter-papers': 499,
  'sku-mug': 1899,
  'sku-grinder': 8999,
  'sku-kettle': 5499,
  'sku-espresso-machine': 64900,
};

export function isKnownSku(sku: string): boolean {
  return Object.hasOwn(PRICES, sku);
}

function unitPrice(sku: string): number {
  const price = PRICES[sku];
  if (price === undefined) throw new RangeError(`unknown sku ${sku}`);
  return price;
}

/** What orders-api stores: quantities are taken as given (`Number(q)`), a non-number counts as 0. */
export function quoteAmount(items: readonly OrderItem[]): number {
  return items.reduce((sum, item) => {
    const line = unitPrice(item.sku) * Number(item.quantity);
    return Number.isFinite(line) ? sum + line : sum;
  }, 0);
}

/** What is charged: every quantity must be a whole number; anything else throws a TypeError. */
export function chargeAmount(items: readonly OrderItem[]): number {
  return items.reduce((sum, item) => {
    const q = item.quantity;
    if (typeof q !== 'number' || !Number.isInteger(q)) throw new TypeError(`quantity of ${item.sku} is not a whole number: ${JSON.stringify(q)}`);
    return sum + unitPrice(item.sku) * q;
  }, 0);
}
