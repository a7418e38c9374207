// Replays one OTLP protobuf body many times with fresh trace and span ids, so that every
// replayed span is unique in the store (realistic compression and index figures) while the
// client spends almost no CPU: the byte offsets of every id are found once, then overwritten.
import { randomFillSync } from 'node:crypto';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';

interface IdSlot {
  offset: number;
  group: number;
  length: 8 | 16;
}

export class IdRewriter {
  private readonly slots: IdSlot[] = [];
  private readonly groups: number;

  constructor(
    private readonly body: Uint8Array,
    spans: ReadableSpan[],
  ) {
    const ids = new Map<string, number>();
    for (const s of spans) {
      for (const id of [s.spanContext().traceId, s.spanContext().spanId]) if (!ids.has(id)) ids.set(id, ids.size);
    }
    const buf = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    for (const [hex, group] of ids) {
      const needle = Buffer.from(hex, 'hex');
      for (let at = buf.indexOf(needle); at !== -1; at = buf.indexOf(needle, at + needle.length)) {
        this.slots.push({ offset: at, group, length: needle.length as 8 | 16 });
      }
    }
    this.groups = ids.size;
  }

  get idCount(): number {
    return this.slots.length;
  }

  /** A copy of the body with every id replaced by a new random one (consistently within the body). */
  next(): Buffer {
    const out = Buffer.from(this.body);
    const fresh = randomFillSync(Buffer.alloc(this.groups * 16));
    for (const s of this.slots) fresh.copy(out, s.offset, s.group * 16, s.group * 16 + s.length);
    return out;
  }
}
