// The stitching keys of the failing record(s) of a batch: which of a failing batch consumer's link.in
// keys lead upstream to the record the failure is about, so that impact walks only those.
import type { ImpactFailingRoot } from '@nightjar/model';
import { errorTextOf } from './failure.ts';
import { failingRecords, lineageIds } from './lineage.ts';
import { suspectFieldsIn } from './root-cause.ts';

/** The id part of a key ("sqs:<message id>" -> message id; kinesis keys end with the record's eventID "<shard>:<sequence>"). */
function keyMatches(key: string, ids: ReadonlySet<string>): boolean {
  const rest = key.slice(key.indexOf(':') + 1);
  if (ids.has(rest)) return true;
  for (let i = rest.indexOf(':'); i >= 0; i = rest.indexOf(':', i + 1)) if (ids.has(rest.slice(i + 1))) return true;
  return false;
}

/**
 * DynamoDB stream records' keys are hashes of their NewImage and Keys: they are matched by position,
 * as the tracer adds them (per record with a table, NewImage then Keys), when the number of keys is
 * the number expected (the tracer drops a key seen twice, which would shift them); else null.
 */
function dynamoKeysByPosition(input: string, linkIn: readonly string[], failing: readonly number[]): string[] | null {
  let records: unknown;
  try {
    records = (JSON.parse(input) as { Records?: unknown }).Records;
  } catch {
    return null;
  }
  if (!Array.isArray(records)) return null;
  const keys = linkIn.filter((k) => k.startsWith('ddb:'));
  const perRecord = records.map((r: unknown) => {
    const rec = (r ?? {}) as { eventSource?: unknown; eventSourceARN?: unknown; dynamodb?: { NewImage?: unknown; Keys?: unknown } };
    if (rec.eventSource !== 'aws:dynamodb' || typeof rec.eventSourceARN !== 'string' || !rec.eventSourceARN.includes(':table/')) return 0;
    const isMap = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v);
    return (isMap(rec.dynamodb?.NewImage) ? 1 : 0) + (isMap(rec.dynamodb?.Keys) ? 1 : 0);
  });
  if (perRecord.every((n) => n === 0) || perRecord.reduce((a, n) => a + n, 0) !== keys.length) return null;
  const out: string[] = [];
  let at = 0;
  perRecord.forEach((n, i) => {
    if (failing.includes(i)) out.push(...keys.slice(at, at + n));
    at += n;
  });
  return out;
}

/**
 * The link.in keys of the records the failure complains about (a field empty in them, preferring the
 * field the error names), plus the invocation's own lambda: keys; null when it cannot tell: fewer than
 * two record keys, no readable batch input, no suspect field, or no key matching the records' ids.
 */
export function failingRecordKeys(root: ImpactFailingRoot): string[] | null {
  const recordKeys = root.linkIn.filter((k) => !k.startsWith('lambda:'));
  if (recordKeys.length < 2) return null;
  const field = suspectFieldsIn(root.input, errorTextOf(root))[0];
  if (field === undefined) return null;
  const batch = failingRecords(root.input, field);
  if (batch === null) return null;
  const ids = new Set(lineageIds(root.input, field));
  const keys = [...recordKeys.filter((k) => !k.startsWith('ddb:') && keyMatches(k, ids)), ...(dynamoKeysByPosition(root.input, recordKeys, batch.indices) ?? [])];
  if (keys.length === 0) return null;
  return [...keys, ...root.linkIn.filter((k) => k.startsWith('lambda:'))];
}
