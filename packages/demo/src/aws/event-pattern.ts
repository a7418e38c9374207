// EventBridge event patterns (pure): validation and matching, with EventBridge's semantics.
// A pattern mirrors the event's structure; each leaf is an array of matchers, any of which may match
// (exact strings, numbers, booleans, null; prefix, suffix, equals-ignore-case, anything-but (a value,
// a list, prefix, suffix, equals-ignore-case, wildcard), numeric ranges, exists, wildcard, cidr).
// All fields of a pattern must match; `$or` takes alternative sub-patterns. When the event's value is
// an array, the leaf matches if any element does (a nested pattern: if any element object matches
// the whole sub-pattern). Only leaf values (not objects) count as existing; anything-but and the
// other matchers never match a missing field, `exists: false` matches only one.

export type EventPattern = Record<string, unknown>;

export class InvalidEventPattern extends Error {
  constructor(reason: string) {
    super(`Event pattern is not valid. Reason: ${reason}`);
    this.name = 'InvalidEventPatternException';
  }
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isPrimitive = (v: unknown): v is string | number | boolean | null => v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

type Leaf = string | number | boolean | null;

// ---------------------------------------------------------------------------------------------
// Validation

const NUMERIC_OPS = new Set(['<', '<=', '=', '>', '>=']);

function validateStringOrIgnoreCase(v: unknown, what: string): void {
  if (typeof v === 'string') return;
  if (isObj(v) && Object.keys(v).length === 1 && typeof v['equals-ignore-case'] === 'string') return;
  throw new InvalidEventPattern(`${what} match pattern must be a string or an equals-ignore-case object`);
}

function validateMatcher(m: unknown): void {
  if (isPrimitive(m)) return;
  if (!isObj(m)) throw new InvalidEventPattern('Match value must be String, number, true, false, or null');
  const keys = Object.keys(m);
  if (keys.length !== 1) throw new InvalidEventPattern('Only one key allowed in match expression');
  const key = keys[0] as string;
  const v = m[key];
  switch (key) {
    case 'prefix':
    case 'suffix':
      validateStringOrIgnoreCase(v, key);
      return;
    case 'equals-ignore-case':
      if (typeof v !== 'string') throw new InvalidEventPattern('equals-ignore-case match pattern must be a string');
      return;
    case 'wildcard':
      if (typeof v !== 'string') throw new InvalidEventPattern('wildcard match pattern must be a string');
      if (v.includes('**')) throw new InvalidEventPattern('Consecutive wildcard characters at pos ' + v.indexOf('**'));
      return;
    case 'exists':
      if (typeof v !== 'boolean') throw new InvalidEventPattern('exists match pattern must be either true or false.');
      return;
    case 'cidr':
      if (typeof v !== 'string' || parseCidr(v) === undefined) throw new InvalidEventPattern(`Malformed CIDR, one '/' required`);
      return;
    case 'numeric': {
      if (!Array.isArray(v) || v.length === 0 || v.length % 2 !== 0 || v.length > 4) throw new InvalidEventPattern('Value of numeric must be an array.');
      for (let i = 0; i < v.length; i += 2) {
        if (typeof v[i] !== 'string' || !NUMERIC_OPS.has(v[i] as string)) throw new InvalidEventPattern(`Unrecognized numeric range operator: ${String(v[i])}`);
        if (typeof v[i + 1] !== 'number' || !Number.isFinite(v[i + 1])) throw new InvalidEventPattern(`Value of ${String(v[i])} must be numeric`);
      }
      if (v.length === 4 && (v[0] === '=' || v[2] === '=')) throw new InvalidEventPattern('Bad numeric range: = can only be used alone');
      return;
    }
    case 'anything-but': {
      if (isPrimitive(v) && v !== null) return;
      if (Array.isArray(v)) {
        if (v.length === 0 || !v.every((x) => typeof x === 'string' || typeof x === 'number')) throw new InvalidEventPattern('Inside anything but list, start|null|boolean is not supported.');
        return;
      }
      if (isObj(v)) {
        const inner = Object.keys(v);
        const k = inner[0];
        if (inner.length !== 1 || k === undefined) throw new InvalidEventPattern('anything-but takes a single match expression');
        const iv = v[k];
        if (k === 'prefix' || k === 'suffix' || k === 'wildcard') {
          if (typeof iv !== 'string' && !(Array.isArray(iv) && iv.length > 0 && iv.every((x) => typeof x === 'string')))
            throw new InvalidEventPattern(`Value of ${k} must be a string or an array of strings`);
          return;
        }
        if (k === 'equals-ignore-case') {
          if (typeof iv !== 'string' && !(Array.isArray(iv) && iv.length > 0 && iv.every((x) => typeof x === 'string')))
            throw new InvalidEventPattern('Inside anything-but/ignore-case list, number|start|null|boolean is not supported.');
          return;
        }
        throw new InvalidEventPattern(`Unsupported anything-but pattern: ${k}`);
      }
      throw new InvalidEventPattern('Value of anything-but must be an array or single string/number value.');
    }
    default:
      throw new InvalidEventPattern(`Unrecognized match type ${key}`);
  }
}

function validateObject(p: unknown, path: string): void {
  if (!isObj(p)) throw new InvalidEventPattern(`Filter is not an object${path !== '' ? ` at ${path}` : ''}`);
  if (Object.keys(p).length === 0) throw new InvalidEventPattern(`Empty objects are not allowed${path !== '' ? ` at ${path}` : ''}`);
  for (const [k, v] of Object.entries(p)) {
    const at = path === '' ? k : `${path}.${k}`;
    if (k === '$or') {
      if (!Array.isArray(v) || v.length < 2) throw new InvalidEventPattern('Or relationship must have at least 2 options');
      for (const alt of v) validateObject(alt, at);
    } else if (Array.isArray(v)) {
      if (v.length === 0) throw new InvalidEventPattern(`Empty arrays are not allowed at ${at}`);
      for (const m of v) validateMatcher(m);
    } else if (isObj(v)) {
      validateObject(v, at);
    } else {
      throw new InvalidEventPattern(`"${at}" must be an object or an array`);
    }
  }
}

/** Throws InvalidEventPattern when `pattern` is not a valid EventBridge event pattern. */
export function validateEventPattern(pattern: unknown): asserts pattern is EventPattern {
  validateObject(pattern, '');
}

// ---------------------------------------------------------------------------------------------
// Matching

function parseCidr(s: string): { base: number; mask: number } | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(s);
  if (m === null) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const bits = Number(m[5]);
  if (octets.some((o) => o > 255) || bits > 32) return undefined;
  const ip = octets.reduce((a, o) => a * 256 + o, 0);
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return { base: (ip & mask) >>> 0, mask };
}

function ipv4(s: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (m === null) return undefined;
  const octets = m.slice(1, 5).map(Number);
  if (octets.some((o) => o > 255)) return undefined;
  return octets.reduce((a, o) => a * 256 + o, 0);
}

function wildcardMatch(pattern: string, value: string): boolean {
  // '*' matches any run of characters; '\*' is a literal star
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '\\' && (pattern[i + 1] === '*' || pattern[i + 1] === '\\')) {
      re += '\\' + pattern[++i];
    } else if (c === '*') re += '.*';
    else re += c.replace(/[.+?^${}()|[\]\\/-]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 's').test(value);
}

const lower = (s: string): string => s.toLowerCase();

function stringTest(spec: unknown, value: string, test: (pattern: string, value: string) => boolean): boolean {
  if (typeof spec === 'string') return test(spec, value);
  if (isObj(spec) && typeof spec['equals-ignore-case'] === 'string') return test(lower(spec['equals-ignore-case']), lower(value));
  return false;
}

function anythingBut(spec: unknown, value: Leaf): boolean {
  if (Array.isArray(spec)) return !spec.some((x) => x === value);
  if (isObj(spec)) {
    const [k, v] = Object.entries(spec)[0] ?? [];
    const list = (Array.isArray(v) ? v : [v]) as string[];
    if (typeof value !== 'string') return true;
    switch (k) {
      case 'prefix':
        return !list.some((p) => value.startsWith(p));
      case 'suffix':
        return !list.some((p) => value.endsWith(p));
      case 'equals-ignore-case':
        return !list.some((p) => lower(p) === lower(value));
      case 'wildcard':
        return !list.some((p) => wildcardMatch(p, value));
      default:
        return false;
    }
  }
  return spec !== value;
}

function numeric(spec: unknown[], value: Leaf): boolean {
  if (typeof value !== 'number') return false;
  for (let i = 0; i < spec.length; i += 2) {
    const n = spec[i + 1] as number;
    switch (spec[i]) {
      case '<':
        if (!(value < n)) return false;
        break;
      case '<=':
        if (!(value <= n)) return false;
        break;
      case '=':
        if (value !== n) return false;
        break;
      case '>':
        if (!(value > n)) return false;
        break;
      case '>=':
        if (!(value >= n)) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** One matcher against one leaf value of the event. */
function matchOne(m: unknown, value: Leaf): boolean {
  if (isPrimitive(m)) return m === value;
  if (!isObj(m)) return false;
  const [key, spec] = Object.entries(m)[0] ?? [];
  switch (key) {
    case 'prefix':
      return typeof value === 'string' && stringTest(spec, value, (p, v) => v.startsWith(p));
    case 'suffix':
      return typeof value === 'string' && stringTest(spec, value, (p, v) => v.endsWith(p));
    case 'equals-ignore-case':
      return typeof value === 'string' && typeof spec === 'string' && lower(spec) === lower(value);
    case 'wildcard':
      return typeof value === 'string' && typeof spec === 'string' && wildcardMatch(spec, value);
    case 'anything-but':
      return anythingBut(spec, value);
    case 'numeric':
      return Array.isArray(spec) && numeric(spec, value);
    case 'cidr': {
      const c = typeof spec === 'string' ? parseCidr(spec) : undefined;
      const ip = typeof value === 'string' ? ipv4(value) : undefined;
      return c !== undefined && ip !== undefined && ((ip & c.mask) >>> 0) === c.base;
    }
    default:
      return false;
  }
}

/** The leaf values of an event field: undefined when missing, the leaf elements of an array. */
function leaves(v: unknown): Leaf[] {
  if (v === undefined) return [];
  if (Array.isArray(v)) return v.filter(isPrimitive);
  return isPrimitive(v) ? [v] : [];
}

function matchLeaf(matchers: unknown[], v: unknown): boolean {
  const values = leaves(v);
  return matchers.some((m) => {
    if (isObj(m) && 'exists' in m) return m.exists === true ? values.length > 0 : values.length === 0;
    return values.some((value) => matchOne(m, value));
  });
}

function matchObject(p: Record<string, unknown>, value: unknown): boolean {
  const obj = isObj(value) ? value : undefined;
  for (const [k, sub] of Object.entries(p)) {
    if (k === '$or') continue;
    const v = obj?.[k];
    if (Array.isArray(sub)) {
      if (!matchLeaf(sub, v)) return false;
    } else if (isObj(sub)) {
      const ok = Array.isArray(v) && v.some(isObj) ? v.some((el) => isObj(el) && matchObject(sub, el)) : matchObject(sub, v);
      if (!ok) return false;
    } else {
      return false;
    }
  }
  const alternatives = p.$or;
  if (Array.isArray(alternatives)) return alternatives.some((alt) => isObj(alt) && matchObject(alt, value));
  return true;
}

/** Whether `event` matches `pattern` (validate the pattern first with validateEventPattern). */
export function matchesEventPattern(pattern: EventPattern, event: unknown): boolean {
  return matchObject(pattern, event);
}
