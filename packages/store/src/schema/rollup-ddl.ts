// function_minutes: per function per minute figures for dashboards, recomputed by the refresher from
// merged invocations (never incremented), so duplicates and late partial rows cannot skew it. Each
// recompute writes a whole row with a newer version; ReplacingMergeTree keeps the newest and reads
// use FINAL. Durations are a log-scale histogram (rollup/duration-histogram.ts).
import { ttlClause, type Retention } from './retention.ts';

export function rollupDdl(o: Retention): string[] {
  return [
    `CREATE TABLE IF NOT EXISTS function_minutes (
      project LowCardinality(String),
      function LowCardinality(String),
      minute DateTime('UTC'),
      invocations UInt32,
      errors UInt32,
      timeouts UInt32,
      cold_starts UInt32,
      throttles UInt32,
      duration_hist Map(UInt16, UInt32) CODEC(ZSTD(1)),
      duration_sum Float64,
      cost_usd Float64,
      last_start DateTime64(3, 'UTC'),
      version UInt64
    ) ENGINE = ReplacingMergeTree(version)
    PARTITION BY toYYYYMM(minute)
    ORDER BY (project, function, minute)
    ${ttlClause('function_minutes', o)}`,
  ];
}
