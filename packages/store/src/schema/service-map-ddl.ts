// The service map's storage. Each span carries the map edges it shows on its own (map_edges, set at
// ingest by @nightjar/assemble's spanMapEdges); materialized views sum them per minute into
// service_edges and per hour into service_edges_hourly (calls, errors, a t-digest of durations,
// and for edges whose source only a producer knows, a few of the consumed stitching keys as
// samples). link_index gets each producing span's peer (the node its call reached), so that such an
// edge is resolved with point lookups of its sample keys.
import { bucketSql } from '../rollup/duration-histogram.ts';
import { ttlClause, type Retention } from './retention.ts';

export const MAP_EDGES_COLUMN =
  'ALTER TABLE spans ADD COLUMN IF NOT EXISTS map_edges Array(Tuple(String, String, LowCardinality(String), UInt32, String)) CODEC(ZSTD(1))';

/** Per minute (short windows, the ends of long ones) and per hour (the whole hours of long windows). */
const LEVELS = [
  { table: 'service_edges', time: 'minute', bucket: 'toStartOfMinute' },
  { table: 'service_edges_hourly', time: 'hour', bucket: 'toStartOfHour' },
] as const;

export function serviceEdgesDdl(o: Retention): string[] {
  return LEVELS.flatMap((l) => [
    `CREATE TABLE IF NOT EXISTS ${l.table} (
      project LowCardinality(String),
      ${l.time} DateTime('UTC') CODEC(Delta(4), ZSTD(1)),
      from_id String CODEC(ZSTD(1)),
      to_id String CODEC(ZSTD(1)),
      via LowCardinality(String),
      calls SimpleAggregateFunction(sum, UInt64),
      errors SimpleAggregateFunction(sum, UInt64),
      duration AggregateFunction(quantilesTDigest(0.5, 0.95), Float64),
      samples AggregateFunction(groupUniqArrayArray(5), Array(String))
    ) ENGINE = AggregatingMergeTree
    PARTITION BY toYYYYMM(${l.time})
    ORDER BY (project, ${l.time}, from_id, to_id, via)
    ${ttlClause(l.table, o)}
    SETTINGS non_replicated_deduplication_window = 1000`,
    `CREATE MATERIALIZED VIEW IF NOT EXISTS ${l.table}_mv TO ${l.table} AS
    SELECT project, ${l.bucket}(toDateTime(timestamp, 'UTC')) AS ${l.time}, e.1 AS from_id, e.2 AS to_id, e.3 AS via,
      sum(toUInt64(e.4)) AS calls, sum(toUInt64(status = 'error')) AS errors,
      quantilesTDigestState(0.5, 0.95)(duration_ns / 1e6) AS duration,
      groupUniqArrayArrayState(5)(if(e.5 = '', [], arrayFilter(k -> startsWith(k, e.5), link_in))) AS samples
    FROM spans ARRAY JOIN map_edges AS e
    GROUP BY project, ${l.time}, from_id, to_id, via`,
  ]);
}

/** The node a producing span's call reached, beside each of its out keys. */
const SELECT_KEYS_WITH_PEER = `
SELECT project, kd.1 AS key, kd.2 AS direction, trace_id, span_id, toDateTime(timestamp, 'UTC') AS time,
  if(kd.2 = 'out' AND length(map_edges) > 0, map_edges[1].2, '') AS peer
FROM spans
ARRAY JOIN arrayConcat(arrayMap(k -> (k, 'out'), link_out), arrayMap(k -> (k, 'in'), link_in)) AS kd`;

export const LINK_PEER_DDL = [
  "ALTER TABLE link_index ADD COLUMN IF NOT EXISTS peer LowCardinality(String) DEFAULT ''",
  'DROP VIEW IF EXISTS link_index_mv',
  `CREATE MATERIALIZED VIEW IF NOT EXISTS link_index_mv TO link_index AS ${SELECT_KEYS_WITH_PEER}`,
];

/**
 * Durations as the sparse log-scale histogram of function_minutes (rollup/duration-histogram.ts)
 * instead of t-digest states: merging a day of edges is a sumMap instead of t-digest merges (the
 * 24 h map in `npm run bench:query` at 10M spans: 267 ms with t-digests, 116 ms with these), and a node's quantiles are merged
 * from its edges' histograms instead of a second pass. Rows written before keep no durations.
 */
export function serviceEdgesHistogramDdl(): string[] {
  return LEVELS.flatMap((l) => [
    `ALTER TABLE ${l.table} ADD COLUMN IF NOT EXISTS duration_hist SimpleAggregateFunction(sumMap, Map(UInt16, UInt64)) CODEC(ZSTD(1))`,
    `DROP VIEW IF EXISTS ${l.table}_mv`,
    `CREATE MATERIALIZED VIEW IF NOT EXISTS ${l.table}_mv TO ${l.table} AS
    SELECT project, ${l.bucket}(toDateTime(timestamp, 'UTC')) AS ${l.time}, e.1 AS from_id, e.2 AS to_id, e.3 AS via,
      sum(toUInt64(e.4)) AS calls, sum(toUInt64(status = 'error')) AS errors,
      sumMap(map(${bucketSql('duration_ns / 1e6')}, toUInt64(1))) AS duration_hist,
      groupUniqArrayArrayState(5)(if(e.5 = '', [], arrayFilter(k -> startsWith(k, e.5), link_in))) AS samples
    FROM spans ARRAY JOIN map_edges AS e
    GROUP BY project, ${l.time}, from_id, to_id, via`,
    `ALTER TABLE ${l.table} DROP COLUMN IF EXISTS duration`,
  ]);
}

/** link_index without span_id: no read needs the span of a key (the walk works on traces), 2.2 B/span at 10M. */
export const LINK_INDEX_WITHOUT_SPAN_ID = [
  'DROP VIEW IF EXISTS link_index_mv',
  `CREATE MATERIALIZED VIEW IF NOT EXISTS link_index_mv TO link_index AS
  SELECT project, key, direction, trace_id, time, peer FROM (${SELECT_KEYS_WITH_PEER})`,
  'ALTER TABLE link_index DROP COLUMN IF EXISTS span_id',
];
