// The store's writer: accepts row batches from any number of concurrent callers, coalesces them into
// one INSERT per table, and resolves each write() only when all of its rows are durable: without a
// write-ahead log when their INSERTs returned; with one when the batch's record is appended (the
// INSERTs follow in the background, and are replayed at the next start if the process dies first).
import { batchSize, type Attributes, type RowBatch } from '@nightjar/model';
import type { WriterOptions } from '../config.ts';
import type { Db } from '../db.ts';
import { StoreError, StoreOverloadedError } from '../errors.ts';
import {
  INGEST_ERROR_COLUMNS, INVOCATION_COLUMNS, LOG_COLUMNS, METRIC_COLUMNS, RESOURCE_COLUMNS, SPAN_COLUMNS,
  encodeIngestError, encodeInvocation, encodeLog, encodeMetric, encodeSpan, invocationBucket,
} from './encode.ts';
import { ResourceRegistry, type ResourceNeed } from './resource-registry.ts';
import { resourceId } from './resource-ids.ts';
import { TableQueue, type InsertLog } from './table-queue.ts';
import { validateBatch } from './validate.ts';
import type { WriteAheadLog } from '../wal/write-ahead-log.ts';
import { encodeData, encodeMarker, type DataPart, type WalTable } from '../wal/records.ts';
import { dedupToken } from '../wal/token.ts';

/** Rows of one table produced by one write(), before they are queued. */
interface Part {
  q: TableQueue<unknown>;
  body: string;
  rows: number;
  meta: unknown;
}

/** What an invocation row changed, for the rollup refresher. */
export interface InvocationTouch {
  project: string;
  function: string;
  requestId: string;
  /** Unix seconds of the minute of the row's start, or null when the source did not know it. */
  startMinute: number | null;
  /** Unix seconds of the minute the row is filed under (start, else arrival). */
  bucket: number;
}

export interface Writer {
  /**
   * Accepts a batch; resolves when every row of it is durable, rejects if an INSERT holding any of
   * its rows failed (nothing was acknowledged: the client retries). Throws StoreOverloadedError
   * synchronously, accepting nothing, when the batch would exceed maxPendingRows.
   */
  write(batch: RowBatch): Promise<void>;
  /** Rows accepted but not yet durable. */
  readonly pendingRows: number;
  /** Writes everything accepted so far; resolves when it has settled. */
  flush(): Promise<void>;
  /** Flushes, then refuses further writes. */
  close(): Promise<void>;
}

export class StoreWriter implements Writer {
  private readonly spans: TableQueue;
  private readonly resources: TableQueue;
  private readonly logs: TableQueue;
  private readonly invocations: TableQueue<InvocationTouch[]>;
  private readonly metrics: TableQueue;
  private readonly ingestErrors: TableQueue;
  private readonly queues: TableQueue<unknown>[];
  private readonly registry = new ResourceRegistry();
  private readonly maxPendingRows: number;
  private readonly walBacklogRows: number;
  private closed = false;
  /** Rows of records being appended to the log (accepted, not yet queued). */
  private appendingRows = 0;
  /** Their appends: flush() waits for them, so that their rows are queued before it drains. */
  private readonly appends = new Set<Promise<unknown>>();
  private readonly insertLog: InsertLog | null;

  constructor(
    db: Db,
    opts: Required<WriterOptions>,
    onInvocations: ((touches: InvocationTouch[]) => void) | null,
    private readonly wal: WriteAheadLog | null = null,
  ) {
    const limits = { maxBatchRows: opts.maxBatchRows, minBatchRows: Math.min(opts.minBatchRows, opts.maxBatchRows), maxDelayMs: opts.maxDelayMs, maxInFlight: opts.maxInFlightPerTable };
    this.maxPendingRows = opts.maxPendingRows;
    this.walBacklogRows = opts.walBacklogRows;
    this.insertLog = wal ? walInsertLog(wal) : null;
    const il = this.insertLog;
    this.spans = new TableQueue(db, 'spans', SPAN_COLUMNS, limits, null, il);
    this.resources = new TableQueue(db, 'span_resources', RESOURCE_COLUMNS, limits, null, il);
    this.logs = new TableQueue(db, 'logs', LOG_COLUMNS, limits, null, il);
    this.invocations = new TableQueue<InvocationTouch[]>(db, 'invocations', INVOCATION_COLUMNS, limits, onInvocations ? (metas) => onInvocations(metas.flat()) : null, il);
    this.metrics = new TableQueue(db, 'metrics', METRIC_COLUMNS, limits, null, il);
    this.ingestErrors = new TableQueue(db, 'ingest_errors', INGEST_ERROR_COLUMNS, limits, null, il);
    this.queues = [this.spans, this.resources, this.logs, this.invocations, this.metrics, this.ingestErrors] as TableQueue<unknown>[];
  }

  get pendingRows(): number {
    let n = this.appendingRows;
    for (const q of this.queues) n += q.pendingRows;
    return n;
  }

  write(batch: RowBatch): Promise<void> {
    if (this.closed) throw new StoreError('the store is closed');
    const n = batchSize(batch);
    const pending = this.pendingRows;
    // A batch larger than the whole budget is still taken when nothing waits, or it could never be.
    if (pending > 0 && pending + n > this.maxPendingRows) {
      throw new StoreOverloadedError(`store writer is full (${pending} rows waiting, limit ${this.maxPendingRows}); retry shortly`);
    }
    validateBatch(batch);
    const nowMs = Date.now();
    const parts: Part[] = [];
    let touches: InvocationTouch[] = [];
    if (batch.spans.length > 0) parts.push({ q: this.spans as TableQueue<unknown>, body: lines(batch.spans, encodeSpan), rows: batch.spans.length, meta: undefined });
    if (batch.logs.length > 0) parts.push({ q: this.logs as TableQueue<unknown>, body: lines(batch.logs, encodeLog), rows: batch.logs.length, meta: undefined });
    if (batch.invocations.length > 0) {
      let body = '';
      touches = new Array<InvocationTouch>(batch.invocations.length);
      for (let i = 0; i < batch.invocations.length; i++) {
        const r = batch.invocations[i]!;
        body += JSON.stringify(encodeInvocation(r, nowMs)) + '\n';
        const bucket = invocationBucket(r, nowMs);
        touches[i] = { project: r.project, function: r.function, requestId: r.requestId, startMinute: r.startNs === null ? null : bucket, bucket };
      }
      parts.push({ q: this.invocations as TableQueue<unknown>, body, rows: batch.invocations.length, meta: touches });
    }
    if (batch.metrics.length > 0) parts.push({ q: this.metrics as TableQueue<unknown>, body: lines(batch.metrics, encodeMetric), rows: batch.metrics.length, meta: undefined });
    if (batch.ingestErrors.length > 0) parts.push({ q: this.ingestErrors as TableQueue<unknown>, body: lines(batch.ingestErrors, encodeIngestError), rows: batch.ingestErrors.length, meta: undefined });
    const resources = batch.spans.length > 0 ? this.planResources(batch, nowMs) : null;
    if (resources?.part) parts.push(resources.part);

    if (this.wal) return this.writeLogged(this.wal, parts, touches, resources);
    const done: Promise<void>[] = [];
    for (const p of parts) {
      const d = p.q.enqueue(p.body, p.rows, p.meta);
      if (p === resources?.part) this.registry.track(resources.keys, resources.today, d);
      done.push(d);
    }
    if (resources) done.push(...resources.waitFor);
    if (done.length === 1) return done[0]!;
    return Promise.all(done).then(() => undefined);
  }

  /** Appends the batch's record; once written, queues its rows and completes the record when all
   * are inserted. Resolves when written, or, when more than walBacklogRows were pending before it,
   * when its rows are inserted (backpressure). Resource rows referenced but written by an earlier write are in an earlier (or the
   * same) record, so nothing is waited for beyond the append. */
  private writeLogged(wal: WriteAheadLog, parts: Part[], touches: InvocationTouch[], resources: ResourcePlan | null): Promise<void> {
    const dataParts: DataPart[] = parts.map((p) => ({ table: p.q.table as WalTable, body: p.body, rows: p.rows }));
    let rows = 0;
    for (const p of parts) rows += p.rows;
    const backlogged = this.pendingRows > this.walBacklogRows;
    const { seq, written } = wal.append(encodeData(dataParts, touches), true);
    this.appendingRows += rows;
    if (resources?.part) this.registry.track(resources.keys, resources.today, written);
    const queued = written.then(
      () => {
        this.appendingRows -= rows;
        let left = parts.length;
        const one = () => {
          if (--left === 0) wal.complete(seq);
        };
        const inserted = parts.map((p) => p.q.enqueue(p.body, p.rows, p.meta, seq).then(one));
        if (backlogged) return Promise.all(inserted).then(() => undefined);
      },
      (err: unknown) => {
        this.appendingRows -= rows;
        throw err;
      },
    );
    const settled = queued.catch(() => undefined).finally(() => this.appends.delete(settled));
    this.appends.add(settled);
    return queued;
  }

  private planResources(batch: RowBatch, nowMs: number): ResourcePlan | null {
    const seen = new Map<Attributes, ResourceNeed>();
    for (const s of batch.spans) {
      if (!seen.has(s.resource)) {
        const id = resourceId(s.resource);
        if (id !== 0) seen.set(s.resource, { project: s.project, id, attributes: s.resource });
      }
    }
    if (seen.size === 0) return null;
    const today = Math.floor(nowMs / 86_400_000);
    const plan = this.registry.plan(dedupe(seen.values()), today);
    let part: Part | null = null;
    if (plan.write.length > 0) {
      const lastSeen = Math.floor(nowMs / 1000);
      let res = '';
      for (const r of plan.write) res += JSON.stringify([r.project, r.id, r.attributes, lastSeen]) + '\n';
      part = { q: this.resources as TableQueue<unknown>, body: res, rows: plan.write.length, meta: undefined };
    }
    return { part, keys: plan.keys, today, waitFor: plan.waitFor };
  }

  async flush(): Promise<void> {
    if (this.appends.size > 0) await Promise.all(this.appends);
    await Promise.all(this.queues.map((q) => q.drain()));
  }

  /** Refuses further writes, then flushes. With a log, an INSERT that keeps failing is given up
   * after its next attempt (its rows stay in the log, replayed at the next start); the log's
   * segments are deleted when everything was inserted. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.wal) for (const q of this.queues) q.abandon();
    await this.flush();
    await this.wal?.close();
  }
}

interface ResourcePlan {
  part: Part | null;
  keys: string[];
  today: number;
  waitFor: Promise<void>[];
}

function walInsertLog(wal: WriteAheadLog): InsertLog {
  return {
    token: (table, seqs) => dedupToken(wal.run, table, seqs),
    beforeInsert: (table, seqs) => wal.appendMarker(encodeMarker('intent', table as WalTable, seqs)),
    afterInsert: (table, seqs) => {
      try {
        wal.appendMarker(encodeMarker('done', table as WalTable, seqs)).catch(() => undefined);
      } catch {
        // the log is closing: a missing done record only makes replay repeat a deduplicated INSERT
      }
    },
    onError: (m, e) => wal.opts.onError(m, e),
  };
}

function lines<T>(rows: readonly T[], encode: (r: T) => unknown[]): string {
  let body = '';
  for (const r of rows) body += JSON.stringify(encode(r)) + '\n';
  return body;
}

/** Distinct (project, id): the same resource may arrive as different objects. */
function* dedupe(needs: Iterable<ResourceNeed>): Iterable<ResourceNeed> {
  const keys = new Set<string>();
  for (const r of needs) {
    const k = `${r.project}\u0000${r.id}`;
    if (keys.has(k)) continue;
    keys.add(k);
    yield r;
  }
}
