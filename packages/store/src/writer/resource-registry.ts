// Which resource rows this process has made durable today. A span batch must not be acknowledged
// before the resource rows its spans reference are durable: a write either enqueues the resource row
// itself or waits for the write that already did.
import type { Attributes } from '@nightjar/model';

interface Known {
  /** UTC day (days since the epoch) the row was last written. */
  day: number;
  /** Set while the INSERT holding it is in flight. */
  pending: Promise<void> | null;
}

export interface ResourceNeed {
  project: string;
  id: number;
  attributes: Attributes;
}

export class ResourceRegistry {
  private readonly known = new Map<string, Known>();

  /**
   * For one span batch: resources to write now, and in-flight writes to wait for. Marks the returned
   * resources as pending; call track() with the promise of their INSERT.
   */
  plan(resources: Iterable<ResourceNeed>, today: number): { write: ResourceNeed[]; waitFor: Promise<void>[]; keys: string[] } {
    const write: ResourceNeed[] = [];
    const waitFor: Promise<void>[] = [];
    const keys: string[] = [];
    for (const r of resources) {
      const key = `${r.project}\u0000${r.id}`;
      const k = this.known.get(key);
      if (k && k.day === today) {
        if (k.pending) waitFor.push(k.pending);
        continue;
      }
      write.push(r);
      keys.push(key);
    }
    return { write, waitFor, keys };
  }

  track(keys: string[], today: number, insert: Promise<void>): void {
    for (const key of keys) {
      const rec: Known = { day: today, pending: insert };
      this.known.set(key, rec);
      insert.then(
        () => {
          rec.pending = null;
        },
        () => {
          if (this.known.get(key) === rec) this.known.delete(key);
        },
      );
    }
  }
}
