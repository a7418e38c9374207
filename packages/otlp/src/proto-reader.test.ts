import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { OtlpDecodeError } from './errors.ts';
import { ProtoReader } from './proto-reader.ts';
import { ProtoWriter } from './proto-writer.ts';

const reader = (bytes: number[] | Uint8Array, depth = 8) => new ProtoReader(Uint8Array.from(bytes), depth);

function throwsDecode(fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (err: unknown) => err instanceof OtlpDecodeError && pattern.test(err.message));
}

test('varints of every length up to 64 bits, written by the writer and read back', () => {
  fc.assert(
    fc.property(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), (n) => {
      const bytes: number[] = [];
      let v = n;
      do {
        const b = Number(v & 0x7fn);
        v >>= 7n;
        bytes.push(v > 0n ? b | 0x80 : b);
      } while (v > 0n);
      const r = reader(bytes);
      r.varint64();
      return r.pos === bytes.length && BigInt(r.lo) + (BigInt(r.hi) << 32n) === n;
    }),
    { numRuns: 1000 },
  );
  const r = reader(new ProtoWriter().varint(300).varint(2 ** 35).varint(-2).finish());
  assert.equal(r.varint32(), 300);
  r.varint64();
  assert.deepEqual([r.lo, r.hi], [0, 8]);
  assert.equal(r.varint32() | 0, -2, 'a negative int32 is ten bytes, low 32 bits kept');
  assert.equal(r.pos, r.cap);
});

test('fixed32, fixed64 and doubles are little-endian', () => {
  const r = reader(new ProtoWriter().fixed32(1, 0xdeadbeef).fixed64(2, 0x01020304, 0xa0b0c0d0).double(3, -1.25).finish());
  assert.equal(r.varint32(), (1 << 3) | 5);
  assert.equal(r.fixed32(), 0xdeadbeef);
  assert.equal(r.varint32(), (2 << 3) | 1);
  r.fixed64();
  assert.deepEqual([r.lo, r.hi], [0x01020304, 0xa0b0c0d0]);
  assert.equal(r.varint32(), (3 << 3) | 1);
  assert.equal(r.double(), -1.25);
});

test('skip passes over fields of every wire type, groups included', () => {
  const group = [(7 << 3) | 3, 0x08, 0x01, (8 << 3) | 3, (8 << 3) | 4, (7 << 3) | 4];
  const w = new ProtoWriter()
    .tag(1, 0).varint(2 ** 50)
    .fixed64(2, 1, 2)
    .string(3, 'skip me')
    .fixed32(4, 9)
    .raw(group)
    .string(5, 'end');
  const r = reader(w.finish());
  const seen: number[] = [];
  while (r.pos < r.cap) {
    const tag = r.varint32();
    seen.push(tag >>> 3);
    if (tag === ((5 << 3) | 2)) assert.equal(r.str(r.len(r.cap)), 'end');
    else r.skip(tag);
  }
  assert.deepEqual(seen, [1, 2, 3, 4, 7, 5]);
});

test('malformed wire data throws OtlpDecodeError with a reason', () => {
  throwsDecode(() => reader([0x80]).varint32(), /truncated varint/);
  throwsDecode(() => reader([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]).varint64(), /longer than 10 bytes/);
  throwsDecode(() => reader([1, 2, 3]).fixed32(), /truncated fixed32/);
  throwsDecode(() => reader([1, 2, 3, 4, 5, 6, 7]).fixed64(), /truncated fixed64/);
  throwsDecode(() => reader([1, 2, 3, 4, 5, 6, 7]).double(), /truncated double/);
  throwsDecode(() => reader([5, 1, 2]).len(3), /runs past the end/);
  throwsDecode(() => reader([]).skip((1 << 3) | 6), /invalid wire type 6/);
  throwsDecode(() => reader([]).skip((1 << 3) | 7), /invalid wire type 7/);
  throwsDecode(() => reader([]).skip(2), /field number 0/);
  throwsDecode(() => reader([]).skip((1 << 3) | 4), /unexpected end-group/);
  throwsDecode(() => reader([(2 << 3) | 4]).skip((1 << 3) | 3), /mismatched end-group/);
  throwsDecode(() => reader([0x08, 0x01]).skip((1 << 3) | 3), /truncated group/);
  const deep = [...Array<number>(20).fill((1 << 3) | 3), ...Array<number>(20).fill((1 << 3) | 4)];
  throwsDecode(() => reader(deep.slice(1), 8).skip((1 << 3) | 3), /nested too deep/);
  assert.doesNotThrow(() => reader(deep.slice(1), 32).skip((1 << 3) | 3));
  const r = reader([0x08, 0x01, 0x10]);
  r.pos = 2;
  throwsDecode(() => r.expectEnd(1), /runs past the end of its message/);
});

test('errors carry the byte offset', () => {
  const r = reader([0x08, 0x80]); // the offset is where the unreadable value starts
  const tag = r.varint32();
  assert.throws(
    () => r.skip(tag),
    (err: unknown) => err instanceof OtlpDecodeError && err.offset === 1 && err.message === 'truncated varint (at byte 1)',
  );
});
