// Versioned migrations, applied in order at start and recorded in schema_migrations. Statements are
// idempotent (IF NOT EXISTS) so two processes migrating at once, or a crash between a statement and
// its record, only repeat harmless work. Never edit a released migration: add the next one.
import { INVOCATION_TRACE_INDEX, invocationsDdl } from './invocations-ddl.ts';
import { logsDdl } from './logs-ddl.ts';
import { ingestErrorsDdl, metricsDdl } from './misc-ddl.ts';
import type { Retention } from './retention.ts';
import { rollupDdl } from './rollup-ddl.ts';
import { BACKFILL_LINKS, linksDdl, LOOKUP_TUNING, linkTimesDdl, SPAN_ID_INDEX, traceLinksDdl } from './links-ddl.ts';
import { LINK_INDEX_WITHOUT_SPAN_ID, LINK_PEER_DDL, MAP_EDGES_COLUMN, serviceEdgesDdl, serviceEdgesHistogramDdl } from './service-map-ddl.ts';
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
  {
    version: 2,
    name: 'insert deduplication window for WAL replay (spans, span_resources, logs, metrics, ingest_errors, trace_index)',
    // An INSERT carrying an insert_deduplication_token seen among the table's last 1000 blocks is
    // dropped (measured on chDB 3.4.0 / ClickHouse 26.7). A dropped block still reaches the views on
    // spans unless the INSERT sets deduplicate_blocks_in_dependent_materialized_views and the view's
    // table has a window too (db.ts sets it with every token). invocations merge idempotently.
    statements: () => ['spans', 'span_resources', 'logs', 'metrics', 'ingest_errors', 'trace_index'].map((t) => `ALTER TABLE ${t} MODIFY SETTING non_replicated_deduplication_window = 1000`),
  },
  {
    version: 3,
    name: 'link_index (stitching keys -> spans, trace -> keys) for transactions; span id bloom index',
    statements: (o) => [...linksDdl(o), BACKFILL_LINKS, SPAN_ID_INDEX],
  },
  {
    version: 4,
    name: 'insert deduplication window on link_index (a view of spans) for WAL replay',
    statements: () => ['ALTER TABLE link_index MODIFY SETTING non_replicated_deduplication_window = 1000'],
  },
  {
    version: 5,
    name: 'trace_links (trace -> its link keys) instead of the by_trace projection of link_index; invocations by trace id',
    statements: (o) => [...traceLinksDdl(o), INVOCATION_TRACE_INDEX],
  },
  {
    version: 6,
    name: 'service map: map edges on spans, per-minute service_edges rollup, producer peers in link_index',
    // Spans stored before this migration carry no map edges: the map starts with the data that follows.
    statements: (o) => [MAP_EDGES_COLUMN, ...serviceEdgesDdl(o), ...LINK_PEER_DDL],
  },
  {
    version: 7,
    name: 'transactions: small compressed blocks and key bloom filters on the lookup tables; link_times (key rows by time)',
    statements: (o) => [...LOOKUP_TUNING, ...linkTimesDdl(o)],
  },
  {
    version: 8,
    name: 'service map durations as log-scale histograms (sumMap) instead of t-digest states',
    statements: () => serviceEdgesHistogramDdl(),
  },
  {
    version: 9,
    name: 'link_index without span_id (read by nothing)',
    statements: () => LINK_INDEX_WITHOUT_SPAN_ID,
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
