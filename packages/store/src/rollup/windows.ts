// The two bounds the invocation reads rely on (see invocations-ddl.ts):
// - sources that know an invocation's start agree on it within START_SKEW_MINUTES;
// - a partial row without a start arrives within LATE_MINUTES of the invocation's start.
// A read of invocations merged-started in [from, to) scans buckets [from - skew, to + max(skew, late)];
// any invocation that has a row with a start is then merged from all of its rows.
export const START_SKEW_MINUTES = 2;
export const LATE_MINUTES = 30;

export function bucketWindow(fromSec: number, toSec: number): { lo: number; hi: number } {
  return { lo: fromSec - START_SKEW_MINUTES * 60, hi: toSec + Math.max(START_SKEW_MINUTES, LATE_MINUTES) * 60 };
}
