// invocations: one logical row per (project, function, request_id), merged from the partial rows of
// every source (REPORT line, platform log, Telemetry API, tracer) by AggregatingMergeTree, and always
// read through GROUP BY so a query never sees a half-merged invocation.
//
// Merge rules (order-independent, idempotent: a repeated or reordered source gives the same row):
// numbers max; strings max over non-NULL values (NULL never overwrites; max rather than anyLast so
// two sources that disagree give the same answer whatever order they arrive or merge in); status by
// max STATUS_RANK; start min; sources the union.
//
// `bucket` is the minute of the partial row's own time (its start, or its arrival when the source did
// not know the start). It is in the sorting key so time-window reads (lists, rollup refresh) read
// only the minutes they need; partial rows of one invocation whose buckets differ are not merged on
// disk but still merged by every query's GROUP BY. Partitions are months of that bucket, so rows of
// one invocation share a partition except across a month boundary (again harmless for reads).
import { ttlClause, type Retention } from './retention.ts';

export function invocationsDdl(o: Retention): string[] {
  const f64 = 'SimpleAggregateFunction(max, Nullable(Float64))';
  const str = 'SimpleAggregateFunction(max, Nullable(String))';
  return [
    `CREATE TABLE IF NOT EXISTS invocations (
      project LowCardinality(String),
      function LowCardinality(String),
      bucket DateTime('UTC') CODEC(Delta(4), ZSTD(1)),
      request_id String CODEC(ZSTD(1)),
      start SimpleAggregateFunction(min, Nullable(DateTime64(9, 'UTC'))),
      version ${str},
      region ${str},
      architecture ${str},
      duration_ms ${f64},
      billed_duration_ms ${f64},
      memory_size_mb ${f64},
      max_memory_used_mb ${f64},
      init_duration_ms ${f64},
      restore_duration_ms ${f64},
      cold_start SimpleAggregateFunction(max, Nullable(UInt8)),
      status_rank SimpleAggregateFunction(max, UInt8),
      error_type ${str},
      error_message ${str} CODEC(ZSTD(3)),
      cost_usd ${f64},
      trace_id ${str},
      sources SimpleAggregateFunction(groupUniqArrayArray, Array(String)),
      INDEX idx_request_id request_id TYPE bloom_filter(0.01) GRANULARITY 1
    ) ENGINE = AggregatingMergeTree
    PARTITION BY toYYYYMM(bucket)
    ORDER BY (project, function, bucket, request_id)
    ${ttlClause('invocations', o)}`,
  ];
}

/** Invocations known only from platform logs join a transaction by the X-Ray trace id of their REPORT
 * line: a bloom filter lets that lookup skip granules. Parts written before it existed are read whole
 * until they merge. */
export const INVOCATION_TRACE_INDEX = 'ALTER TABLE invocations ADD INDEX IF NOT EXISTS idx_trace_id trace_id TYPE bloom_filter(0.01) GRANULARITY 1';
