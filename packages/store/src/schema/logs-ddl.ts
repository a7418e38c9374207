// logs: one row per log record, ordered for "this function's logs, newest first"; ids have bloom
// filters and the body an n-gram text index over its lower-cased form (case-insensitive substring
// search with LIKE uses it; needs ClickHouse >= 26.2, as bundled in chDB 3.4).
import { ttlClause, type Retention } from './retention.ts';

export function logsDdl(o: Retention): string[] {
  return [
    `CREATE TABLE IF NOT EXISTS logs (
      project LowCardinality(String) CODEC(ZSTD(1)),
      timestamp DateTime64(9, 'UTC') CODEC(Delta(8), ZSTD(1)),
      observed_timestamp DateTime64(9, 'UTC') CODEC(Delta(8), ZSTD(1)),
      trace_id String CODEC(ZSTD(1)),
      span_id String CODEC(ZSTD(1)),
      request_id String CODEC(ZSTD(1)),
      function LowCardinality(String) CODEC(ZSTD(1)),
      severity_text LowCardinality(String) CODEC(ZSTD(1)),
      severity_number UInt8 CODEC(ZSTD(1)),
      body String CODEC(ZSTD(3)),
      attributes Map(LowCardinality(String), String) CODEC(ZSTD(3)),
      resource Map(LowCardinality(String), String) CODEC(ZSTD(3)),
      source LowCardinality(String) CODEC(ZSTD(1)),
      INDEX idx_body lowerUTF8(body) TYPE text(tokenizer = ngrams(3)),
      INDEX idx_trace_id trace_id TYPE bloom_filter(0.01) GRANULARITY 1,
      INDEX idx_request_id request_id TYPE bloom_filter(0.01) GRANULARITY 1
    ) ENGINE = MergeTree
    PARTITION BY toDate(timestamp)
    ORDER BY (project, function, timestamp)
    ${ttlClause('logs', o)}
    SETTINGS string_serialization_version = 'single_stream'`,
  ];
}
