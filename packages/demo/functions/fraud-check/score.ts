// The fraud score of an order: deterministic from its amount and items. Large orders score high;
// a stable hash of the basket spreads them, so only a small share of very large ones is denied.
import { createHash } from 'node:crypto';

export type Decision = 'allow' | 'review' | 'deny';

export interface FraudInput {
  orderId?: string;
  amount: number;
  items: { sku: string; quantity: unknown }[];
}

/** 0..1 from the basket's content (same basket, same value). */
function basketHash(input: FraudInput): number {
  const digest = createHash('sha1').update(JSON.stringify([input.amount, input.items])).digest();
  return digest.readUInt32BE(0) / 0xffffffff;
}

export function scoreOrder(input: FraudInput): { decision: Decision; score: number } {
  const quantity = input.items.reduce((n, i) => n + (typeof i.quantity === 'number' ? i.quantity : 0), 0);
  const score = Math.min(100, Math.round(input.amount / 2500 + Math.max(0, quantity - 5) * 2 + basketHash(input) * 20));
  const decision: Decision = score >= 90 ? 'deny' : score >= 50 ? 'review' : 'allow';
  return { decision, score };
}
