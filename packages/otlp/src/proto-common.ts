// Protobuf decoding of opentelemetry.proto.common.v1 / resource.v1 messages straight to strings:
//   AnyValue { string_value=1, bool_value=2, int_value=3 (int64), double_value=4, array_value=5,
//              kvlist_value=6, bytes_value=7 }   ArrayValue { values=1 }   KeyValueList { values=1 }
//   KeyValue { key=1, value=2 }   InstrumentationScope { name=1, version=2, attributes=3, dropped=4 }
//   Resource { attributes=1, dropped_attributes_count=2, entity_refs=3 }
import type { Attributes } from '@nightjar/model';
import { doubleJson, doubleText, PROMOTED_INPUT, PROMOTED_LINK_IN, PROMOTED_LINK_OUT, PROMOTED_NONE, PROMOTED_OUTPUT, promotedKey, setAttr, stringJson, truncate } from './flatten.ts';
import { i64ToDecimal } from './int64.ts';
import type { Budget } from './decode-state.ts';
import type { ProtoReader } from './proto-reader.ts';
import { resourceInfo, type ResourceInfo, type ScopeInfo } from './resource.ts';
import type { SpanDraft } from './span-draft.ts';
import { KeyCache } from './utf8.ts';

const keys = new KeyCache();

/** Bytes of a string value worth decoding when at most `maxChars` code units are kept. */
function byteCap(maxChars: number): number {
  return maxChars === Infinity ? Infinity : maxChars * 4 + 8;
}

/** Values this short are mostly enum-like and repeat across records: worth interning. */
const SHORT_VALUE = 24;

/**
 * The next `n` bytes as a string through the intern cache (for names and keys, which repeat);
 * long strings are decoded directly.
 */
export function internedStr(r: ProtoReader, n: number): string {
  const p = r.pos;
  r.pos = p + n;
  return keys.get(r.buf, p, p + n);
}

function readStringCapped(r: ProtoReader, n: number, cap: number): string {
  if (n <= SHORT_VALUE) return internedStr(r, n);
  if (n <= cap) return r.str(n);
  const p = r.pos;
  r.pos = p + n;
  return r.buf.toString('utf8', p, p + cap);
}

/** AnyValue in [r.pos, end) flattened to attribute text. */
export function anyValueText(r: ProtoReader, end: number, cap: number): string {
  let out = '';
  while (r.pos < end) {
    const tag = r.varint32();
    switch (tag) {
      case 10:
        out = readStringCapped(r, r.len(end), cap);
        break;
      case 16:
        r.varint64();
        out = (r.lo | r.hi) !== 0 ? 'true' : 'false';
        break;
      case 24:
        r.varint64();
        out = i64ToDecimal(r.lo, r.hi);
        break;
      case 33:
        out = doubleText(r.double());
        break;
      case 42: {
        const n = r.len(end);
        out = arrayJson(r, r.pos + n, 1, cap);
        break;
      }
      case 50: {
        const n = r.len(end);
        out = kvlistJson(r, r.pos + n, 1, cap);
        break;
      }
      case 58: {
        const n = r.len(end);
        out = r.buf.toString('base64', r.pos, r.pos + n);
        r.pos += n;
        break;
      }
      default:
        r.skip(tag);
    }
  }
  r.expectEnd(end);
  return out;
}

/** AnyValue in [r.pos, end) as a JSON fragment ('null' when empty). */
function anyValueJson(r: ProtoReader, end: number, depth: number, cap: number): string {
  let out = 'null';
  while (r.pos < end) {
    const tag = r.varint32();
    switch (tag) {
      case 10:
        out = stringJson(readStringCapped(r, r.len(end), cap));
        break;
      case 16:
        r.varint64();
        out = (r.lo | r.hi) !== 0 ? 'true' : 'false';
        break;
      case 24:
        r.varint64();
        out = i64ToDecimal(r.lo, r.hi);
        break;
      case 33:
        out = doubleJson(r.double());
        break;
      case 42: {
        const n = r.len(end);
        out = arrayJson(r, r.pos + n, depth + 1, cap);
        break;
      }
      case 50: {
        const n = r.len(end);
        out = kvlistJson(r, r.pos + n, depth + 1, cap);
        break;
      }
      case 58: {
        const n = r.len(end);
        out = '"' + r.buf.toString('base64', r.pos, r.pos + n) + '"';
        r.pos += n;
        break;
      }
      default:
        r.skip(tag);
    }
  }
  r.expectEnd(end);
  return out;
}

function arrayJson(r: ProtoReader, end: number, depth: number, cap: number): string {
  if (depth > r.maxDepth) r.fail('AnyValue nested too deep');
  let out = '[';
  let first = true;
  while (r.pos < end) {
    const tag = r.varint32();
    if (tag === 10) {
      const n = r.len(end);
      const item = anyValueJson(r, r.pos + n, depth, cap);
      out += first ? item : ',' + item;
      first = false;
    } else r.skip(tag);
  }
  r.expectEnd(end);
  return out + ']';
}

function kvlistJson(r: ProtoReader, end: number, depth: number, cap: number): string {
  if (depth > r.maxDepth) r.fail('AnyValue nested too deep');
  let out = '{';
  let first = true;
  while (r.pos < end) {
    const tag = r.varint32();
    if (tag === 10) {
      const n = r.len(end);
      const kvEnd = r.pos + n;
      let key = '';
      let value = 'null';
      while (r.pos < kvEnd) {
        const t = r.varint32();
        if (t === 10) key = r.str(r.len(kvEnd));
        else if (t === 18) {
          const m = r.len(kvEnd);
          value = anyValueJson(r, r.pos + m, depth, cap);
        } else r.skip(t);
      }
      r.expectEnd(kvEnd);
      out += (first ? '' : ',') + stringJson(key) + ':' + value;
      first = false;
    } else r.skip(tag);
  }
  r.expectEnd(end);
  return out + '}';
}

/** AnyValue as a list of strings: array elements flattened one by one, any other value as one element. */
function anyValueList(r: ProtoReader, end: number): string[] {
  const start = r.pos;
  let arrayStart = -1;
  let arrayEnd = -1;
  let lastIsArray = false;
  while (r.pos < end) {
    const tag = r.varint32();
    if (tag === 42) {
      const n = r.len(end);
      arrayStart = r.pos;
      arrayEnd = arrayStart + n;
      r.pos = arrayEnd;
      lastIsArray = true;
    } else {
      if (tag >>> 3 <= 7) lastIsArray = false; // another member of the value oneof came later
      r.skip(tag);
    }
  }
  r.expectEnd(end);
  if (!lastIsArray) {
    r.pos = start;
    const one = anyValueText(r, end, Infinity);
    return one === '' ? [] : [one];
  }
  const list: string[] = [];
  r.pos = arrayStart;
  while (r.pos < arrayEnd) {
    const t = r.varint32();
    if (t === 10) {
      const m = r.len(arrayEnd);
      const item = anyValueText(r, r.pos + m, Infinity);
      if (item !== '') list.push(item);
    } else r.skip(t);
  }
  r.expectEnd(arrayEnd);
  r.pos = end;
  return list;
}

/**
 * One KeyValue in [r.pos, end) added to `out` under the limits; `count` is how many entries `out`
 * holds. With a draft, the promoted nightjar.* keys go to the draft instead. Returns the new count.
 */
export function readKeyValue(r: ProtoReader, b: Budget, end: number, out: Attributes, count: number, draft: SpanDraft | null): number {
  let kStart = -1;
  let kEnd = -1;
  let vStart = -1;
  let vEnd = -1;
  while (r.pos < end) {
    const tag = r.varint32();
    if (tag === 10) {
      const n = r.len(end);
      kStart = r.pos;
      kEnd = kStart + n;
      r.pos = kEnd;
    } else if (tag === 18) {
      const n = r.len(end);
      vStart = r.pos;
      vEnd = vStart + n;
      r.pos = vEnd;
    } else r.skip(tag);
  }
  r.expectEnd(end);
  const key = kStart < 0 ? '' : keys.get(r.buf, kStart, kEnd);
  if (draft !== null) {
    const promoted = promotedKey(key);
    if (promoted !== PROMOTED_NONE) {
      if (vStart >= 0) {
        r.pos = vStart;
        if (promoted === PROMOTED_LINK_OUT) draft.linkOut = anyValueList(r, vEnd);
        else if (promoted === PROMOTED_LINK_IN) draft.linkIn = anyValueList(r, vEnd);
        else {
          const text = limitValue(b, anyValueText(r, vEnd, byteCap(b.limits.maxAttributeValueLength)));
          if (promoted === PROMOTED_INPUT) draft.input = text;
          else if (promoted === PROMOTED_OUTPUT) draft.output = text;
        }
        r.pos = end;
      }
      return count;
    }
  }
  if (count >= b.limits.maxAttributes) {
    b.stats.droppedAttributes++;
    return count;
  }
  let value = '';
  if (vStart >= 0) {
    r.pos = vStart;
    value = limitValue(b, anyValueText(r, vEnd, byteCap(b.limits.maxAttributeValueLength)));
    r.pos = end;
  }
  setAttr(out, key, value);
  return count + 1;
}

function limitValue(b: Budget, value: string): string {
  const max = b.limits.maxAttributeValueLength;
  if (value.length <= max) return value;
  b.stats.truncatedValues++;
  return truncate(value, max);
}

/** A whole AnyValue (e.g. a log body) as text, cut at `maxChars`. */
export function anyValueBody(r: ProtoReader, b: Budget, end: number, maxChars: number): string {
  const text = anyValueText(r, end, byteCap(maxChars));
  if (text.length <= maxChars) return text;
  b.stats.truncatedValues++;
  return truncate(text, maxChars);
}

/** Resource in [r.pos, end). */
export function readResource(r: ProtoReader, b: Budget, end: number): ResourceInfo {
  const attributes: Attributes = {};
  let count = 0;
  while (r.pos < end) {
    const tag = r.varint32();
    if (tag === 10) {
      const n = r.len(end);
      count = readKeyValue(r, b, r.pos + n, attributes, count, null);
    } else r.skip(tag);
  }
  r.expectEnd(end);
  return resourceInfo(attributes);
}

/** InstrumentationScope in [r.pos, end): name and version. */
export function readScope(r: ProtoReader, end: number): ScopeInfo {
  let name = '';
  let version = '';
  while (r.pos < end) {
    const tag = r.varint32();
    if (tag === 10) name = r.str(r.len(end));
    else if (tag === 18) version = r.str(r.len(end));
    else r.skip(tag);
  }
  r.expectEnd(end);
  return { name, version };
}

/**
 * Start of the last length-delimited field `tag` in the message [r.pos, end), or -1; its length is
 * left in r.lo. Used to read a resource or scope before the records that may precede it on the wire.
 * Leaves r.pos where it started.
 */
export function findLast(r: ProtoReader, end: number, tag: number): number {
  const start = r.pos;
  let found = -1;
  let foundLen = 0;
  while (r.pos < end) {
    const t = r.varint32();
    if (t === tag) {
      const n = r.len(end);
      found = r.pos;
      foundLen = n;
      r.pos += n;
    } else r.skip(t);
  }
  r.expectEnd(end);
  r.pos = start;
  r.lo = foundLen;
  return found;
}
