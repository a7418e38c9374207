// Resource attribute sets -> stable 53-bit ids (exact in a JS number and a UInt64 column). OTLP
// decoders share one attributes object among all spans of a resource, so ids are cached per object.
import type { Attributes } from '@nightjar/model';

const cache = new WeakMap<Attributes, number>();

/** 0 for an empty resource; otherwise a hash of the sorted key/value pairs. */
export function resourceId(resource: Attributes): number {
  const hit = cache.get(resource);
  if (hit !== undefined) return hit;
  const keys = Object.keys(resource).sort();
  let id = 0;
  if (keys.length > 0) {
    let text = '';
    for (const k of keys) text += `${k}\u0001${resource[k]!}\u0002`;
    id = hash53(text);
    if (id === 0) id = 1;
  }
  cache.set(resource, id);
  return id;
}

/** Two 32-bit multiplicative hashes over UTF-16 code units, folded into 53 bits. */
export function hash53(text: string): number {
  let h1 = 0x9e3779b9 ^ text.length;
  let h2 = 0x85ebca6b ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 13;
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 0x85ebca6b) ^ Math.imul(h2 ^ (h2 >>> 13), 0xc2b2ae35);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 0x85ebca6b) ^ Math.imul(h1 ^ (h1 >>> 13), 0xc2b2ae35);
  return 0x200000 * (h2 >>> 11) + (h1 >>> 0);
}
