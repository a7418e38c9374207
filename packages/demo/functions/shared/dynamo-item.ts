// A tiny DynamoDB attribute-value converter (@aws-sdk/util-dynamodb is not installed): plain values
// to typed attributes and back, for items, keys and stream images.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';

export function toAttr(value: unknown): AttributeValue {
  if (value === null || value === undefined) return { NULL: true };
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'number') return { N: String(value) };
  if (typeof value === 'boolean') return { BOOL: value };
  if (value instanceof Uint8Array) return { B: value };
  if (Array.isArray(value)) return { L: value.map(toAttr) };
  if (typeof value === 'object') return { M: toItem(value as Record<string, unknown>) };
  throw new TypeError(`cannot store a ${typeof value} in DynamoDB`);
}

/** Undefined fields are left out, as the SDK's marshall does with removeUndefinedValues. */
export function toItem(obj: Record<string, unknown>): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const [k, v] of Object.entries(obj)) if (v !== undefined) out[k] = toAttr(v);
  return out;
}

/** Typed attribute (from the SDK or a stream record) to a plain value. */
export function fromAttr(attr: unknown): unknown {
  const a = attr as Record<string, unknown>;
  if ('S' in a) return a.S;
  if ('N' in a) return Number(a.N);
  if ('BOOL' in a) return a.BOOL;
  if ('NULL' in a) return null;
  if ('L' in a) return (a.L as unknown[]).map(fromAttr);
  if ('M' in a) return fromItem(a.M as Record<string, unknown>);
  if ('SS' in a) return [...(a.SS as string[])];
  if ('NS' in a) return (a.NS as string[]).map(Number);
  if ('B' in a) return typeof a.B === 'string' ? Buffer.from(a.B, 'base64') : a.B;
  if ('BS' in a) return [...(a.BS as unknown[])];
  throw new TypeError(`unknown DynamoDB attribute ${JSON.stringify(Object.keys(a))}`);
}

export function fromItem(item: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item)) out[k] = fromAttr(v);
  return out;
}
