// The statement that recomputes function_minutes rows for a set of (function, minute) keys of one
// project from merged invocations. Keys with no invocation left get a zero row, so a minute an
// invocation moved out of is corrected too. One version per statement: ReplacingMergeTree keeps it.
import { bucketSql } from './duration-histogram.ts';

export const RECOMPUTE_SQL = `
INSERT INTO function_minutes (project, function, minute, invocations, errors, timeouts, cold_starts, throttles, duration_hist, duration_sum, cost_usd, last_start, version)
SELECT
  {project:String} AS project,
  k.function AS function,
  k.minute AS minute,
  r.invocations, r.errors, r.timeouts, r.cold_starts, r.throttles, r.duration_hist, r.duration_sum, r.cost_usd, r.last_start,
  toUInt64(toUnixTimestamp64Micro(now64(6))) AS version
FROM (
  SELECT tupleElement(fm, 1) AS function, toDateTime(tupleElement(fm, 2), 'UTC') AS minute
  FROM (SELECT arrayJoin(arrayZip({fns:Array(String)}, {mins:Array(UInt32)})) AS fm)
) AS k
LEFT JOIN (
  SELECT
    function,
    toDateTime(toStartOfMinute(assumeNotNull(start)), 'UTC') AS minute,
    toUInt32(count()) AS invocations,
    toUInt32(countIf(status_rank IN (2, 3, 4, 5))) AS errors,
    toUInt32(countIf(status_rank = 6)) AS timeouts,
    toUInt32(countIf(cold_start = 1)) AS cold_starts,
    toUInt32(countIf(status_rank = 7)) AS throttles,
    sumMapIf(map(${bucketSql('ifNull(duration_ms, 0)')}, toUInt32(1)), duration_ms IS NOT NULL) AS duration_hist,
    sum(ifNull(duration_ms, 0)) AS duration_sum,
    sum(ifNull(cost_usd, 0)) AS cost_usd,
    toDateTime64(max(assumeNotNull(start)), 3, 'UTC') AS last_start
  FROM (
    SELECT function, request_id, min(start) AS start, max(status_rank) AS status_rank, max(cold_start) AS cold_start,
      max(duration_ms) AS duration_ms, max(cost_usd) AS cost_usd
    FROM invocations
    WHERE project = {project:String} AND function IN {fset:Array(String)} AND bucket >= {lo:UInt32} AND bucket <= {hi:UInt32}
    GROUP BY function, request_id
    HAVING start IS NOT NULL
  )
  GROUP BY function, minute
) AS r ON k.function = r.function AND k.minute = r.minute`;

/** Minutes of the merged start of the given invocations (for partial rows that had no start). */
export const LOOKUP_SQL = `
SELECT toString(function) AS function, toUInt32(toStartOfMinute(assumeNotNull(min(start)))) AS minute
FROM invocations
WHERE project = {project:String} AND function IN {fset:Array(String)} AND request_id IN {ids:Array(String)}
  AND bucket >= {lo:UInt32} AND bucket <= {hi:UInt32}
GROUP BY function, request_id
HAVING min(start) IS NOT NULL`;

/** Every (function, minute) with invocation rows or rollup rows since a time: what a window recompute covers. */
export const WINDOW_KEYS_SQL = `
SELECT DISTINCT project, function, minute FROM (
  SELECT toString(project) AS project, toString(function) AS function, toUInt32(bucket) AS minute FROM invocations WHERE bucket >= {lo:UInt32} AND bucket <= {hi:UInt32}
  UNION ALL
  SELECT toString(project), toString(function), toUInt32(minute) FROM function_minutes WHERE minute >= {lo:UInt32} AND minute <= {hi:UInt32} AND invocations > 0
)`;
