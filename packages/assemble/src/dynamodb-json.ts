// DynamoDB's typed JSON (stream records' NewImage, OldImage and Keys, the low-level API's items):
// {"phone": {"S": ""}, "qty": {"N": "2"}} holds the same fields as {"phone": "", "qty": "2"}. Payload
// evidence and lineage read the plain form, so that an empty field or an id inside a stream record
// is seen as it is in any other payload.

const SCALAR = new Set(['S', 'N', 'B', 'BOOL', 'NULL']);
const SETS = new Set(['SS', 'NS', 'BS']);

/** Whether `v` is one typed DynamoDB value ({"S": "..."}, {"M": {...}}, {"NULL": true}...). */
export function isAttributeValue(v: unknown): boolean {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const entries = Object.entries(v);
  if (entries.length !== 1) return false;
  const [type, x] = entries[0] as [string, unknown];
  if (type === 'S' || type === 'N' || type === 'B') return typeof x === 'string';
  if (type === 'BOOL' || type === 'NULL') return typeof x === 'boolean';
  if (type === 'M') return x !== null && typeof x === 'object' && !Array.isArray(x);
  if (type === 'L') return Array.isArray(x);
  return SETS.has(type) && Array.isArray(x);
}

/** Whether `v` is an item in typed form: an object all of whose values are typed values. */
export function isTypedItem(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const values = Object.values(v);
  return values.length > 0 && values.every(isAttributeValue);
}

/** The plain value of a typed one (numbers stay strings, as DynamoDB sends them); others unchanged. */
export function plainValue(v: unknown): unknown {
  if (!isAttributeValue(v)) return v;
  const [type, x] = Object.entries(v as object)[0] as [string, unknown];
  if (type === 'NULL') return null;
  if (SCALAR.has(type) || SETS.has(type)) return x;
  if (type === 'L') return (x as unknown[]).map(plainValue);
  return plainItem(x as Record<string, unknown>);
}

/** An item in typed form as a plain object. */
export function plainItem(item: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(item).map(([k, x]) => [k, plainValue(x)]));
}
