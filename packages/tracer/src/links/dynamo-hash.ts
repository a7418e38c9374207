// The DynamoDB stitching hash: canonical JSON of typed attribute values ({"S":"x"} form), map keys
// sorted recursively, numbers normalised and set members sorted (DynamoDB keeps neither the
// written number text nor set order), binary as base64; sha1, first 16 hex digits. The producer
// hashes the written Item (PutItem) or Key (UpdateItem/DeleteItem); the consumer hashes the stream
// record's NewImage and Keys.
import { createHash } from 'node:crypto';

const NUMBER = /^([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** A DynamoDB number as DynamoDB returns it: no exponent, no leading or trailing zeros. */
export function normalizeDynamoNumber(text: string): string {
  const m = NUMBER.exec(text.trim());
  if (m === null) return text;
  const int = m[2] ?? '';
  const frac = m[3] ?? '';
  if (int.length + frac.length === 0) return text;
  let digits = (int + frac).replace(/^0+/, '');
  if (digits.length === 0) return '0';
  let exp = Number(m[4] ?? '0') - frac.length;
  const trimmed = digits.replace(/0+$/, '');
  exp += digits.length - trimmed.length;
  digits = trimmed;
  const sign = m[1] === '-' ? '-' : '';
  if (exp >= 0) return exp > 160 ? `${sign}${digits}e${exp}` : sign + digits + '0'.repeat(exp);
  const point = digits.length + exp;
  if (point > 0) return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
  if (point < -160) return `${sign}${digits}e${exp}`;
  return `${sign}0.${'0'.repeat(-point)}${digits}`;
}

function binary(v: unknown): string {
  if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64');
  return typeof v === 'string' ? v : canonicalJson(v);
}

function sortedList(items: unknown, each: (v: unknown) => string): string {
  const list = Array.isArray(items) ? items.map(each) : [];
  list.sort();
  return `[${list.join(',')}]`;
}

/** Canonical text of one typed attribute value. */
function attributeValue(av: unknown): string {
  if (typeof av !== 'object' || av === null || Array.isArray(av)) return canonicalJson(av);
  const keys = Object.keys(av);
  const type = keys[0];
  if (keys.length !== 1 || type === undefined) return canonicalJson(av);
  const v: unknown = (av as Record<string, unknown>)[type];
  switch (type) {
    case 'S':
      return `{"S":${JSON.stringify(String(v))}}`;
    case 'N':
      return `{"N":${JSON.stringify(normalizeDynamoNumber(String(v)))}}`;
    case 'B':
      return `{"B":${JSON.stringify(binary(v))}}`;
    case 'SS':
      return `{"SS":${sortedList(v, (s) => JSON.stringify(String(s)))}}`;
    case 'NS':
      return `{"NS":${sortedList(v, (s) => JSON.stringify(normalizeDynamoNumber(String(s))))}}`;
    case 'BS':
      return `{"BS":${sortedList(v, (b) => JSON.stringify(binary(b)))}}`;
    case 'M':
      return `{"M":${attributeMap(v)}}`;
    case 'L':
      return `{"L":[${Array.isArray(v) ? v.map(attributeValue).join(',') : ''}]}`;
    case 'NULL':
      return '{"NULL":true}';
    case 'BOOL':
      return `{"BOOL":${v === true || v === 'true' ? 'true' : 'false'}}`;
    default:
      return canonicalJson(av);
  }
}

/** Canonical text of a map of attribute values (an item, a key, an image). */
export function attributeMap(map: unknown): string {
  if (typeof map !== 'object' || map === null || Array.isArray(map)) return '{}';
  const record = map as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${attributeValue(record[k])}`).join(',')}}`;
}

/** Key-sorted JSON of a plain value (fallback for shapes that are not attribute values). */
function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v instanceof Uint8Array) return JSON.stringify(binary(v));
  if (typeof v === 'object' && v !== null) {
    const record = v as Record<string, unknown>;
    return `{${Object.keys(record)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`)
      .join(',')}}`;
  }
  if (typeof v === 'bigint') return JSON.stringify(v.toString());
  return JSON.stringify(v) ?? 'null';
}

/** The stitching hash of an item or key map (16 hex digits). */
export function dynamoHash(map: unknown): string {
  return createHash('sha1').update(attributeMap(map)).digest('hex').slice(0, 16);
}
