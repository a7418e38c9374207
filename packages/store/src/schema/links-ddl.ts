// link_index: every stitching key of every span (nightjar.link.out / link.in, design section 4), one
// row per key, so that a transaction is gathered with point lookups: keys -> spans (primary key
// ORDER BY key) and trace -> keys (trace_links, below; migration 3 had a projection for it). Filled by a materialized view on spans;
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

/**
 * trace_links: the same rows ordered by trace, for the walk's "keys of these traces" step. A plain
 * table answered it faster than link_index's by_trace projection, and without the projection every
 * key lookup stops paying for the projection's analysis (bench:query's transactionMs fell with it).
 */
export function traceLinksDdl(o: Retention): string[] {
  return [
    'ALTER TABLE link_index DROP PROJECTION IF EXISTS by_trace',
    `CREATE TABLE IF NOT EXISTS trace_links (
      project LowCardinality(String),
      trace_id String CODEC(ZSTD(1)),
      key String CODEC(ZSTD(1)),
      direction Enum8('out' = 1, 'in' = 2),
      time DateTime('UTC') CODEC(Delta(4), ZSTD(1))
    ) ENGINE = MergeTree
    PARTITION BY toYYYYMM(time)
    ORDER BY (project, trace_id)
    ${ttlClause('trace_links', o)}
    SETTINGS index_granularity = 1024, non_replicated_deduplication_window = 1000`,
    `CREATE MATERIALIZED VIEW IF NOT EXISTS trace_links_mv TO trace_links AS
    SELECT project, trace_id, key, direction, time FROM (${SELECT_KEYS})`,
    `INSERT INTO trace_links SELECT project, trace_id, key, direction, time FROM link_index`,
  ];
}

/**
 * Point-lookup tables (link_index, trace_links, trace_index) read a granule or two per key and part,
 * but a read decompresses the whole compressed block around it (64 KiB to 1 MiB by default): with
 * blocks of 8 to 16 KiB a lookup decompresses a few KiB (the tables grow a little). A bloom filter per
 * granule lets each part skip the granules that lack the key (each key lives in one part, and every
 * part was read). New parts and merges get both.
 */
export const LOOKUP_TUNING = [
  ...['link_index', 'trace_links', 'trace_index'].map((t) => `ALTER TABLE ${t} MODIFY SETTING min_compress_block_size = 8192, max_compress_block_size = 16384`),
  'ALTER TABLE link_index ADD INDEX IF NOT EXISTS idx_key key TYPE bloom_filter(0.01) GRANULARITY 1',
  'ALTER TABLE trace_links ADD INDEX IF NOT EXISTS idx_trace_id trace_id TYPE bloom_filter(0.01) GRANULARITY 1',
];

/**
 * link_times: the same key rows ordered by time, so that the keys of the minutes around a
 * transaction are read in one range scan and the walk runs in memory (then checked against the
 * lookup tables, see transaction-queries.ts). Backfilled from link_index; a row written between
 * the view's creation and the backfill is there twice, which the walk does not mind.
 */
export function linkTimesDdl(o: Retention): string[] {
  return [
    `CREATE TABLE IF NOT EXISTS link_times (
      project LowCardinality(String),
      time DateTime('UTC') CODEC(Delta(4), ZSTD(1)),
      key String CODEC(ZSTD(1)),
      direction Enum8('out' = 1, 'in' = 2),
      trace_id String CODEC(ZSTD(1))
    ) ENGINE = MergeTree
    PARTITION BY toYYYYMM(time)
    ORDER BY (project, time)
    ${ttlClause('link_times', o)}
    SETTINGS index_granularity = 1024, min_compress_block_size = 8192, max_compress_block_size = 16384, non_replicated_deduplication_window = 1000`,
    `CREATE MATERIALIZED VIEW IF NOT EXISTS link_times_mv TO link_times AS
    SELECT project, time, key, direction, trace_id FROM (${SELECT_KEYS})`,
    `INSERT INTO link_times SELECT project, time, key, direction, trace_id FROM link_index`,
  ];
}
