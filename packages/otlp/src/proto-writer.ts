// A minimal protobuf writer for the small messages this package emits (export responses, Status).
// Not on the hot path: it favours plainness over speed.

const encoder = new TextEncoder();

export class ProtoWriter {
  private readonly out: number[] = [];

  /** A non-negative integer below 2^53, or a negative int32/int64 as ten bytes (two's complement). */
  varint(v: number): this {
    if (!Number.isInteger(v) || v > Number.MAX_SAFE_INTEGER) throw new RangeError(`not a varint-encodable integer: ${v}`);
    if (v < 0) {
      let lo = v >>> 0;
      let hi = Math.floor(v / 4294967296) >>> 0;
      for (let i = 0; i < 9; i++) {
        this.out.push((lo & 0x7f) | 0x80);
        lo = ((lo >>> 7) | (hi << 25)) >>> 0;
        hi = hi >>> 7;
      }
      this.out.push(1);
      return this;
    }
    while (v >= 0x80) {
      this.out.push((v % 128) | 0x80);
      v = Math.floor(v / 128);
    }
    this.out.push(v);
    return this;
  }

  tag(field: number, wire: number): this {
    return this.varint(field * 8 + wire);
  }

  bytes(field: number, data: Uint8Array): this {
    this.tag(field, 2).varint(data.length);
    for (const b of data) this.out.push(b);
    return this;
  }

  string(field: number, s: string): this {
    return this.bytes(field, encoder.encode(s));
  }

  message(field: number, m: ProtoWriter): this {
    return this.bytes(field, m.finish());
  }

  fixed32(field: number, v: number): this {
    this.tag(field, 5);
    for (let i = 0; i < 4; i++) this.out.push((v >>> (8 * i)) & 0xff);
    return this;
  }

  /** A fixed64 from unsigned 32-bit halves. */
  fixed64(field: number, lo: number, hi: number): this {
    this.tag(field, 1);
    for (let i = 0; i < 4; i++) this.out.push((lo >>> (8 * i)) & 0xff);
    for (let i = 0; i < 4; i++) this.out.push((hi >>> (8 * i)) & 0xff);
    return this;
  }

  double(field: number, d: number): this {
    this.tag(field, 1);
    const b = new Uint8Array(8);
    new DataView(b.buffer).setFloat64(0, d, true);
    for (const x of b) this.out.push(x);
    return this;
  }

  /** Raw bytes, already encoded (for tests that build odd wire data). */
  raw(data: Iterable<number>): this {
    for (const b of data) this.out.push(b);
    return this;
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.out);
  }
}
