// UTF-8 -> string for the protobuf path. Node's native Buffer slice is about twice as fast as
// TextDecoder for the short strings OTLP is made of; attribute keys, which repeat in every span,
// go through a small direct-mapped cache that also hands back the same (internalised) string.

type Utf8Slice = (this: Buffer, start: number, end: number) => string;
const nativeSlice = (Buffer.prototype as unknown as { utf8Slice?: Utf8Slice }).utf8Slice;
const decoder = new TextDecoder();

/** A Buffer view of the same memory (no copy), so the native slice can be used. */
export function asBuffer(u8: Uint8Array): Buffer {
  return Buffer.isBuffer(u8) ? u8 : Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength);
}

export function utf8(buf: Buffer, start: number, end: number): string {
  if (start === end) return '';
  if (nativeSlice !== undefined) return nativeSlice.call(buf, start, end);
  return decoder.decode(buf.subarray(start, end));
}

const KEY_CACHE_SIZE = 2048; // power of two
const MAX_CACHED = 64;

/**
 * Interns short strings (attribute keys, short repeated values) by their bytes: a direct-mapped
 * table whose entries keep a copy of their bytes in one arena, so a miss allocates nothing but the
 * string itself and the caller's buffer can be reused freely.
 */
export class KeyCache {
  private readonly arena = new Uint8Array(KEY_CACHE_SIZE * MAX_CACHED);
  private readonly lengths = new Int32Array(KEY_CACHE_SIZE).fill(-1);
  private readonly strings: string[] = new Array<string>(KEY_CACHE_SIZE).fill('');

  get(buf: Buffer, start: number, end: number): string {
    const len = end - start;
    if (len > MAX_CACHED || len === 0) return utf8(buf, start, end);
    let h = 0x811c9dc5 ^ len;
    for (let i = start; i < end; i++) h = Math.imul(h ^ buf[i]!, 16777619);
    const slot = (h >>> 0) & (KEY_CACHE_SIZE - 1);
    const arena = this.arena;
    const at = slot * MAX_CACHED;
    if (this.lengths[slot] === len) {
      let i = 0;
      while (i < len && arena[at + i] === buf[start + i]) i++;
      if (i === len) return this.strings[slot]!;
    }
    const s = utf8(buf, start, end);
    for (let i = 0; i < len; i++) arena[at + i] = buf[start + i]!;
    this.lengths[slot] = len;
    this.strings[slot] = s;
    return s;
  }
}
