// Reading the OTLP/JSON encoding (protobuf JSON mapping: lowerCamelCase keys, hex ids, enums as
// integers, 64-bit integers as strings or numbers). Proto field names (snake_case) are accepted too.
// A value of the wrong JSON type is a malformed request (OtlpDecodeError), as in the collector.
import { isUtf8 } from 'node:buffer';
import type { Attributes } from '@nightjar/model';
import { OtlpDecodeError } from './errors.ts';
import { doubleJson, doubleText, PROMOTED_INPUT, PROMOTED_LINK_IN, PROMOTED_LINK_OUT, PROMOTED_NONE, PROMOTED_OUTPUT, promotedKey, setAttr, stringJson, truncate } from './flatten.ts';
import { jsonI64, jsonU64 } from './int64.ts';
import type { Budget } from './decode-state.ts';
import { resourceInfo, type ResourceInfo, type ScopeInfo } from './resource.ts';
import type { SpanDraft } from './span-draft.ts';
import { asBuffer } from './utf8.ts';

export type JsonObject = Record<string, unknown>;

/** The body as one JSON object; anything else is a malformed request. */
export function parseJsonBody(body: Uint8Array): JsonObject {
  if (!isUtf8(body)) throw new OtlpDecodeError('request body is not valid UTF-8');
  const buf = asBuffer(body);
  // A byte-order mark is allowed before the JSON text.
  const text = buf.toString('utf8', buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new OtlpDecodeError(`invalid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new OtlpDecodeError('request body must be a JSON object');
  }
  return value as JsonObject;
}

function wrongType(what: string, expected: string, v: unknown): never {
  const got = v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
  throw new OtlpDecodeError(`${what}: expected ${expected}, got ${got}`);
}

/** o[camel], else o[snake] (the proto field name). */
export function pick(o: JsonObject, camel: string, snake: string): unknown {
  const v = o[camel];
  return v !== undefined ? v : o[snake];
}

export function jObject(v: unknown, what: string): JsonObject | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'object' || Array.isArray(v)) wrongType(what, 'an object', v);
  return v as JsonObject;
}

const NO_ITEMS: readonly unknown[] = Object.freeze([]);

export function jArray(v: unknown, what: string): readonly unknown[] {
  if (v === undefined || v === null) return NO_ITEMS;
  if (!Array.isArray(v)) wrongType(what, 'an array', v);
  return v;
}

export function jString(v: unknown, what: string): string {
  if (typeof v === 'string') return v;
  if (v === undefined || v === null) return '';
  return wrongType(what, 'a string', v);
}

/** A 32-bit-ish integer (enum, count): a number or a digit string. */
export function jInt(v: unknown, what: string): number {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (v === undefined || v === null) return 0;
  if (typeof v === 'string' && /^-?\d{1,15}$/.test(v)) return Number(v);
  return wrongType(what, 'an integer', v);
}

/** An enum: its integer, or its proto name (index in `names`). */
export function jEnum(v: unknown, names: readonly string[], what: string): number {
  if (typeof v === 'string') {
    const i = names.indexOf(v);
    if (i >= 0) return i;
  }
  return jInt(v, what);
}

export function jBool(v: unknown, what: string): boolean {
  if (typeof v === 'boolean') return v;
  if (v === undefined || v === null) return false;
  return wrongType(what, 'a boolean', v);
}

/** A double: a number, or a string ("NaN", "Infinity", "-Infinity", or a decimal). */
export function jDouble(v: unknown, what: string): number {
  if (typeof v === 'number') return v;
  if (v === undefined || v === null) return 0;
  if (typeof v === 'string') {
    if (v === 'NaN') return NaN;
    if (v === 'Infinity') return Infinity;
    if (v === '-Infinity') return -Infinity;
    const n = v.trim() === '' ? NaN : Number(v);
    if (!Number.isNaN(n)) return n;
  }
  return wrongType(what, 'a number', v);
}

/** An optional double: null when absent. */
export function jOptDouble(v: unknown, what: string): number | null {
  return v === undefined || v === null ? null : jDouble(v, what);
}

/** A fixed64/uint64 time or count as decimal digits ('0' when absent). */
export function jU64(v: unknown, what: string): string {
  if (v === undefined || v === null) return '0';
  const s = jsonU64(v);
  if (s === null) return wrongType(what, 'an unsigned 64-bit integer', v);
  return s;
}

/** A uint64 count as a number. */
export function jCount(v: unknown, what: string): number {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return v;
  return Number(jU64(v, what));
}

/** AnyValue flattened to attribute text. */
export function jAnyText(v: unknown, depth: number, b: Budget): string {
  const o = jObject(v, 'AnyValue');
  if (o === null) return '';
  let x: unknown;
  if ((x = pick(o, 'stringValue', 'string_value')) !== undefined) return jString(x, 'stringValue');
  if ((x = pick(o, 'intValue', 'int_value')) !== undefined) return jIntValue(x);
  if ((x = pick(o, 'boolValue', 'bool_value')) !== undefined) return jBool(x, 'boolValue') ? 'true' : 'false';
  if ((x = pick(o, 'doubleValue', 'double_value')) !== undefined) return doubleText(jDouble(x, 'doubleValue'));
  if ((x = pick(o, 'arrayValue', 'array_value')) !== undefined) return jArrayJson(x, depth + 1, b);
  if ((x = pick(o, 'kvlistValue', 'kvlist_value')) !== undefined) return jKvlistJson(x, depth + 1, b);
  if ((x = pick(o, 'bytesValue', 'bytes_value')) !== undefined) return jString(x, 'bytesValue');
  return '';
}

function jIntValue(x: unknown): string {
  if (x === null) return '0';
  // The OpenTelemetry JS JSON serialiser writes any integral double as intValue, even beyond
  // int64 (its protobuf serialiser sends those as double_value): read them as the double they are.
  if (typeof x === 'number' && Number.isInteger(x) && (x >= 2 ** 63 || x < -(2 ** 63))) return String(x);
  const s = jsonI64(x);
  if (s === null) return wrongType('intValue', 'a 64-bit integer', x);
  return s;
}

/** AnyValue as a JSON fragment. */
function jAnyJson(v: unknown, depth: number, b: Budget): string {
  const o = jObject(v, 'AnyValue');
  if (o === null) return 'null';
  let x: unknown;
  if ((x = pick(o, 'stringValue', 'string_value')) !== undefined) return stringJson(jString(x, 'stringValue'));
  if ((x = pick(o, 'intValue', 'int_value')) !== undefined) return jIntValue(x);
  if ((x = pick(o, 'boolValue', 'bool_value')) !== undefined) return jBool(x, 'boolValue') ? 'true' : 'false';
  if ((x = pick(o, 'doubleValue', 'double_value')) !== undefined) return doubleJson(jDouble(x, 'doubleValue'));
  if ((x = pick(o, 'arrayValue', 'array_value')) !== undefined) return jArrayJson(x, depth + 1, b);
  if ((x = pick(o, 'kvlistValue', 'kvlist_value')) !== undefined) return jKvlistJson(x, depth + 1, b);
  if ((x = pick(o, 'bytesValue', 'bytes_value')) !== undefined) return stringJson(jString(x, 'bytesValue'));
  return 'null';
}

function tooDeep(depth: number, b: Budget): void {
  if (depth > b.limits.maxDepth) throw new OtlpDecodeError('AnyValue nested too deep');
}

function jArrayJson(v: unknown, depth: number, b: Budget): string {
  tooDeep(depth, b);
  const o = jObject(v, 'arrayValue');
  const values = o === null ? NO_ITEMS : jArray(o.values, 'arrayValue.values');
  let out = '[';
  for (let i = 0; i < values.length; i++) out += (i === 0 ? '' : ',') + jAnyJson(values[i], depth, b);
  return out + ']';
}

function jKvlistJson(v: unknown, depth: number, b: Budget): string {
  tooDeep(depth, b);
  const o = jObject(v, 'kvlistValue');
  const values = o === null ? NO_ITEMS : jArray(o.values, 'kvlistValue.values');
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    const kv = jObject(values[i], 'KeyValue');
    if (kv === null) continue;
    out += (out.length === 1 ? '' : ',') + stringJson(jString(kv.key, 'KeyValue.key')) + ':' + jAnyJson(kv.value, depth, b);
  }
  return out + '}';
}

/** AnyValue as a list of strings (array elements one by one; a scalar as one element). */
function jAnyList(v: unknown, b: Budget): string[] {
  const o = jObject(v, 'AnyValue');
  if (o === null) return [];
  const arr = pick(o, 'arrayValue', 'array_value');
  if (arr === undefined) {
    const one = jAnyText(o, 0, b);
    return one === '' ? [] : [one];
  }
  const ao = jObject(arr, 'arrayValue');
  const values = ao === null ? NO_ITEMS : jArray(ao.values, 'arrayValue.values');
  const list: string[] = [];
  for (const item of values) {
    const s = jAnyText(item, 1, b);
    if (s !== '') list.push(s);
  }
  return list;
}

function limitValue(b: Budget, value: string, max: number): string {
  if (value.length <= max) return value;
  b.stats.truncatedValues++;
  return truncate(value, max);
}

/**
 * A JSON KeyValue list added to `out` under the limits; with a draft the promoted nightjar.* keys
 * go to the draft. Returns the new attribute count.
 */
export function jAttributes(list: unknown, b: Budget, out: Attributes, count: number, draft: SpanDraft | null): number {
  const items = jArray(list, 'attributes');
  const max = b.limits.maxAttributeValueLength;
  for (let i = 0; i < items.length; i++) {
    const kv = jObject(items[i], 'KeyValue');
    if (kv === null) continue;
    const key = jString(kv.key, 'KeyValue.key');
    if (draft !== null) {
      const promoted = promotedKey(key);
      if (promoted !== PROMOTED_NONE) {
        if (promoted === PROMOTED_LINK_OUT) draft.linkOut = jAnyList(kv.value, b);
        else if (promoted === PROMOTED_LINK_IN) draft.linkIn = jAnyList(kv.value, b);
        else if (promoted === PROMOTED_INPUT) draft.input = limitValue(b, jAnyText(kv.value, 0, b), max);
        else if (promoted === PROMOTED_OUTPUT) draft.output = limitValue(b, jAnyText(kv.value, 0, b), max);
        continue;
      }
    }
    if (count >= b.limits.maxAttributes) {
      b.stats.droppedAttributes++;
      continue;
    }
    setAttr(out, key, limitValue(b, jAnyText(kv.value, 0, b), max));
    count++;
  }
  return count;
}

/** A whole AnyValue (e.g. a log body) as text, cut at `maxChars`. */
export function jBody(v: unknown, b: Budget, maxChars: number): string {
  return limitValue(b, jAnyText(v, 0, b), maxChars);
}

export function jResource(v: unknown, b: Budget): ResourceInfo {
  const o = jObject(v, 'resource');
  const attributes: Attributes = {};
  if (o !== null) jAttributes(o.attributes, b, attributes, 0, null);
  return resourceInfo(attributes);
}

export function jScope(v: unknown): ScopeInfo {
  const o = jObject(v, 'scope');
  if (o === null) return { name: '', version: '' };
  return { name: jString(o.name, 'scope.name'), version: jString(o.version, 'scope.version') };
}
