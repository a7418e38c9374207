// Payload lineage through batches: a batch consumer received many records, and the record that
// failed came from one producer among many. The identifiers carried by the failing record (values of
// keys named like ids: orderId, userId, MessageId...) are looked for in each upstream candidate's
// input and output, so that the walk upstream follows the failing record's own producers. DynamoDB
// stream records' typed items are read in their plain form.
import { isTypedItem, plainItem } from './dynamodb-json.ts';

const MAX_DEPTH = 8;
const ID_KEY = /(^id$|id$|Id$|ID$|_id$)/;
const MIN_ID_LENGTH = 6;

function parse(text: string): unknown {
  const t = text.trimStart();
  if (!(t.startsWith('{') || t.startsWith('['))) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** JSON strings inside strings are decoded (an SQS body holding an SNS envelope holding JSON). */
function decode(v: unknown, depth = 0): unknown {
  if (depth > MAX_DEPTH) return v;
  if (typeof v === 'string') {
    const p = parse(v);
    return p === undefined ? v : decode(p, depth + 1);
  }
  if (Array.isArray(v)) return v.map((x) => decode(x, depth + 1));
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(isTypedItem(v) ? plainItem(v) : v).map(([k, x]) => [k, decode(x, depth + 1)]));
  return v;
}

function hasEmpty(v: unknown, field: string, depth = 0): boolean {
  if (depth > MAX_DEPTH || v === null || typeof v !== 'object') return false;
  if (Array.isArray(v)) return v.some((x) => hasEmpty(x, field, depth + 1));
  return Object.entries(v).some(([k, x]) => (k === field && (x === '' || x === null)) || hasEmpty(x, field, depth + 1));
}

function collectIds(v: unknown, out: Set<string>, depth = 0): void {
  if (depth > MAX_DEPTH || v === null || typeof v !== 'object') return;
  for (const [k, x] of Array.isArray(v) ? v.entries() : Object.entries(v)) {
    if (typeof x === 'string' && typeof k === 'string' && ID_KEY.test(k) && x.length >= MIN_ID_LENGTH) out.add(x);
    else collectIds(x, out, depth + 1);
  }
}

/** A payload decoded, JSON strings inside strings included; undefined when it is not JSON. */
export const readPayload = (text: string): unknown => decode(parse(text));

/**
 * The records of a batch `input` (decoded) that carry `field` empty, their positions, and how many
 * records there are; all records when none shows the field; null when the input is not a readable
 * batch (no Records).
 */
export function failingRecords(input: string, field: string | null): { failing: unknown[]; total: number; indices: number[] } | null {
  const doc = readPayload(input);
  const records = doc !== null && typeof doc === 'object' ? (doc as { Records?: unknown }).Records : undefined;
  if (!Array.isArray(records) || records.length === 0) return null;
  const indices = field === null ? [] : records.flatMap((r, i) => (hasEmpty(r, field) ? [i] : []));
  if (indices.length === 0) return { failing: records, total: records.length, indices: records.map((_, i) => i) };
  return { failing: indices.map((i) => records[i]), total: records.length, indices };
}

/** Whether a decoded value holds the string `value` anywhere (a user id in the failing record). */
export function carriesValue(v: unknown, value: string, depth = 0): boolean {
  if (v === value) return true;
  if (depth > MAX_DEPTH || v === null || typeof v !== 'object') return false;
  return (Array.isArray(v) ? v : Object.values(v)).some((x) => carriesValue(x, value, depth + 1));
}

/**
 * The identifiers of the records of `input` that carry `field` empty (all records when the input is
 * not a batch, or no record shows the field); [] when the input cannot be read.
 */
export function lineageIds(input: string, field: string | null): string[] {
  const batch = failingRecords(input, field);
  const scope = batch === null ? readPayload(input) : batch.failing;
  if (scope === undefined || scope === null || typeof scope !== 'object') return [];
  const ids = new Set<string>();
  collectIds(scope, ids);
  return [...ids];
}

/** How many of the ids appear in a payload (raw text search: payloads may be truncated). */
export function lineageScore(payloads: readonly string[], ids: readonly string[]): number {
  let n = 0;
  for (const id of ids) if (payloads.some((p) => p.includes(id))) n++;
  return n;
}
