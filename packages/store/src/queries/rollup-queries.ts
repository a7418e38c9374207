// Dashboard figures from the per-minute rollup (never from raw invocations). Minutes are included
// when they start in [from, to), from rounded down to its minute.
import type { FunctionSeries, FunctionSummary, SeriesPoint, TimeWindow } from '@nightjar/model';
import type { Db } from '../db.ts';
import { StoreError } from '../errors.ts';
import { histogramQuantiles } from '../rollup/duration-histogram.ts';
import { ms } from './time-params.ts';

export type { TimeWindow };

const WINDOW = `project = {project:String}
  AND minute >= toStartOfMinute(fromUnixTimestamp64Milli({from:Int64}, 'UTC'))
  AND minute < fromUnixTimestamp64Milli({to:Int64}, 'UTC')`;

interface SummaryRecord {
  fn: string;
  n_inv: string;
  n_err: string;
  n_timeout: string;
  n_cold: string;
  hist: Record<string, string>;
  cost: number;
  last_ns: string;
}

interface PointRecord {
  t: string;
  n_inv: string;
  n_err: string;
  n_cold: string;
  hist: Record<string, string>;
}

/** Charts never need more points than this; a finer step is refused. */
export const MAX_POINTS = 10_000;

export class RollupQueries {
  constructor(private readonly db: Db) {}

  /** One line per function with invocations in the window (errors = error, crash, init_error, out_of_memory). */
  async functionSummaries(q: { project: string } & TimeWindow): Promise<FunctionSummary[]> {
    const rows = await this.db.query<SummaryRecord>(
      `SELECT toString(function) AS fn, sum(invocations) AS n_inv, sum(errors) AS n_err, sum(timeouts) AS n_timeout,
         sum(cold_starts) AS n_cold, sumMap(duration_hist) AS hist, sum(cost_usd) AS cost,
         toString(toUnixTimestamp64Nano(maxIf(last_start, invocations > 0))) AS last_ns
       FROM function_minutes FINAL
       WHERE ${WINDOW}
       GROUP BY function
       HAVING n_inv > 0
       ORDER BY function`,
      { project: q.project, from: ms(q.from), to: ms(q.to) },
    );
    return rows.map((r) => {
      const invocations = Number(r.n_inv);
      const errors = Number(r.n_err);
      const timeouts = Number(r.n_timeout);
      const [p50, p95, p99] = histogramQuantiles(r.hist, [0.5, 0.95, 0.99]);
      return {
        function: r.fn,
        invocations,
        errors,
        timeouts,
        coldStarts: Number(r.n_cold),
        errorRate: invocations > 0 ? (errors + timeouts) / invocations : 0,
        p50Ms: p50 ?? null,
        p95Ms: p95 ?? null,
        p99Ms: p99 ?? null,
        costUsd: r.cost,
        lastSeen: r.last_ns === '0' ? null : new Date(Number(r.last_ns.slice(0, -6))).toISOString(),
      };
    });
  }

  /** One point per step from `from` (rounded down to the step) up to `to`; errors here include timeouts. */
  async functionSeries(q: { project: string; function: string; stepSeconds: number } & TimeWindow): Promise<FunctionSeries> {
    const step = Math.max(60, Math.floor(q.stepSeconds / 60) * 60);
    const first = Math.floor(q.from.getTime() / 1000 / step) * step;
    const end = q.to.getTime() / 1000;
    if ((end - first) / step > MAX_POINTS) throw new StoreError(`a series of more than ${MAX_POINTS} points was asked for; use a larger step`);
    const rows = await this.db.query<PointRecord>(
      `SELECT toString(toUnixTimestamp(toStartOfInterval(minute, INTERVAL {step:UInt32} SECOND))) AS t,
         sum(invocations) AS n_inv, sum(errors + timeouts) AS n_err, sum(cold_starts) AS n_cold,
         sumMap(duration_hist) AS hist
       FROM function_minutes FINAL
       WHERE ${WINDOW} AND function = {fn:String}
       GROUP BY t`,
      { project: q.project, fn: q.function, step, from: String(first * 1000), to: ms(q.to) },
    );
    const byT = new Map(rows.map((r) => [Number(r.t), r]));
    const points: SeriesPoint[] = [];
    for (let t = first; t < end; t += step) {
      const r = byT.get(t);
      const invocations = r ? Number(r.n_inv) : 0;
      points.push({
        t: new Date(t * 1000).toISOString(),
        invocations,
        errors: r ? Number(r.n_err) : 0,
        coldStarts: r ? Number(r.n_cold) : 0,
        p95Ms: r ? (histogramQuantiles(r.hist, [0.95])[0] ?? null) : null,
      });
    }
    return { function: q.function, stepSeconds: step, points };
  }
}
