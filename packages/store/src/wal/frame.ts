// One WAL record on disk: [payload length u32][crc32 u32][seq f64][payload]. The CRC covers seq and
// payload, so a torn tail (crash mid-write) and a corrupted record are both detected on read.
import { crc32 } from 'node:zlib';

export const HEADER_BYTES = 16;
/** A record larger than this is treated as corruption (a length field of garbage). */
export const MAX_RECORD_BYTES = 1 << 30;

export function encodeFrame(seq: number, payload: Buffer): Buffer {
  const buf = Buffer.allocUnsafe(HEADER_BYTES + payload.length);
  buf.writeUInt32LE(payload.length, 0);
  buf.writeDoubleLE(seq, 8);
  payload.copy(buf, HEADER_BYTES);
  buf.writeUInt32LE(crc32(buf.subarray(8)), 4);
  return buf;
}

export interface DecodedFrame {
  seq: number;
  payload: Buffer;
}

export interface ReadResult {
  frames: DecodedFrame[];
  /** 'torn': the file ends inside a record (normal after a crash mid-write); 'corrupt': a whole
   * record fails its CRC or has an impossible length, and nothing after it is trusted. */
  stop: null | { kind: 'torn' | 'corrupt'; offset: number };
}

export function readFrames(buf: Buffer): ReadResult {
  const frames: DecodedFrame[] = [];
  let off = 0;
  while (off < buf.length) {
    if (buf.length - off < HEADER_BYTES) return { frames, stop: { kind: 'torn', offset: off } };
    const len = buf.readUInt32LE(off);
    if (len > MAX_RECORD_BYTES) return { frames, stop: { kind: 'corrupt', offset: off } };
    const end = off + HEADER_BYTES + len;
    if (end > buf.length) return { frames, stop: { kind: 'torn', offset: off } };
    if (crc32(buf.subarray(off + 8, end)) !== buf.readUInt32LE(off + 4)) {
      // A bad CRC on the very last record is a torn write (its bytes reached the file partly).
      return { frames, stop: { kind: end === buf.length ? 'torn' : 'corrupt', offset: off } };
    }
    frames.push({ seq: buf.readDoubleLE(off + 8), payload: buf.subarray(off + HEADER_BYTES, end) });
    off = end;
  }
  return { frames, stop: null };
}
