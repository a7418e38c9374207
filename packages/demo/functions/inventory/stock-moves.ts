// What a change of an order means for stock: reserve on INSERT, reserved -> sold when it is paid,
// release when payment fails or the order is removed while still reserved.
import type { OrderItem } from '../shared/order.ts';

export type StockMove = 'reserve' | 'sell' | 'release';

interface OrderImage {
  status?: unknown;
  items?: unknown;
}

const SOLD = new Set(['PAID', 'CONFIRMED']);

export function stockMove(eventName: string | undefined, oldImage: OrderImage | undefined, newImage: OrderImage | undefined): StockMove | undefined {
  const before = oldImage?.status;
  const after = newImage?.status;
  if (eventName === 'INSERT') return 'reserve';
  if (eventName === 'REMOVE') return before === 'PENDING' ? 'release' : undefined;
  if (eventName !== 'MODIFY' || before === after || before !== 'PENDING') return undefined;
  if (typeof after === 'string' && SOLD.has(after)) return 'sell';
  if (after === 'PAYMENT_FAILED') return 'release';
  return undefined;
}

/** The items of an image whose quantity is a usable number (others are skipped with a warning). */
export function countedItems(image: OrderImage | undefined): { valid: { sku: string; quantity: number }[]; skipped: OrderItem[] } {
  const items = Array.isArray(image?.items) ? (image.items as OrderItem[]) : [];
  const valid: { sku: string; quantity: number }[] = [];
  const skipped: OrderItem[] = [];
  for (const item of items) {
    if (typeof item.quantity === 'number' && Number.isInteger(item.quantity) && item.quantity > 0) valid.push({ sku: item.sku, quantity: item.quantity });
    else skipped.push(item);
  }
  return { valid, skipped };
}
