// openStore(): connect, and wire the writer, the queries and (optionally) the rollup refresher.
import { resolveOptions, type ResolvedOptions, type StoreConfig, type StoreOptions } from './config.ts';
import { connect, type Db } from './db.ts';
import { StoreQueries } from './queries/store-queries.ts';
import { RollupRefresher } from './rollup/refresher.ts';
import { migrate, type MigrationReport } from './schema/migrate.ts';
import { StoreWriter, type Writer } from './writer/writer.ts';

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
  /** Applies pending migrations and retention; then starts the rollup refresher if enabled. Idempotent. */
  migrate(): Promise<MigrationReport>;
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
  const refresher = o.runRollups ? new RollupRefresher(db, o.rollup) : null;
  const writer = new StoreWriter(db, o.writer, refresher ? (t) => refresher.touch(t) : null);
  const queries = new StoreQueries(db);
  let started = false;
  let closed = false;
  return {
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
