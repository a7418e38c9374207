// A FIFO of byte payloads bounded by total size: when a new item does not fit, the oldest are
// dropped (and counted) to make room. An item larger than the whole bound is dropped itself.

export class BoundedQueue<T> {
  private items: { value: T; bytes: number }[] = [];
  private total = 0;
  /** Items dropped because the queue was full. */
  dropped = 0;

  constructor(private readonly maxBytes: number) {}

  get length(): number {
    return this.items.length;
  }

  get bytes(): number {
    return this.total;
  }

  push(value: T, bytes: number): void {
    if (bytes > this.maxBytes) {
      this.dropped++;
      return;
    }
    while (this.total + bytes > this.maxBytes) {
      const oldest = this.items.shift();
      if (oldest === undefined) break;
      this.total -= oldest.bytes;
      this.dropped++;
    }
    this.items.push({ value, bytes });
    this.total += bytes;
  }

  /** Removes and returns the oldest items whose sizes add up to at most maxBytes (at least one item). */
  take(maxBytes: number): T[] {
    const out: T[] = [];
    let sum = 0;
    while (this.items.length > 0) {
      const next = this.items[0];
      if (next === undefined || (out.length > 0 && sum + next.bytes > maxBytes)) break;
      this.items.shift();
      this.total -= next.bytes;
      sum += next.bytes;
      out.push(next.value);
    }
    return out;
  }
}
