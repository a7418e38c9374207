// Reads a POST /orders body. Checks the shape a client could get wrong (items, skus, customer
// fields) but, as a known gap, never that a quantity is a number.
import type { Customer, OrderItem } from '../shared/order.ts';
import { isKnownSku } from '../shared/prices.ts';

export class BadRequestError extends Error {
  override name = 'BadRequestError';
}

export interface OrderRequest {
  items: OrderItem[];
  customer: Customer;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function parseOrderRequest(body: string | undefined, isBase64Encoded: boolean): OrderRequest {
  if (body === undefined || body === '') throw new BadRequestError('request body is empty');
  let parsed: unknown;
  try {
    parsed = JSON.parse(isBase64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body);
  } catch {
    throw new BadRequestError('request body is not JSON');
  }
  if (!isObject(parsed)) throw new BadRequestError('request body must be an object');
  const { items, customer } = parsed;
  if (!Array.isArray(items) || items.length === 0) throw new BadRequestError('items must be a non-empty array');
  const orderItems = items.map((item: unknown, i): OrderItem => {
    if (!isObject(item) || typeof item.sku !== 'string') throw new BadRequestError(`items[${i}].sku is missing`);
    if (!isKnownSku(item.sku)) throw new BadRequestError(`items[${i}].sku ${item.sku} is not sold here`);
    if (item.quantity === undefined) throw new BadRequestError(`items[${i}].quantity is missing`);
    return { sku: item.sku, quantity: item.quantity };
  });
  if (!isObject(customer)) throw new BadRequestError('customer is missing');
  const { name, email, phone } = customer;
  if (typeof name !== 'string' || name === '') throw new BadRequestError('customer.name is missing');
  if (typeof email !== 'string' || !email.includes('@')) throw new BadRequestError('customer.email is not an email address');
  return { items: orderItems, customer: { name, email, phone: typeof phone === 'string' ? phone : '' } };
}
