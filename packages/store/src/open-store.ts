// openStore(): connect, and wire the writer, the queries and (optionally) the rollup refresher.
import { resolveOptions, type ResolvedOptions, type StoreConfig, type StoreOptions } from './config.ts';
import { connect, type Db } from './db.ts';
import { StoreQueries } from './queries/store-queries.ts';
import { RollupRefresher } from './rollup/refresher.ts';
import { migrate, type MigrationReport } from './schema/migrate.ts';
import { StoreWriter, type Writer } from './writer/writer.ts';
import { WriteAheadLog } from './wal/write-ahead-log.ts';
import { replayWal, type ReplayReport } from './wal/replay.ts';
import type { WalTable } from './wal/records.ts';
import { INGEST_ERROR_COLUMNS, INVOCATION_COLUMNS, LOG_COLUMNS, METRIC_COLUMNS, RESOURCE_COLUMNS, SPAN_COLUMNS } from './writer/encode.ts';

const WAL_COLUMNS: Record<WalTable, readonly string[]> = {
  spans: SPAN_COLUMNS, span_resources: RESOURCE_COLUMNS, logs: LOG_COLUMNS, invocations: INVOCATION_COLUMNS, metrics: METRIC_COLUMNS, ingest_errors: INGEST_ERROR_COLUMNS,
};

export interface Rollups {
  /** Recomputes the minutes dirtied by writes so far; resolves when done. */
  refresh(): Promise<void>;
  /** Recomputes every function minute with data between the two times. */
  recompute(from: Date, to: Date): Promise<void>;
  /** The last refresh error, or null (failed keys are retried on the next tick). */
  readonly lastError: unknown;
}

export interface Store {
  readonly kind: 'chdb' | 'clickhouse';
  readonly options: ResolvedOptions;
  /** Applies pending migrations and retention; then (once) replays the write-ahead log left by an
   * earlier run, and starts the rollup refresher if enabled. Idempotent. */
  migrate(): Promise<MigrationReport>;
  /** What the last migrate() replayed from the write-ahead log (null: no WAL or nothing left). */
  readonly walReplay: ReplayReport | null;
  readonly writer: Writer;
  readonly queries: StoreQueries;
  readonly rollups: Rollups;
  /** Flushes the writer, finishes a last rollup refresh, closes the connection. */
  close(): Promise<void>;
  /** Raw SQL for benchmarks and tests (OPTIMIZE, system tables). Not for application code. */
  readonly db: Db;
}

export async function openStore(cfg: StoreConfig, opts?: StoreOptions): Promise<Store> {
  const o = resolveOptions(opts);
  const db = await connect(cfg);
  let wal: WriteAheadLog | null;
  try {
    wal = o.wal ? WriteAheadLog.open(o.wal) : null;
  } catch (err) {
    await db.close();
    throw err;
  }
  const refresher = o.runRollups ? new RollupRefresher(db, o.rollup) : null;
  const onInvocations = refresher ? (t: Parameters<RollupRefresher['touch']>[0]) => refresher.touch(t) : null;
  const writer = new StoreWriter(db, o.writer, onInvocations, wal);
  const queries = new StoreQueries(db);
  let started = false;
  let replayed = false;
  let walReplay: ReplayReport | null = null;
  let closed = false;
  return {
    get walReplay() {
      return walReplay;
    },
    kind: db.kind,
    options: o,
    db,
    writer,
    queries,
    rollups: {
      refresh: () => (refresher ? refresher.refresh() : Promise.resolve()),
      recompute: (from, to) => (refresher ? refresher.recomputeWindow(from.getTime(), to.getTime()) : Promise.resolve()),
      get lastError() {
        return refresher?.lastError ?? null;
      },
    },
    async migrate() {
      const report = await migrate(db, o);
      // Replay here: the tables exist, and it runs before the refresher's first recompute.
      if (wal && !replayed && wal.leftover.length > 0) {
        replayed = true;
        walReplay = await replayWal({
          db, dir: wal.opts.dir, segments: wal.leftover, columns: WAL_COLUMNS, maxBatchRows: o.writer.maxBatchRows, onInvocations, onError: wal.opts.onError,
        });
      }
      if (refresher && !started) {
        started = true;
        await refresher.start();
      }
      return report;
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        await writer.close();
        await refresher?.close();
      } finally {
        await db.close();
      }
    },
  };
}
