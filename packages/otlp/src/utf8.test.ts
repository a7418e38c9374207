import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { asBuffer, KeyCache, utf8 } from './utf8.ts';

test('utf8 decodes any string written as UTF-8', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme', maxLength: 50 }), fc.nat({ max: 5 }), (s, pad) => {
      const bytes = new Uint8Array([...new Uint8Array(pad), ...new TextEncoder().encode(s)]);
      return utf8(asBuffer(bytes), pad, bytes.length) === s;
    }),
    { numRuns: 300 },
  );
});

test('the key cache always answers the bytes it is asked about, whatever collides or changes', () => {
  const cache = new KeyCache();
  fc.assert(
    fc.property(fc.array(fc.string({ maxLength: 70 }), { minLength: 1, maxLength: 400 }), (keys) => {
      const buf = Buffer.alloc(80);
      for (const k of [...keys, ...keys]) {
        const n = buf.write(k, 0, 'utf8');
        // The buffer is reused for every key, as a receiver reuses request memory.
        assert.equal(cache.get(buf, 0, n), Buffer.from(k, 'utf8').toString('utf8', 0, n));
        buf.fill(0xaa);
      }
    }),
    { numRuns: 50 },
  );
});

test('asBuffer shares memory with the Uint8Array it wraps', () => {
  const u8 = new Uint8Array([104, 105, 106]).subarray(1);
  const b = asBuffer(u8);
  assert.equal(b.toString(), 'ij');
  u8[0] = 120;
  assert.equal(b.toString(), 'xj');
});
