// One table's insert queue: coalesces many writes' pre-encoded rows into one INSERT. It flushes when
// maxBatchRows rows wait, when minBatchRows wait and no INSERT of this table is running (group commit:
// under load, batches grow to what arrives during the previous INSERT), or maxDelayMs after the
// first waiting row; at most maxInFlight INSERTs at a time. Every INSERT costs a fixed ~10-40 ms of
// CPU in chDB whatever its size, so small batches are expensive.
// Each enqueued entry resolves when the INSERT holding it returned (the part is written) and
// rejects with that INSERT's error. With a write-ahead log (InsertLog) the rows are already
// acknowledged: an INSERT is announced in the log first, carries a dedup token derived from the
// log records it holds, is retried until it succeeds (or the queue is abandoned at close), and
// entries never reject.
import { randomBytes } from 'node:crypto';
import type { Db } from '../db.ts';

/** The write-ahead log's view of one table's INSERTs. */
export interface InsertLog {
  token(table: string, seqs: readonly number[]): string;
  /** Resolves when the intent to insert these records is in the log. */
  beforeInsert(table: string, seqs: readonly number[]): Promise<void>;
  afterInsert(table: string, seqs: readonly number[]): void;
  onError(message: string, err: unknown): void;
}

/** Retry delays of a failed INSERT with a log: 0.5 s doubling to 30 s. */
const RETRY_MS = [500, 1000, 2000, 4000, 8000, 16000, 30000];
const ONCE = randomBytes(6).toString('hex');
let onceCounter = 0;

export interface QueueLimits {
  maxBatchRows: number;
  minBatchRows: number;
  maxDelayMs: number;
  maxInFlight: number;
}

interface Entry<M> {
  /** The WAL record holding the rows (0 without a log). */
  seq: number;
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
  /** Set by abandon(): a failing INSERT stops retrying (its rows stay in the log for replay). */
  private abandoned = false;

  constructor(
    private readonly db: Db,
    readonly table: string,
    private readonly columns: readonly string[],
    private readonly limits: QueueLimits,
    /** Called after an INSERT succeeded, with the metadata of every entry it held. */
    private readonly onInserted: ((metas: M[]) => void) | null = null,
    private readonly log: InsertLog | null = null,
  ) {}

  /** Stops retrying failed INSERTs (close with a log: the rows are replayed at the next start). */
  abandon(): void {
    this.abandoned = true;
  }

  /** Rows accepted and not yet written (queued or in an INSERT). */
  get pendingRows(): number {
    return this.queuedRows + this.inFlightRows;
  }

  /** `body` is `rows` JSONCompactEachRow lines, each ending in '\n'. */
  enqueue(body: string, rows: number, meta: M, seq = 0): Promise<void> {
    let resolve!: () => void;
    let reject!: (err: unknown) => void;
    const done = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    this.queued.push({ seq, body, rows, meta, resolve, reject, done });
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
    const body = entries.length === 1 ? entries[0]!.body : entries.map((e) => e.body).join('');
    const error = this.log ? await this.insertLogged(entries, body) : await this.insertOnce(body);
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
    } else if (this.log) {
      for (const e of entries) e.resolve(); // abandoned: the log keeps the rows
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

  /** Without a log: one attempt; a unique token so that identical blocks are never dropped. */
  private async insertOnce(body: string): Promise<unknown> {
    try {
      await this.db.insertText(this.table, this.columns, body, `once-${ONCE}-${++onceCounter}`);
      return null;
    } catch (err) {
      return err;
    }
  }

  /** With a log: intent, then the INSERT until it succeeds (same group, same token), then done. */
  private async insertLogged(entries: Entry<M>[], body: string): Promise<unknown> {
    const log = this.log!;
    const seqs = entries.map((e) => e.seq);
    const token = log.token(this.table, seqs);
    for (let attempt = 0; ; attempt++) {
      try {
        if (attempt === 0) await log.beforeInsert(this.table, seqs);
        await this.db.insertText(this.table, this.columns, body, token);
        log.afterInsert(this.table, seqs);
        return null;
      } catch (err) {
        if (this.abandoned) {
          log.onError(`INSERT into ${this.table} failed at close; its ${entries.length} WAL records are replayed at the next start`, err);
          return err;
        }
        const wait = RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)]!;
        log.onError(`INSERT into ${this.table} failed (attempt ${attempt + 1}); retrying in ${wait} ms`, err);
        await new Promise((r) => setTimeout(r, wait));
      }
    }
  }
}
