// link_index: every stitching key of every span (nightjar.link.out / link.in, design section 4), one
// row per key, so that a transaction is gathered with point lookups: keys -> spans (primary key
// ORDER BY key) and trace -> keys (the by_trace projection). Filled by a materialized view on spans;
// the migration also indexes the spans already stored.
import { ttlClause, type Retention } from './retention.ts';

const SELECT_KEYS = `
SELECT project, kd.1 AS key, kd.2 AS direction, trace_id, span_id, toDateTime(timestamp, 'UTC') AS time
FROM spans
ARRAY JOIN arrayConcat(arrayMap(k -> (k, 'out'), link_out), arrayMap(k -> (k, 'in'), link_in)) AS kd`;

export function linksDdl(o: Retention): string[] {
  return [
    `CREATE TABLE IF NOT EXISTS link_index (
      project LowCardinality(String),
      key String CODEC(ZSTD(1)),
      direction Enum8('out' = 1, 'in' = 2),
      trace_id String CODEC(ZSTD(1)),
      span_id String CODEC(ZSTD(1)),
      time DateTime('UTC') CODEC(Delta(4), ZSTD(1)),
      PROJECTION by_trace (SELECT * ORDER BY project, trace_id)
    ) ENGINE = MergeTree
    PARTITION BY toYYYYMM(time)
    ORDER BY (project, key)
    ${ttlClause('link_index', o)}
    SETTINGS index_granularity = 1024`,
    `CREATE MATERIALIZED VIEW IF NOT EXISTS link_index_mv TO link_index AS ${SELECT_KEYS}`,
  ];
}

/** Indexes spans stored before link_index existed (run once, by the migration that creates it). */
export const BACKFILL_LINKS = `INSERT INTO link_index ${SELECT_KEYS}`;

/** Span ids are looked up when a transaction is opened by a span id; parts written before this
 * index existed are read whole (correct, slower) until they merge. */
export const SPAN_ID_INDEX = 'ALTER TABLE spans ADD INDEX IF NOT EXISTS idx_span_id span_id TYPE bloom_filter(0.01) GRANULARITY 1';
