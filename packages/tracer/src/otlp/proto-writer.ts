// A minimal protobuf writer: a growing buffer, varints, fixed64, length-delimited fields.
// Nested messages are written in place and their length prefix inserted when they end.

const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_LEN = 2;

const encoder = new TextEncoder();

function varintSize(n: number): number {
  let size = 1;
  while (n >= 128) {
    n = Math.floor(n / 128);
    size++;
  }
  return size;
}

export class ProtoWriter {
  private buf = new Uint8Array(4096);
  private view = new DataView(this.buf.buffer);
  private pos = 0;

  finish(): Uint8Array {
    return this.buf.slice(0, this.pos);
  }

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  /** A non-negative integer up to 2^53. */
  private varint(n: number): void {
    this.ensure(10);
    while (n >= 128) {
      this.buf[this.pos++] = (n % 128) | 128;
      n = Math.floor(n / 128);
    }
    this.buf[this.pos++] = n;
  }

  private varint64(n: bigint): void {
    this.ensure(10);
    let v = BigInt.asUintN(64, n);
    while (v >= 128n) {
      this.buf[this.pos++] = Number(v & 127n) | 128;
      v >>= 7n;
    }
    this.buf[this.pos++] = Number(v);
  }

  private tag(field: number, wire: number): void {
    this.varint(field * 8 + wire);
  }

  uint(field: number, n: number): void {
    this.tag(field, WIRE_VARINT);
    this.varint(n);
  }

  /** int64 (negative values as 10-byte two's complement, as protobuf does). */
  int64(field: number, n: number): void {
    this.tag(field, WIRE_VARINT);
    if (n >= 0) this.varint(n);
    else this.varint64(BigInt(n));
  }

  bool(field: number, b: boolean): void {
    this.uint(field, b ? 1 : 0);
  }

  double(field: number, d: number): void {
    this.tag(field, WIRE_FIXED64);
    this.ensure(8);
    this.view.setFloat64(this.pos, d, true);
    this.pos += 8;
  }

  fixed64(field: number, n: bigint): void {
    this.tag(field, WIRE_FIXED64);
    this.ensure(8);
    this.view.setBigUint64(this.pos, BigInt.asUintN(64, n), true);
    this.pos += 8;
  }

  bytes(field: number, b: Uint8Array): void {
    this.tag(field, WIRE_LEN);
    this.varint(b.length);
    this.ensure(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  string(field: number, s: string): void {
    this.tag(field, WIRE_LEN);
    const n = Buffer.byteLength(s);
    this.varint(n);
    this.ensure(n);
    this.pos += encoder.encodeInto(s, this.buf.subarray(this.pos)).written;
  }

  /** Starts a nested message; pass the result to end(). */
  begin(field: number): number {
    this.tag(field, WIRE_LEN);
    return this.pos;
  }

  end(start: number): void {
    const len = this.pos - start;
    const k = varintSize(len);
    this.ensure(k);
    this.buf.copyWithin(start + k, start, this.pos);
    let at = start;
    let n = len;
    while (n >= 128) {
      this.buf[at++] = (n % 128) | 128;
      n = Math.floor(n / 128);
    }
    this.buf[at] = n;
    this.pos += k;
  }
}
