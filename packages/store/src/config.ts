// How to reach ClickHouse and how the store behaves. Defaults live here, next to their reasons.
import type { WalOptions } from './wal/write-ahead-log.ts';

export type StoreConfig =
  | { kind: 'chdb'; dataDir: string }
  | { kind: 'clickhouse'; url: string; username?: string; password?: string; database?: string };

export interface StoreOptions {
  /** Days spans, logs, metrics and ingest errors are kept (default 30). */
  retentionDays?: number;
  /** Days invocations and the per-minute rollup are kept (default max(90, retentionDays)). */
  longRetentionDays?: number;
  /** Run the rollup refresher in this process (default true). */
  runRollups?: boolean;
  writer?: WriterOptions;
  rollup?: RollupOptions;
  /** Write-ahead log: write() acknowledges once the batch is appended to it, INSERTs follow in the
   * background and are replayed by migrate() after a crash. Default none: acknowledge after INSERT. */
  wal?: WalOptions | null;
}

export interface WriterOptions {
  /** Flush a table as soon as this many rows wait for it (default 16384). */
  maxBatchRows?: number;
  /** Flush a table as soon as this many rows wait and none of its INSERTs is running (default 4096;
   * 8192 with a WAL). */
  minBatchRows?: number;
  /** Flush a table at the latest this long after its first waiting row (default 50 ms: also the
   * acknowledgement latency at low load, which a tracer exporting on a Lambda's response path waits for;
   * 250 ms with a WAL, where it no longer delays acknowledgements and bigger INSERTs cost less CPU). */
  maxDelayMs?: number;
  /** Rows accepted but not yet durable, over all tables, before write() refuses (default 200000). */
  maxPendingRows?: number;
  /** With a WAL: while more rows than this wait for their INSERT, write() resolves only once its own
   * rows are inserted (as without a WAL), so a busy store slows its clients down instead of
   * refusing them at maxPendingRows after decoding their requests (default 32768). */
  walBacklogRows?: number;
  /** Concurrent INSERTs per table (default 2). */
  maxInFlightPerTable?: number;
}

export interface RollupOptions {
  /** How often dirty minutes are recomputed (default 1000 ms). */
  refreshIntervalMs?: number;
  /** How often the recent window is recomputed when this process's writer reported no invocations
   * since the last time (rows written by other processes; default 60 s; 0 = never). */
  sweepIntervalMs?: number;
  /** The recent window recomputed at start and by the sweep (default 2 h at start, 20 min by the sweep). */
  startupWindowMinutes?: number;
  sweepWindowMinutes?: number;
}

export interface ResolvedOptions {
  retentionDays: number;
  longRetentionDays: number;
  runRollups: boolean;
  writer: Required<WriterOptions>;
  rollup: Required<RollupOptions>;
  wal: WalOptions | null;
}

export function resolveOptions(o: StoreOptions = {}): ResolvedOptions {
  const retentionDays = positiveInt('retentionDays', o.retentionDays ?? 30);
  const wal = o.wal ?? null;
  return {
    wal,
    retentionDays,
    longRetentionDays: positiveInt('longRetentionDays', o.longRetentionDays ?? Math.max(90, retentionDays)),
    runRollups: o.runRollups ?? true,
    writer: {
      maxBatchRows: positiveInt('writer.maxBatchRows', o.writer?.maxBatchRows ?? 16384),
      minBatchRows: positiveInt('writer.minBatchRows', o.writer?.minBatchRows ?? (wal ? 8192 : 4096)),
      maxDelayMs: nonNegative('writer.maxDelayMs', o.writer?.maxDelayMs ?? (wal ? 250 : 50)),
      maxPendingRows: positiveInt('writer.maxPendingRows', o.writer?.maxPendingRows ?? 200_000),
      walBacklogRows: nonNegative('writer.walBacklogRows', o.writer?.walBacklogRows ?? 32768),
      maxInFlightPerTable: positiveInt('writer.maxInFlightPerTable', o.writer?.maxInFlightPerTable ?? 2),
    },
    rollup: {
      refreshIntervalMs: positiveInt('rollup.refreshIntervalMs', o.rollup?.refreshIntervalMs ?? 1000),
      sweepIntervalMs: nonNegative('rollup.sweepIntervalMs', o.rollup?.sweepIntervalMs ?? 60_000),
      startupWindowMinutes: nonNegative('rollup.startupWindowMinutes', o.rollup?.startupWindowMinutes ?? 120),
      sweepWindowMinutes: positiveInt('rollup.sweepWindowMinutes', o.rollup?.sweepWindowMinutes ?? 20),
    },
  };
}

function positiveInt(name: string, v: number): number {
  if (!Number.isInteger(v) || v < 1) throw new RangeError(`store option ${name} must be a positive integer, got ${v}`);
  return v;
}

function nonNegative(name: string, v: number): number {
  if (!Number.isFinite(v) || v < 0) throw new RangeError(`store option ${name} must be >= 0, got ${v}`);
  return v;
}
