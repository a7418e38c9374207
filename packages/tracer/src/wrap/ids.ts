// Random trace and span ids, and the unix-nanosecond clock of span times.
import { randomFillSync } from 'node:crypto';

const pool = Buffer.alloc(4096);
let offset = pool.length;

function hex(bytes: number): string {
  if (offset + bytes > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const s = pool.toString('hex', offset, offset + bytes);
  offset += bytes;
  return /^0+$/.test(s) ? hex(bytes) : s;
}

export const newTraceId = (): string => hex(16);
export const newSpanId = (): string => hex(8);

const EPOCH_OFFSET_NS = BigInt(Date.now()) * 1_000_000n - process.hrtime.bigint();

/** Unix time in nanoseconds, with the monotonic clock's resolution. */
export function nowNs(): bigint {
  return EPOCH_OFFSET_NS + process.hrtime.bigint();
}
