// Versioned migrations, applied in order at start and recorded in schema_migrations. Statements are
// idempotent (IF NOT EXISTS) so two processes migrating at once, or a crash between a statement and
// its record, only repeat harmless work. Never edit a released migration: add the next one.
import { invocationsDdl } from './invocations-ddl.ts';
import { logsDdl } from './logs-ddl.ts';
import { ingestErrorsDdl, metricsDdl } from './misc-ddl.ts';
import type { Retention } from './retention.ts';
import { rollupDdl } from './rollup-ddl.ts';
import { spansDdl } from './spans-ddl.ts';

export interface Migration {
  version: number;
  name: string;
  statements(o: Retention): string[];
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'core tables: spans, trace index, logs, invocations, metrics, ingest errors, rollup',
    statements: (o) => [...spansDdl(o), ...logsDdl(o), ...invocationsDdl(o), ...metricsDdl(o), ...ingestErrorsDdl(o), ...rollupDdl(o)],
  },
];

export const BOOKKEEPING_DDL = [
  `CREATE TABLE IF NOT EXISTS schema_migrations (
    version UInt32,
    name String,
    applied_at DateTime64(3, 'UTC') DEFAULT now64(3)
  ) ENGINE = ReplacingMergeTree(applied_at) ORDER BY version`,
  `CREATE TABLE IF NOT EXISTS store_settings (
    name String,
    value String,
    updated_at DateTime64(3, 'UTC') DEFAULT now64(3)
  ) ENGINE = ReplacingMergeTree(updated_at) ORDER BY name`,
];
