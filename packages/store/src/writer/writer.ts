// The store's writer: accepts row batches from any number of concurrent callers, coalesces them into
// one INSERT per table, and resolves each write() only when all of its rows are durable.
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
import { TableQueue } from './table-queue.ts';
import { validateBatch } from './validate.ts';

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
  private closed = false;

  constructor(db: Db, opts: Required<WriterOptions>, onInvocations: ((touches: InvocationTouch[]) => void) | null) {
    const limits = { maxBatchRows: opts.maxBatchRows, minBatchRows: Math.min(opts.minBatchRows, opts.maxBatchRows), maxDelayMs: opts.maxDelayMs, maxInFlight: opts.maxInFlightPerTable };
    this.maxPendingRows = opts.maxPendingRows;
    this.spans = new TableQueue(db, 'spans', SPAN_COLUMNS, limits);
    this.resources = new TableQueue(db, 'span_resources', RESOURCE_COLUMNS, limits);
    this.logs = new TableQueue(db, 'logs', LOG_COLUMNS, limits);
    this.invocations = new TableQueue<InvocationTouch[]>(db, 'invocations', INVOCATION_COLUMNS, limits, onInvocations ? (metas) => onInvocations(metas.flat()) : null);
    this.metrics = new TableQueue(db, 'metrics', METRIC_COLUMNS, limits);
    this.ingestErrors = new TableQueue(db, 'ingest_errors', INGEST_ERROR_COLUMNS, limits);
    this.queues = [this.spans, this.resources, this.logs, this.invocations, this.metrics, this.ingestErrors] as TableQueue<unknown>[];
  }

  get pendingRows(): number {
    let n = 0;
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
    const parts: Promise<void>[] = [];
    const nowMs = Date.now();
    if (batch.spans.length > 0) this.writeSpans(batch, nowMs, parts);
    if (batch.logs.length > 0) parts.push(this.logs.enqueue(lines(batch.logs, encodeLog), batch.logs.length, undefined));
    if (batch.invocations.length > 0) {
      let body = '';
      const touches: InvocationTouch[] = new Array<InvocationTouch>(batch.invocations.length);
      for (let i = 0; i < batch.invocations.length; i++) {
        const r = batch.invocations[i]!;
        body += JSON.stringify(encodeInvocation(r, nowMs)) + '\n';
        const bucket = invocationBucket(r, nowMs);
        touches[i] = { project: r.project, function: r.function, requestId: r.requestId, startMinute: r.startNs === null ? null : bucket, bucket };
      }
      parts.push(this.invocations.enqueue(body, batch.invocations.length, touches));
    }
    if (batch.metrics.length > 0) parts.push(this.metrics.enqueue(lines(batch.metrics, encodeMetric), batch.metrics.length, undefined));
    if (batch.ingestErrors.length > 0) parts.push(this.ingestErrors.enqueue(lines(batch.ingestErrors, encodeIngestError), batch.ingestErrors.length, undefined));
    if (parts.length === 1) return parts[0]!;
    return Promise.all(parts).then(() => undefined);
  }

  private writeSpans(batch: RowBatch, nowMs: number, parts: Promise<void>[]): void {
    let body = '';
    const seen = new Map<Attributes, ResourceNeed>();
    for (const s of batch.spans) {
      body += JSON.stringify(encodeSpan(s)) + '\n';
      if (!seen.has(s.resource)) {
        const id = resourceId(s.resource);
        if (id !== 0) seen.set(s.resource, { project: s.project, id, attributes: s.resource });
      }
    }
    parts.push(this.spans.enqueue(body, batch.spans.length, undefined));
    if (seen.size === 0) return;
    const today = Math.floor(nowMs / 86_400_000);
    const plan = this.registry.plan(dedupe(seen.values()), today);
    parts.push(...plan.waitFor);
    if (plan.write.length > 0) {
      const lastSeen = Math.floor(nowMs / 1000);
      let res = '';
      for (const r of plan.write) res += JSON.stringify([r.project, r.id, r.attributes, lastSeen]) + '\n';
      const done = this.resources.enqueue(res, plan.write.length, undefined);
      this.registry.track(plan.keys, today, done);
      parts.push(done);
    }
  }

  async flush(): Promise<void> {
    await Promise.all(this.queues.map((q) => q.drain()));
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
  }
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
