// scrubPayload: any value -> bounded JSON text with secrets masked and long strings truncated.
// Never throws: cycles, BigInt, binary, Dates, Maps/Sets, throwing getters and proxies become
// markers; any internal failure returns a marker string.
import { compilePatterns, isSecretKey, MASK } from './secret-patterns.ts';
import { isCardLikeNumber, maskDanglingJwt, maskSecrets } from './mask-string.ts';
import { truncationMarker, utf8Prefix } from './truncate.ts';

export const DEFAULT_MAX_FIELD_BYTES = 2048;
/** A suggested field size when capturing the payload of a failed invocation. */
export const ERROR_MAX_FIELD_BYTES = 8192;
export const DEFAULT_MAX_TOTAL_BYTES = 16_000;
export const DEFAULT_MAX_DEPTH = 16;
export const SCRUB_FAILED = '"[nightjar: value could not be captured]"';

export interface ScrubOptions {
  /** Each string is cut to this many UTF-8 bytes (default 2048). */
  maxFieldBytes?: number;
  /** The whole JSON text stays within this many UTF-8 bytes (default 16000, at least 256). */
  maxTotalBytes?: number;
  /** Deeper values become "[Depth limit]" (default 16). */
  maxDepth?: number;
  /** Extra key-name patterns (RegExp, or source text compiled case-insensitive) whose values are masked. */
  secretPatterns?: readonly (string | RegExp)[];
  /** Extra value patterns masked wherever they appear in strings. */
  valuePatterns?: readonly (string | RegExp)[];
}

const OBJECT_MARKER = '"…":"[truncated]"';
const ARRAY_MARKER = '"…[truncated]"';
const MARKER_RESERVE = Buffer.byteLength(`,${OBJECT_MARKER}`);
/** Below this much room, a container stops adding entries. */
const MIN_ROOM = 24;
const MAX_KEY_BYTES = 256;

class Scrubber {
  private readonly parts: string[] = [];
  private bytes = 0;
  private open = 0;
  private full = false;
  private readonly ancestors = new Set<object>();
  private readonly keyPatterns: RegExp[];
  private readonly valuePatterns: RegExp[];
  private readonly maxField: number;
  private readonly maxTotal: number;
  private readonly maxDepth: number;

  constructor(o: ScrubOptions) {
    this.maxField = Math.max(16, o.maxFieldBytes ?? DEFAULT_MAX_FIELD_BYTES);
    this.maxTotal = Math.max(256, o.maxTotalBytes ?? DEFAULT_MAX_TOTAL_BYTES);
    this.maxDepth = Math.max(1, Math.min(64, o.maxDepth ?? DEFAULT_MAX_DEPTH));
    this.keyPatterns = compilePatterns(o.secretPatterns);
    this.valuePatterns = compilePatterns(o.valuePatterns);
  }

  result(): string {
    return this.parts.join('');
  }

  /** Bytes still available for content, keeping room for closers and one marker. */
  private room(): number {
    return this.maxTotal - this.bytes - this.open - MARKER_RESERVE;
  }

  private emit(s: string): void {
    this.parts.push(s);
    this.bytes += Buffer.byteLength(s);
  }

  /** Writes a fixed token if it fits; otherwise marks the output full. */
  private token(s: string): boolean {
    if (Buffer.byteLength(s) > this.room()) {
      this.full = true;
      return false;
    }
    this.emit(s);
    return true;
  }

  /** Opens a container, reserving its closing byte. */
  private opening(s: string): boolean {
    if (this.room() < MIN_ROOM || Buffer.byteLength(s) + 1 > this.room()) {
      this.full = true;
      return false;
    }
    this.emit(s);
    return true;
  }

  /** A string value: masked, cut to the field size, then to the room left. */
  private string(s: string, prefix: string): boolean {
    let text = this.scrubString(s);
    let json = JSON.stringify(text);
    const avail = this.room() - Buffer.byteLength(prefix);
    let size = Buffer.byteLength(json);
    for (let i = 0; size > avail && i < 6; i++) {
      const keep = Math.floor((Buffer.byteLength(text) * (avail - 40)) / size);
      if (keep <= 0) break;
      text = this.cut(text, keep);
      json = JSON.stringify(text);
      size = Buffer.byteLength(json);
    }
    if (size > avail) {
      this.full = true;
      return false;
    }
    this.emit(prefix + json);
    return true;
  }

  private cut(text: string, keepBytes: number): string {
    const kept = maskDanglingJwt(utf8Prefix(text, keepBytes));
    return kept + truncationMarker(Buffer.byteLength(text) - Buffer.byteLength(kept));
  }

  private scrubString(s: string): string {
    const limit = this.maxField;
    const head = s.length > limit + 512 ? s.slice(0, limit + 512) : s;
    const masked = maskSecrets(head, this.valuePatterns);
    const maskedBytes = Buffer.byteLength(masked);
    if (head === s && maskedBytes <= limit) return masked;
    const kept = maskDanglingJwt(utf8Prefix(masked, limit));
    const rest = head === s ? 0 : Buffer.byteLength(s) - Buffer.byteLength(head);
    return kept + truncationMarker(maskedBytes - Buffer.byteLength(kept) + rest);
  }

  /** Writes one value preceded by `prefix` (separator and key); false when the output is full. */
  value(v: unknown, prefix: string, depth: number): boolean {
    switch (typeof v) {
      case 'string':
        return this.string(v, prefix);
      case 'number':
        if (isCardLikeNumber(v)) return this.token(`${prefix}"${MASK}"`);
        return this.token(prefix + (Number.isFinite(v) ? String(v) : `"${String(v)}"`));
      case 'bigint':
        return this.token(`${prefix}"${isCardLikeNumber(v) ? MASK : v.toString()}"`);
      case 'boolean':
        return this.token(prefix + String(v));
      case 'undefined':
        return this.token(`${prefix}null`);
      case 'symbol':
        return this.string(v.toString(), prefix);
      case 'function':
        return this.token(prefix + JSON.stringify(`[Function ${utf8Prefix(safeString(v.name), 64)}]`));
      default:
        return this.object(v as object | null, prefix, depth);
    }
  }

  private object(v: object | null, prefix: string, depth: number): boolean {
    if (v === null) return this.token(`${prefix}null`);
    if (this.ancestors.has(v)) return this.token(`${prefix}"[Circular]"`);
    if (depth >= this.maxDepth) return this.token(`${prefix}"[Depth limit]"`);
    let shape: Shape;
    try {
      shape = shapeOf(v);
    } catch {
      return this.token(`${prefix}"[Unserializable]"`);
    }
    if (shape.kind === 'json') return this.token(prefix + shape.json);
    if (shape.kind === 'text') return this.string(shape.text, prefix);
    this.ancestors.add(v);
    try {
      if (shape.kind === 'list') return this.list(shape.items, prefix, depth);
      if (shape.kind === 'map') return this.map(shape.entries, prefix, depth);
      return this.value(shape.value, prefix, depth + 1);
    } finally {
      this.ancestors.delete(v);
    }
  }

  private list(items: Iterable<unknown>, prefix: string, depth: number): boolean {
    if (!this.opening(`${prefix}[`)) return false;
    this.open++;
    let first = true;
    for (const item of items) {
      if (this.room() < MIN_ROOM || !this.value(item, first ? '' : ',', depth + 1)) {
        this.markFull(first ? ARRAY_MARKER : `,${ARRAY_MARKER}`);
        break;
      }
      first = false;
    }
    this.open--;
    this.emit(']');
    return !this.full;
  }

  private map(entries: Iterator<[unknown, unknown]>, prefix: string, depth: number): boolean {
    if (!this.opening(`${prefix}{`)) return false;
    this.open++;
    let first = true;
    for (let e = entries.next(); e.done !== true; e = entries.next()) {
      const [k, val] = e.value;
      if (val === undefined || typeof val === 'function') continue;
      const key = typeof k === 'string' ? k : safeString(k);
      const keyJson = JSON.stringify(Buffer.byteLength(key) > MAX_KEY_BYTES ? utf8Prefix(key, MAX_KEY_BYTES) : key);
      const head = `${first ? '' : ','}${keyJson}:`;
      const ok =
        this.room() >= MIN_ROOM &&
        (isSecretKey(key, this.keyPatterns) ? this.token(`${head}"${MASK}"`) : this.value(val, head, depth + 1));
      if (!ok) {
        this.markFull(first ? OBJECT_MARKER : `,${OBJECT_MARKER}`);
        break;
      }
      first = false;
    }
    this.open--;
    this.emit('}');
    return !this.full;
  }

  /** Writes the one truncation marker (its room is reserved) the first time the output fills up. */
  private markFull(marker: string): void {
    if (this.markerWritten) return;
    this.markerWritten = true;
    this.full = true;
    this.emit(marker);
  }

  private markerWritten = false;
}

type Shape =
  | { kind: 'json'; json: string }
  | { kind: 'text'; text: string }
  | { kind: 'list'; items: Iterable<unknown> }
  | { kind: 'map'; entries: Iterator<[unknown, unknown]> }
  | { kind: 'value'; value: unknown };

/** How an object is written; everything that may throw on a hostile object happens here, before output. */
function shapeOf(v: object): Shape {
  if (v instanceof Date) return { kind: 'json', json: JSON.stringify(Number.isNaN(v.getTime()) ? 'Invalid Date' : v.toISOString()) };
  if (ArrayBuffer.isView(v) || v instanceof ArrayBuffer || v instanceof SharedArrayBuffer) {
    return { kind: 'json', json: `"[Binary ${v.byteLength} bytes]"` };
  }
  if (v instanceof RegExp) return { kind: 'text', text: String(v) };
  if (v instanceof Promise) return { kind: 'json', json: '"[Promise]"' };
  if (v instanceof WeakMap || v instanceof WeakSet) return { kind: 'json', json: '"[Weak collection]"' };
  if (Array.isArray(v)) return { kind: 'list', items: arrayItems(v) };
  if (v instanceof Set) return { kind: 'list', items: [...v] };
  if (v instanceof Map) return { kind: 'map', entries: [...v.entries()].values() };
  if (v instanceof Error) {
    const fields: [string, unknown][] = [
      ['name', v.name],
      ['message', v.message],
      ['stack', v.stack],
    ];
    return { kind: 'map', entries: fields.concat(ownEntries(v)).values() };
  }
  const toJSON = (v as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') {
    const replaced: unknown = toJSON.call(v);
    if (replaced !== v) return { kind: 'value', value: replaced };
  }
  return { kind: 'map', entries: ownEntries(v).values() };
}

/** Array items read one by one (an index getter may throw). */
function* arrayItems(a: unknown[]): Generator<unknown> {
  const n = a.length;
  for (let i = 0; i < n; i++) {
    let x: unknown;
    try {
      x = a[i];
    } catch {
      x = '[getter threw]';
    }
    yield x;
  }
}

function safeString(k: unknown): string {
  try {
    return typeof k === 'symbol' ? k.toString() : String(k);
  } catch {
    return '[key]';
  }
}

/** Own enumerable string-keyed entries; a throwing getter becomes a marker value. */
function ownEntries(v: object): [string, unknown][] {
  const out: [string, unknown][] = [];
  for (const k of Object.keys(v)) {
    let val: unknown;
    try {
      val = (v as Record<string, unknown>)[k];
    } catch {
      val = '[getter threw]';
    }
    out.push([k, val]);
  }
  return out;
}

/** JSON text of `value` with secrets masked, strings truncated and the total bounded. Never throws. */
export function scrubPayload(value: unknown, options: ScrubOptions = {}): string {
  try {
    const s = new Scrubber(options);
    s.value(value, '', 0);
    return s.result();
  } catch {
    return SCRUB_FAILED;
  }
}
