// The stream event source mapping shared by DynamoDB Streams and Kinesis: one shard's records in
// an append-only log, read in order by a poller that invokes a function with one batch at a time.
// A batch goes out once batchSize records wait or the oldest waiting record has waited the batching
// window. A failed batch blocks the shard and is retried (throttles without limit, function errors
// up to maxRetries times) before it is skipped and reported. With reportBatchItemFailures, the
// records before the first reported failure count as done and only the rest is retried.
import type { LambdaInvoker } from './types.ts';

/** An append-only record log with absolute positions; old records can be trimmed. */
export class RecordLog<R> {
  private items: R[] = [];
  private base = 0;

  append(r: R): number {
    this.items.push(r);
    return this.base + this.items.length - 1;
  }

  /** Position of the oldest record still kept. */
  get start(): number {
    return this.base;
  }

  /** Position after the newest record. */
  get end(): number {
    return this.base + this.items.length;
  }

  at(pos: number): R | undefined {
    return pos < this.base ? undefined : this.items[pos - this.base];
  }

  /** Up to max records from a position (from the oldest kept when the position was trimmed). */
  slice(from: number, max: number): R[] {
    const i = Math.max(from, this.base) - this.base;
    return this.items.slice(i, i + max);
  }

  /** Drops the records before a position. */
  trimBefore(pos: number): void {
    const n = Math.min(pos, this.end) - this.base;
    if (n <= 0) return;
    this.items = this.items.slice(n);
    this.base += n;
  }

  /** Drops the oldest records while a predicate holds for them. */
  trimWhile(old: (r: R) => boolean): void {
    let n = 0;
    while (n < this.items.length && old(this.items[n] as R)) n++;
    this.trimBefore(this.base + n);
  }
}

/** How an invocation with one batch ended. */
export type DeliveryResult =
  | { ok: true }
  /** succeeded: how many records at the start of the batch were processed (partial batch response). */
  | { ok: false; error: unknown; throttled?: boolean; succeeded?: number };

/** What a stream service (Kinesis, DynamoDB Streams) needs to deliver its batches to functions. */
export interface StreamServiceOptions {
  invoker: LambdaInvoker;
  /** A batch skipped after its last retry. */
  onError?: (err: unknown) => void;
  /** Delay before the first retry of a failed batch (default 500 ms, doubling). */
  retryDelayMs?: number;
}

export interface ShardPollerOptions<R> {
  log: RecordLog<R>;
  /** Position to start reading at. */
  from: number;
  batchSize: number;
  windowMs: number;
  /** Function errors retried this many times before the batch is skipped. */
  maxRetries: number;
  /** Delay before the first retry; doubles with each further retry (capped at 30 s). */
  retryDelayMs: number;
  /** When a record was appended (ms). */
  arrivedAt(r: R): number;
  deliver(batch: R[]): Promise<DeliveryResult>;
  /** A batch skipped after its last retry. */
  onSkip(batch: R[], error: unknown, attempts: number): void;
}

export interface ShardPoller {
  /** Records were appended. */
  notify(): void;
  /** Position of the next record to deliver. */
  position(): number;
  /** Whether a batch is being delivered or retried. */
  busy(): boolean;
  close(): Promise<void>;
}

export function startShardPoller<R>(o: ShardPollerOptions<R>): ShardPoller {
  let cursor = o.from;
  let running: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  let wake: (() => void) | undefined;

  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const t = setTimeout(() => {
        wake = undefined;
        resolve();
      }, ms);
      wake = () => {
        clearTimeout(t);
        wake = undefined;
        resolve();
      };
    });

  function notify(): void {
    if (closed || running !== undefined) return;
    if (cursor < o.log.start) cursor = o.log.start;
    const pending = o.log.end - cursor;
    if (pending <= 0) return;
    const oldest = o.log.at(cursor);
    const waited = oldest === undefined ? o.windowMs : Date.now() - o.arrivedAt(oldest);
    if (pending >= o.batchSize || waited >= o.windowMs) {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      running = run().finally(() => {
        running = undefined;
        notify();
      });
      return;
    }
    if (timer === undefined) {
      timer = setTimeout(() => {
        timer = undefined;
        notify();
      }, o.windowMs - waited);
    }
  }

  async function run(): Promise<void> {
    let batch = o.log.slice(cursor, o.batchSize);
    let failures = 0;
    while (batch.length > 0 && !closed) {
      let result: DeliveryResult;
      try {
        result = await o.deliver(batch);
      } catch (error) {
        result = { ok: false, error };
      }
      if (result.ok) {
        cursor += batch.length;
        return;
      }
      const done = Math.min(Math.max(result.succeeded ?? 0, 0), batch.length);
      if (done > 0) {
        cursor += done;
        batch = batch.slice(done);
        if (batch.length === 0) return;
      }
      if (!result.throttled) {
        failures++;
        if (failures > o.maxRetries) {
          cursor += batch.length;
          o.onSkip(batch, result.error, failures);
          return;
        }
      }
      await sleep(Math.min(o.retryDelayMs * 2 ** Math.max(failures - 1, 0), 30_000));
    }
  }

  return {
    notify,
    position: () => cursor,
    busy: () => running !== undefined,
    async close() {
      closed = true;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      wake?.();
      await running;
    },
  };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A `batchItemFailures` answer: the records before the first failed one count as processed;
 * a malformed answer or an unknown identifier fails the whole batch, as Lambda does.
 */
export function partialFailure(ids: string[], payload: unknown, functionName: string): DeliveryResult {
  const failures = isRecord(payload) ? payload.batchItemFailures : undefined;
  if (failures === undefined || failures === null || (Array.isArray(failures) && failures.length === 0)) return { ok: true };
  const whole = (why: string): DeliveryResult => ({ ok: false, succeeded: 0, error: new Error(`${functionName} reported batch item failures: ${why}`) });
  if (!Array.isArray(failures)) return whole('batchItemFailures is not a list');
  let first = Infinity;
  for (const f of failures) {
    const id = isRecord(f) ? f.itemIdentifier : undefined;
    const index = typeof id === 'string' ? ids.indexOf(id) : -1;
    if (index < 0) return whole(`unknown itemIdentifier ${JSON.stringify(id)}`);
    first = Math.min(first, index);
  }
  return { ok: false, succeeded: first, error: new Error(`${functionName} reported ${failures.length} failed record(s), first ${ids[first] ?? ''}`) };
}
