// metrics (one row per data point) and ingest_errors (records rejected alone, with the reason).
import { ttlClause, type Retention } from './retention.ts';

export function metricsDdl(o: Retention): string[] {
  return [
    `CREATE TABLE IF NOT EXISTS metrics (
      project LowCardinality(String),
      timestamp DateTime64(9, 'UTC') CODEC(Delta(8), ZSTD(1)),
      start_time DateTime64(9, 'UTC') CODEC(Delta(8), ZSTD(1)),
      name LowCardinality(String),
      description LowCardinality(String),
      unit LowCardinality(String),
      type Enum8('gauge' = 1, 'sum' = 2, 'histogram' = 3, 'exponential_histogram' = 4, 'summary' = 5),
      service LowCardinality(String),
      attributes Map(LowCardinality(String), String) CODEC(ZSTD(3)),
      resource Map(LowCardinality(String), String) CODEC(ZSTD(3)),
      value Float64 CODEC(ZSTD(1)),
      count UInt64 CODEC(T64, ZSTD(1)),
      sum Float64 CODEC(ZSTD(1)),
      min Nullable(Float64),
      max Nullable(Float64),
      bounds Array(Float64) CODEC(ZSTD(1)),
      bucket_counts Array(UInt64) CODEC(ZSTD(1)),
      is_monotonic Bool,
      temporality LowCardinality(String)
    ) ENGINE = MergeTree
    PARTITION BY toDate(timestamp)
    ORDER BY (project, name, service, timestamp)
    ${ttlClause('metrics', o)}`,
  ];
}

export function ingestErrorsDdl(o: Retention): string[] {
  return [
    `CREATE TABLE IF NOT EXISTS ingest_errors (
      project LowCardinality(String),
      timestamp DateTime64(9, 'UTC') CODEC(Delta(8), ZSTD(1)),
      source LowCardinality(String),
      reason String CODEC(ZSTD(3)),
      sample String CODEC(ZSTD(3))
    ) ENGINE = MergeTree
    PARTITION BY toYYYYMM(timestamp)
    ORDER BY (project, timestamp)
    ${ttlClause('ingest_errors', o)}`,
  ];
}
