// spans: the wide span table, its resource dictionary and the trace-id summary.
//
// Layout choices, measured with bench/insert.ts on realistic Lambda spans:
// - ORDER BY (project, service, hour, trace_id, timestamp), 2048-row granules: spans of one function sit together (their
//   attribute shapes repeat, which ZSTD exploits) and spans of one trace sit together inside it (so
//   trace_id, request_id and parent ids compress to a few bytes per span). Trace-by-id first reads
//   trace_index for the trace's services and minutes, which makes the primary key exact.
// - Resource attributes (the same ~12 entries for every span of a function instance) are stored
//   once in span_resources and referenced by a 53-bit hash: this halves the JSON the server parses
//   per span and saves ~10 B/span on disk.
// - string_serialization_version = 'single_stream' keeps each string's length next to its bytes,
//   which compresses better for short attribute values (-4 B/span measured).
import { ttlClause, type Retention } from './retention.ts';

export function spansDdl(o: Retention): string[] {
  return [
    `CREATE TABLE IF NOT EXISTS spans (
      project LowCardinality(String) CODEC(ZSTD(1)),
      timestamp DateTime64(9, 'UTC') CODEC(Delta(8), ZSTD(1)),
      trace_id String CODEC(ZSTD(1)),
      span_id String CODEC(ZSTD(1)),
      parent_span_id String CODEC(ZSTD(1)),
      trace_state String CODEC(ZSTD(1)),
      name LowCardinality(String) CODEC(ZSTD(1)),
      service LowCardinality(String) CODEC(ZSTD(1)),
      kind Enum8('unspecified' = 0, 'internal' = 1, 'server' = 2, 'client' = 3, 'producer' = 4, 'consumer' = 5) CODEC(ZSTD(1)),
      duration_ns UInt64 CODEC(T64, ZSTD(1)),
      status Enum8('unset' = 0, 'ok' = 1, 'error' = 2) CODEC(ZSTD(1)),
      status_message String CODEC(ZSTD(3)),
      scope_name LowCardinality(String) CODEC(ZSTD(1)),
      scope_version LowCardinality(String) CODEC(ZSTD(1)),
      attributes Map(LowCardinality(String), String) CODEC(ZSTD(3)),
      resource_id UInt64 CODEC(ZSTD(1)),
      event_times Array(DateTime64(9, 'UTC')) CODEC(ZSTD(1)),
      event_names Array(LowCardinality(String)) CODEC(ZSTD(1)),
      event_attributes Array(Map(LowCardinality(String), String)) CODEC(ZSTD(3)),
      link_trace_ids Array(String) CODEC(ZSTD(1)),
      link_span_ids Array(String) CODEC(ZSTD(1)),
      link_attributes Array(Map(LowCardinality(String), String)) CODEC(ZSTD(3)),
      function_name LowCardinality(String) CODEC(ZSTD(1)),
      request_id String CODEC(ZSTD(1)),
      cold_start Bool CODEC(ZSTD(1)),
      http_route LowCardinality(String) CODEC(ZSTD(1)),
      error_type LowCardinality(String) CODEC(ZSTD(1)),
      link_out Array(String) CODEC(ZSTD(1)),
      link_in Array(String) CODEC(ZSTD(1)),
      input String CODEC(ZSTD(3)),
      output String CODEC(ZSTD(3)),
      INDEX idx_trace_id trace_id TYPE bloom_filter(0.01) GRANULARITY 1,
      INDEX idx_request_id request_id TYPE bloom_filter(0.01) GRANULARITY 1,
      INDEX idx_link_out link_out TYPE bloom_filter(0.01) GRANULARITY 1,
      INDEX idx_link_in link_in TYPE bloom_filter(0.01) GRANULARITY 1
    ) ENGINE = MergeTree
    PARTITION BY toDate(timestamp)
    ORDER BY (project, service, toStartOfHour(timestamp), trace_id, timestamp)
    ${ttlClause('spans', o)}
    SETTINGS index_granularity = 2048, string_serialization_version = 'single_stream'`,

    // Resource attribute sets by id (a hash computed by the writer). Rewritten once a day by each
    // writer that still sees the resource, so last_seen keeps it alive as long as its spans.
    `CREATE TABLE IF NOT EXISTS span_resources (
      project LowCardinality(String),
      resource_id UInt64,
      attributes Map(LowCardinality(String), String) CODEC(ZSTD(3)),
      last_seen DateTime('UTC')
    ) ENGINE = ReplacingMergeTree(last_seen)
    ORDER BY (project, resource_id)
    ${ttlClause('span_resources', o)}`,

    // trace id -> minutes of its first and last span and the services it touched: with these, the
    // spans primary key (service, hour, trace_id) finds a trace in one granule per part.
    `CREATE TABLE IF NOT EXISTS trace_index (
      project LowCardinality(String),
      trace_id String CODEC(ZSTD(1)),
      first SimpleAggregateFunction(min, DateTime('UTC')) CODEC(ZSTD(1)),
      last SimpleAggregateFunction(max, DateTime('UTC')) CODEC(ZSTD(1)),
      services SimpleAggregateFunction(groupUniqArrayArray, Array(String)) CODEC(ZSTD(1))
    ) ENGINE = AggregatingMergeTree
    PARTITION BY toYYYYMM(first)
    ORDER BY (project, trace_id)
    ${ttlClause('trace_index', o)}
    SETTINGS index_granularity = 1024`,

    `CREATE MATERIALIZED VIEW IF NOT EXISTS trace_index_mv TO trace_index AS
    SELECT
      project,
      trace_id,
      toDateTime(toStartOfMinute(min(timestamp)), 'UTC') AS first,
      toDateTime(toStartOfMinute(max(timestamp)), 'UTC') AS last,
      groupUniqArray(toString(service)) AS services
    FROM spans
    GROUP BY project, trace_id`,
  ];
}
