// @nightjar/store: the only code that talks to ClickHouse (embedded chDB or a server).
export { openStore, type Store, type Rollups } from './open-store.ts';
export type { StoreConfig, StoreOptions, WriterOptions, RollupOptions, ResolvedOptions } from './config.ts';
export { StoreError, StoreOverloadedError } from './errors.ts';
export type { Writer } from './writer/writer.ts';
export type { WalOptions } from './wal/write-ahead-log.ts';
export type { ReplayReport } from './wal/replay.ts';
export type { StoreQueries, InvocationFilter, LogFilter, TimeWindow, TableStats } from './queries/store-queries.ts';
export type { MigrationReport } from './schema/migrate.ts';
