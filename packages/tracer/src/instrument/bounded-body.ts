// Collects the first `limit` bytes of a request or response body, chunk by chunk; never throws.
import { gunzipSync } from 'node:zlib';

export class BoundedBody {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  truncated = false;

  constructor(private readonly limit: number) {}

  add(chunk: unknown, encoding?: unknown): void {
    try {
      if (this.truncated || chunk === undefined || chunk === null || typeof chunk === 'function') return;
      const buf = typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' && Buffer.isEncoding(encoding) ? encoding : 'utf8') : chunk instanceof Uint8Array ? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength) : undefined;
      if (buf === undefined) return;
      const room = this.limit - this.size;
      if (buf.byteLength > room) {
        this.truncated = true;
        if (room > 0) this.chunks.push(Buffer.from(buf.subarray(0, room)));
        this.size = this.limit;
        return;
      }
      this.chunks.push(Buffer.from(buf)); // a copy: the caller may reuse its buffer
      this.size += buf.byteLength;
    } catch {
      this.truncated = true;
    }
  }

  /** The body as text (gunzipped when `gzip`), or undefined when it was cut or cannot be read. */
  text(gzip = false): string | undefined {
    if (this.truncated) return undefined;
    try {
      const raw = Buffer.concat(this.chunks);
      return (gzip ? gunzipSync(raw, { maxOutputLength: this.limit * 4 }) : raw).toString('utf8');
    } catch {
      return undefined;
    }
  }
}
