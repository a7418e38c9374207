// A bounds-checked protobuf wire reader over one request body. Every read checks the buffer end;
// message loops check their own end (see expectEnd). 64-bit values land in lo/hi (unsigned
// 32-bit halves) so that nothing is allocated and no BigInt is needed.
import { OtlpDecodeError } from './errors.ts';
import { asBuffer, utf8 } from './utf8.ts';

export const WIRE_VARINT = 0;
export const WIRE_I64 = 1;
export const WIRE_LEN = 2;
export const WIRE_SGROUP = 3;
export const WIRE_EGROUP = 4;
export const WIRE_I32 = 5;

export class ProtoReader {
  readonly buf: Buffer;
  readonly cap: number;
  readonly maxDepth: number;
  private readonly view: DataView;
  pos = 0;
  /** Low and high unsigned 32-bit halves of the last varint64() / fixed64(). */
  lo = 0;
  hi = 0;

  constructor(bytes: Uint8Array, maxDepth: number) {
    this.buf = asBuffer(bytes);
    this.cap = this.buf.length;
    this.maxDepth = maxDepth;
    this.view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
  }

  fail(message: string): never {
    throw new OtlpDecodeError(message, this.pos);
  }

  /** A varint, keeping its low 32 bits (unsigned). Tags, lengths, enums, bools, uint32. */
  varint32(): number {
    const pos = this.pos;
    if (pos < this.cap) {
      const b = this.buf[pos]!;
      if (b < 0x80) {
        this.pos = pos + 1;
        return b;
      }
    }
    this.varint64();
    return this.lo;
  }

  /** A varint of up to 64 bits into lo/hi. */
  varint64(): void {
    const buf = this.buf;
    const cap = this.cap;
    let pos = this.pos;
    let lo = 0;
    let hi = 0;
    for (let i = 0; i < 10; i++) {
      if (pos >= cap) this.fail('truncated varint');
      const b = buf[pos++]!;
      const bits = b & 0x7f;
      if (i < 4) lo |= bits << (7 * i);
      else if (i === 4) {
        lo |= bits << 28;
        hi = bits >>> 4;
      } else hi |= bits << (7 * i - 32);
      if (b < 0x80) {
        this.pos = pos;
        this.lo = lo >>> 0;
        this.hi = hi >>> 0;
        return;
      }
    }
    this.fail('varint longer than 10 bytes');
  }

  fixed32(): number {
    const p = this.pos;
    if (p + 4 > this.cap) this.fail('truncated fixed32');
    this.pos = p + 4;
    return this.view.getUint32(p, true);
  }

  /** 8 bytes little-endian into lo/hi. */
  fixed64(): void {
    const p = this.pos;
    if (p + 8 > this.cap) this.fail('truncated fixed64');
    const b = this.buf;
    this.lo = (b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24)) >>> 0;
    this.hi = (b[p + 4]! | (b[p + 5]! << 8) | (b[p + 6]! << 16) | (b[p + 7]! << 24)) >>> 0;
    this.pos = p + 8;
  }

  double(): number {
    const p = this.pos;
    if (p + 8 > this.cap) this.fail('truncated double');
    this.pos = p + 8;
    return this.view.getFloat64(p, true);
  }

  /** The length prefix of a length-delimited field whose bytes must end by `end`. */
  len(end: number): number {
    const n = this.varint32();
    if (n > end - this.pos) this.fail('length-delimited field runs past the end of its message');
    return n;
  }

  /** The next `n` bytes (already bounds-checked with len()) as UTF-8. */
  str(n: number): string {
    const p = this.pos;
    this.pos = p + n;
    return utf8(this.buf, p, p + n);
  }

  /** Skip the value of a field whose tag was just read (any wire type). */
  skip(tag: number): void {
    const wire = tag & 7;
    const field = tag >>> 3;
    if (field === 0) this.fail('field number 0');
    switch (wire) {
      case WIRE_VARINT:
        this.varint64();
        return;
      case WIRE_I64:
        if (this.pos + 8 > this.cap) this.fail('truncated fixed64');
        this.pos += 8;
        return;
      case WIRE_LEN: {
        const n = this.len(this.cap);
        this.pos += n;
        return;
      }
      case WIRE_I32:
        if (this.pos + 4 > this.cap) this.fail('truncated fixed32');
        this.pos += 4;
        return;
      case WIRE_SGROUP:
        this.skipGroup(field, 1);
        return;
      case WIRE_EGROUP:
        this.fail('unexpected end-group');
        return;
      default:
        this.fail(`invalid wire type ${wire}`);
    }
  }

  private skipGroup(field: number, depth: number): void {
    if (depth > this.maxDepth) this.fail('groups nested too deep');
    for (;;) {
      if (this.pos >= this.cap) this.fail('truncated group');
      const tag = this.varint32();
      if ((tag & 7) === WIRE_EGROUP) {
        if (tag >>> 3 !== field) this.fail('mismatched end-group');
        return;
      }
      if ((tag & 7) === WIRE_SGROUP) {
        if (tag >>> 3 === 0) this.fail('field number 0');
        this.skipGroup(tag >>> 3, depth + 1);
      } else this.skip(tag);
    }
  }

  /** After a message loop: the last field must end exactly at the message end. */
  expectEnd(end: number): void {
    if (this.pos !== end) this.fail('field runs past the end of its message');
  }
}
