import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decimalDiff, i64ToDecimal, i64ToNumber, jsonI64, jsonU64, u64Diff, u64ToDecimal } from './int64.ts';

const u64 = fc.bigInt({ min: 0n, max: 2n ** 64n - 1n });
const halves = (n: bigint): [number, number] => [Number(n & 0xffffffffn), Number((n >> 32n) & 0xffffffffn)];

test('u64ToDecimal matches BigInt for every 64-bit value', () => {
  fc.assert(fc.property(u64, (n) => u64ToDecimal(...halves(n)) === n.toString()), { numRuns: 2000 });
  for (const n of [0n, 1n, 2n ** 53n - 1n, 2n ** 53n, 1_700_000_000_123_456_789n, 2n ** 64n - 1n, 10n ** 19n, 99_999_999n * 2n ** 32n]) {
    assert.equal(u64ToDecimal(...halves(n)), n.toString());
  }
});

test('i64ToDecimal and i64ToNumber read two\'s complement', () => {
  fc.assert(
    fc.property(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), (n) => {
      const [lo, hi] = halves(BigInt.asUintN(64, n));
      return i64ToDecimal(lo, hi) === n.toString() && i64ToNumber(lo, hi) === Number(n);
    }),
    { numRuns: 1000 },
  );
});

test('differences of nanosecond times are exact below 2^53', () => {
  const time = fc.bigInt({ min: 0n, max: 2n ** 63n });
  fc.assert(
    fc.property(time, fc.bigInt({ min: -(2n ** 52n), max: 2n ** 52n }), (start, delta) => {
      const end = start + delta;
      fc.pre(end >= 0n);
      const expected = Number(delta);
      return u64Diff(...halves(end), ...halves(start)) === expected && decimalDiff(end.toString(), start.toString()) === expected;
    }),
    { numRuns: 1000 },
  );
});

test('JSON 64-bit values: digit strings or integral numbers, canonicalised', () => {
  assert.equal(jsonU64('1700000000123456789'), '1700000000123456789');
  assert.equal(jsonU64('000123'), '123');
  assert.equal(jsonU64('0'), '0');
  assert.equal(jsonU64('18446744073709551615'), '18446744073709551615');
  assert.equal(jsonU64('18446744073709551616'), null);
  assert.equal(jsonU64(''), null);
  assert.equal(jsonU64('12a'), null);
  assert.equal(jsonU64('-1'), null);
  assert.equal(jsonU64(1.5), null);
  assert.equal(jsonU64(-1), null);
  assert.equal(jsonU64(42), '42');
  assert.equal(jsonU64(2 ** 60), (2n ** 60n).toString());
  const big = Number('1234567890123456789'); // not representable: the double is 1234567890123456768
  assert.equal(jsonU64(big), '1234567890123456768', 'the exact integer of the double, not its shortest form');
  assert.equal(jsonU64(true), null);
  assert.equal(jsonI64('-9223372036854775808'), '-9223372036854775808');
  assert.equal(jsonI64('-9223372036854775809'), null);
  assert.equal(jsonI64('9223372036854775807'), '9223372036854775807');
  assert.equal(jsonI64('9223372036854775808'), null);
  assert.equal(jsonI64('-0'), '0');
  assert.equal(jsonI64(-5), '-5');
  assert.equal(jsonI64(-(2 ** 60)), (-(2n ** 60n)).toString());
  fc.assert(fc.property(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), (n) => jsonI64(n.toString()) === n.toString()), { numRuns: 500 });
});
