// One table's insert queue: coalesces many writes' pre-encoded rows into one INSERT. It flushes when
// maxBatchRows rows wait, when minBatchRows wait and no INSERT of this table is running (group commit:
// under load, batches grow to what arrives during the previous INSERT), or maxDelayMs after the
// first waiting row; at most maxInFlight INSERTs at a time. Every INSERT costs a fixed ~10-40 ms of
// CPU in chDB whatever its size, so small batches are expensive.
// Each enqueued entry resolves when the INSERT holding it returned (the part is written) and
// rejects with that INSERT's error.
import type { Db } from '../db.ts';

export interface QueueLimits {
  maxBatchRows: number;
  minBatchRows: number;
  maxDelayMs: number;
  maxInFlight: number;
}

interface Entry<M> {
  body: string;
  rows: number;
  meta: M;
  resolve: () => void;
  reject: (err: unknown) => void;
  done: Promise<void>;
}

export class TableQueue<M = undefined> {
  private queued: Entry<M>[] = [];
  private queuedRows = 0;
  private inFlightRows = 0;
  private inFlight = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly inFlightEntries = new Set<Entry<M>>();
  private draining = 0;

  constructor(
    private readonly db: Db,
    readonly table: string,
    private readonly columns: readonly string[],
    private readonly limits: QueueLimits,
    /** Called after an INSERT succeeded, with the metadata of every entry it held. */
    private readonly onInserted: ((metas: M[]) => void) | null = null,
  ) {}

  /** Rows accepted and not yet written (queued or in an INSERT). */
  get pendingRows(): number {
    return this.queuedRows + this.inFlightRows;
  }

  /** `body` is `rows` JSONCompactEachRow lines, each ending in '\n'. */
  enqueue(body: string, rows: number, meta: M): Promise<void> {
    let resolve!: () => void;
    let reject!: (err: unknown) => void;
    const done = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    this.queued.push({ body, rows, meta, resolve, reject, done });
    this.queuedRows += rows;
    if (this.queuedRows >= this.limits.maxBatchRows || this.draining > 0 || (this.inFlight === 0 && this.queuedRows >= this.limits.minBatchRows)) this.pump(true);
    else if (this.timer === null) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.pump(true);
      }, this.limits.maxDelayMs);
    }
    return done;
  }

  /** Writes everything queued now and resolves when every entry queued or in flight has settled. */
  async drain(): Promise<void> {
    const waiting = [...this.queued, ...this.inFlightEntries].map((e) => e.done.catch(() => undefined));
    this.draining++;
    try {
      this.pump(true);
      await Promise.all(waiting);
    } finally {
      this.draining--;
    }
  }

  private pump(due: boolean): void {
    while (this.inFlight < this.limits.maxInFlight && this.queued.length > 0 && (due || this.queuedRows >= this.limits.maxBatchRows)) {
      if (this.timer !== null) {
        clearTimeout(this.timer);
        this.timer = null;
      }
      const take: Entry<M>[] = [];
      let rows = 0;
      while (this.queued.length > 0 && (take.length === 0 || rows + this.queued[0]!.rows <= this.limits.maxBatchRows)) {
        const e = this.queued.shift()!;
        take.push(e);
        rows += e.rows;
      }
      this.queuedRows -= rows;
      this.inFlightRows += rows;
      this.inFlight++;
      for (const e of take) this.inFlightEntries.add(e);
      void this.insert(take, rows);
    }
  }

  private async insert(entries: Entry<M>[], rows: number): Promise<void> {
    let error: unknown = null;
    try {
      const body = entries.length === 1 ? entries[0]!.body : entries.map((e) => e.body).join('');
      await this.db.insertText(this.table, this.columns, body);
    } catch (err) {
      error = err;
    }
    this.inFlight--;
    this.inFlightRows -= rows;
    for (const e of entries) this.inFlightEntries.delete(e);
    if (error === null) {
      if (this.onInserted) {
        try {
          this.onInserted(entries.map((e) => e.meta));
        } catch {
          // bookkeeping must never turn a durable insert into a failure
        }
      }
      for (const e of entries) e.resolve();
    } else {
      for (const e of entries) e.reject(error);
    }
    // Rows that arrived while this INSERT ran go next if there are enough of them (or the timer says so).
    if (this.queuedRows >= this.limits.minBatchRows || this.draining > 0) this.pump(true);
    else if (this.queued.length > 0 && this.timer === null) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.pump(true);
      }, this.limits.maxDelayMs);
    }
  }
}
