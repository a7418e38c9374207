// Defensive readers for untrusted event payloads: never throw, never trust a shape.

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** An own property of an object, or undefined (never throws, even on a throwing getter). */
export function prop(v: unknown, key: string): unknown {
  if (!isObj(v)) return undefined;
  try {
    return Object.prototype.hasOwnProperty.call(v, key) ? v[key] : undefined;
  } catch {
    return undefined;
  }
}

/** Follows a path of own properties. */
export function at(v: unknown, ...path: string[]): unknown {
  let cur = v;
  for (const key of path) {
    cur = prop(cur, key);
    if (cur === undefined) return undefined;
  }
  return cur;
}

/** A non-empty string at a path, else undefined. */
export function str(v: unknown, ...path: string[]): string | undefined {
  const x = at(v, ...path);
  return typeof x === 'string' && x.length > 0 ? x : undefined;
}

/** An array at a path, else []. */
export function arr(v: unknown, ...path: string[]): unknown[] {
  const x = at(v, ...path);
  return Array.isArray(x) ? x : [];
}

/** The part of an ARN after the last ':' or '/' (queue, topic or function name). */
export function arnTail(arn: string | undefined): string | undefined {
  if (arn === undefined) return undefined;
  const cut = Math.max(arn.lastIndexOf(':'), arn.lastIndexOf('/'));
  const tail = arn.slice(cut + 1);
  return tail.length > 0 ? tail : undefined;
}

/** The resource name of an ARN whose resource is "<type>/<name>[/...]" (Kinesis stream, DynamoDB table). */
export function arnResourceName(arn: string | undefined, type: string): string | undefined {
  if (arn === undefined) return undefined;
  const marker = `:${type}/`;
  const i = arn.indexOf(marker);
  if (i < 0) return undefined;
  const name = arn.slice(i + marker.length).split('/')[0];
  return name !== undefined && name.length > 0 ? name : undefined;
}

/** JSON.parse of a string that looks like a JSON object, bounded in size; undefined on failure. */
export function parseJsonObject(text: unknown, maxLength = 262_144): Obj | undefined {
  if (typeof text !== 'string' || text.length > maxLength) return undefined;
  const first = text.trimStart().charCodeAt(0);
  if (first !== 123 /* { */) return undefined;
  try {
    const v: unknown = JSON.parse(text);
    return isObj(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

/** Case-insensitive header lookup (API Gateway keeps the client's case, HTTP APIs lower-case). */
export function header(headers: unknown, name: string): string | undefined {
  if (!isObj(headers)) return undefined;
  const direct = prop(headers, name);
  if (typeof direct === 'string') return direct;
  const lower = name.toLowerCase();
  for (const k of Object.keys(headers)) {
    if (k.toLowerCase() === lower) {
      const v = prop(headers, k);
      if (typeof v === 'string') return v;
    }
  }
  return undefined;
}
