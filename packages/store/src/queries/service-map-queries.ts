// GET /api/service-map: the service map over a window from the per-minute service_edges rollup (see
// schema/service-map-ddl.ts) and the functions' invocation rollup, never from raw spans. Edges whose
// source only a producer knows are resolved by point lookups of their sample keys in link_index.
import type { ServiceMap, TimeWindow } from '@nightjar/model';
import type { Db } from '../db.ts';
import type { RollupQueries } from './rollup-queries.ts';
import { keysToResolve, mapNodes, resolveEdges, toMapEdges, type EdgeAggregate } from './service-map-resolve.ts';

/**
 * The rollup rows of a window: per-minute rows for its ends, per-hour rows for the whole hours in
 * between (a 24 h map reads ~24 rows per edge instead of ~1440). Minutes start in [from, to), from
 * rounded down to its minute. A window that reaches the present reads its last hour whole: nothing
 * after now is stored yet.
 */
const SOURCE = (columns: string) => `
  SELECT ${columns} FROM service_edges WHERE project = {project:String} AND minute >= toDateTime({m0:UInt32}, 'UTC') AND minute < toDateTime({m1:UInt32}, 'UTC')
  UNION ALL
  SELECT ${columns} FROM service_edges_hourly WHERE project = {project:String} AND hour >= toDateTime({h0:UInt32}, 'UTC') AND hour < toDateTime({h1:UInt32}, 'UTC')
  UNION ALL
  SELECT ${columns} FROM service_edges WHERE project = {project:String} AND minute >= toDateTime({m2:UInt32}, 'UTC') AND minute < toDateTime({m3:UInt32}, 'UTC')`;

/** [m0, m1) minutes, [h0, h1) hours, [m2, m3) minutes, in unix seconds. */
export function windowParts(from: Date, to: Date, now: Date = new Date()): { m0: number; m1: number; h0: number; h1: number; m2: number; m3: number } {
  const start = Math.floor(from.getTime() / 60_000) * 60;
  const end = Math.ceil(to.getTime() / 1000);
  const h0 = Math.ceil(start / 3600) * 3600;
  const h1 = Math.floor(end / 3600) * 3600;
  if (h1 < h0 || (h1 === h0 && end < now.getTime() / 1000)) return { m0: start, m1: end, h0: 0, h1: 0, m2: 0, m3: 0 };
  if (end >= now.getTime() / 1000) return { m0: start, m1: h0, h0, h1: h1 + 3600, m2: 0, m3: 0 };
  return { m0: start, m1: h0, h0, h1, m2: h1, m3: end };
}

const EDGES_SQL = `
SELECT from_id, to_id, toString(via) AS via, sum(calls) AS calls, sum(errors) AS errors,
  sumMap(duration_hist) AS hist, groupUniqArrayArrayMerge(5)(samples) AS samples
FROM (${SOURCE('from_id, to_id, via, calls, errors, duration_hist, samples')})
GROUP BY from_id, to_id, via`;

const PEERS_SQL = `
SELECT key, any(peer) AS resolved FROM link_index
WHERE project = {project:String} AND key IN {keys:Array(String)} AND direction = 'out' AND peer != ''
GROUP BY key`;

interface EdgeRecord {
  from_id: string;
  to_id: string;
  via: string;
  calls: string | number;
  errors: string | number;
  hist: Record<string, number | string>;
  samples: string[];
}

export class ServiceMapQueries {
  constructor(
    private readonly db: Db,
    private readonly rollups: RollupQueries,
  ) {}

  async serviceMap(q: { project: string } & TimeWindow): Promise<ServiceMap> {
    const params = { project: q.project, ...windowParts(q.from, q.to) };
    const [records, functions] = await Promise.all([this.db.query<EdgeRecord>(EDGES_SQL, params), this.rollups.functionSummaries(q)]);
    const rows: EdgeAggregate[] = records.map((r) => ({
      from: r.from_id,
      to: r.to_id,
      via: r.via,
      calls: Number(r.calls),
      errors: Number(r.errors),
      hist: r.hist,
      samples: r.samples,
    }));
    const keys = keysToResolve(rows);
    const peers = keys.length === 0 ? [] : await this.db.query<{ key: string; resolved: string }>(PEERS_SQL, { project: q.project, keys });
    const acc = resolveEdges(rows, new Map(peers.map((p) => [p.key, p.resolved])));
    const lambdas = functions.map((f) => ({ function: f.function, invocations: f.invocations, errors: f.errors + f.timeouts, p50Ms: f.p50Ms, p95Ms: f.p95Ms }));
    return { nodes: mapNodes(acc, lambdas), edges: toMapEdges(acc) };
  }
}
