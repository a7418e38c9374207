// Attribute values flattened to strings, the same way for protobuf and JSON: strings as they are,
// numbers and booleans as text, bytes as base64, arrays and key-value lists as JSON text.
import type { Attributes } from '@nightjar/model';
import { TRUNCATION_MARKER } from './limits.ts';

/** Sets one attribute; an own "__proto__" key stays an ordinary entry. */
export function setAttr(target: Attributes, key: string, value: string): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else target[key] = value;
}

/** Cuts a value to `max` UTF-16 code units (never inside a surrogate pair) and marks the cut. */
export function truncate(value: string, max: number): string {
  let cut = max;
  const c = value.charCodeAt(cut - 1);
  if (c >= 0xd800 && c <= 0xdbff) cut--;
  return value.slice(0, cut) + TRUNCATION_MARKER;
}

/** A double as attribute text: "1.5", "NaN", "Infinity". */
export function doubleText(d: number): string {
  return String(d);
}

/** A double as a JSON fragment: non-finite values become strings, as in the protobuf JSON mapping. */
export function doubleJson(d: number): string {
  return Number.isFinite(d) ? String(d) : `"${String(d)}"`;
}

/** A string as a JSON fragment. */
export function stringJson(s: string): string {
  return JSON.stringify(s);
}

/** Which promoted nightjar.* attribute a span key is, if any. */
export const PROMOTED_NONE = 0;
export const PROMOTED_LINK_OUT = 1;
export const PROMOTED_LINK_IN = 2;
export const PROMOTED_INPUT = 3;
export const PROMOTED_OUTPUT = 4;

export function promotedKey(key: string): number {
  if (key.length < 14 || key.charCodeAt(0) !== 110 || !key.startsWith('nightjar.')) return PROMOTED_NONE;
  switch (key) {
    case 'nightjar.link.out':
      return PROMOTED_LINK_OUT;
    case 'nightjar.link.in':
      return PROMOTED_LINK_IN;
    case 'nightjar.input':
      return PROMOTED_INPUT;
    case 'nightjar.output':
      return PROMOTED_OUTPUT;
    default:
      return PROMOTED_NONE;
  }
}
