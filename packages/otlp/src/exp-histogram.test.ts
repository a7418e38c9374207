import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { expToExplicit } from './exp-histogram.ts';

test('scale 1 positive buckets: edges are powers of sqrt(2)', () => {
  const r = expToExplicit(1, 0, 0, 2, [3, 4], 0, []);
  // index 2 covers (2^(2/2), 2^(3/2)] = (2, 2.83], index 3 covers (2.83, 4]
  assert.deepEqual(r.counts, [0, 3, 4, 0]);
  assert.equal(r.bounds[0], 2);
  assert.ok(Math.abs(r.bounds[1]! - Math.SQRT2 * 2) < 1e-12);
  assert.equal(r.bounds[2], 4);
});

test('only a zero bucket: one bucket up to the zero threshold', () => {
  assert.deepEqual(expToExplicit(3, 5, 0.001, 0, [], 0, []), { bounds: [0.001], counts: [5, 0] });
});

test('counts are conserved and bounds ascend for any bucket layout', () => {
  const counts = fc.array(fc.nat({ max: 1000 }), { maxLength: 20 });
  fc.assert(
    fc.property(fc.integer({ min: -3, max: 8 }), fc.nat({ max: 1000 }), fc.integer({ min: -40, max: 40 }), counts, fc.integer({ min: -40, max: 40 }), counts, (scale, zero, po, pos, no, neg) => {
      const r = expToExplicit(scale, zero, 0, po, pos, no, neg);
      assert.equal(r.counts.length, r.bounds.length + 1);
      const total = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
      assert.equal(total(r.counts), zero + total(pos) + total(neg));
      for (let i = 1; i < r.bounds.length; i++) assert.ok(r.bounds[i]! > r.bounds[i - 1]!, `bounds ascend at ${i}: ${r.bounds.join(',')}`);
    }),
    { numRuns: 300 },
  );
});
