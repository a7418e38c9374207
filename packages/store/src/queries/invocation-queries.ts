// Invocations, always merged from all of their partial rows (GROUP BY over the key), newest first.
import { STATUS_RANK, type InvocationFilter, type InvocationItem, type InvocationStatus } from '@nightjar/model';
import type { Db } from '../db.ts';
import { bucketWindow } from '../rollup/windows.ts';
import { isoOrNull, numOrNull } from './time-params.ts';

export type { InvocationFilter };

const RANK_STATUS = new Map<number, InvocationStatus>(Object.entries(STATUS_RANK).map(([s, r]) => [r, s as InvocationStatus]));

const MERGED_COLUMNS = `
  toString(function) AS fn, request_id,
  max(version) AS version, max(region) AS region,
  toString(toUnixTimestamp64Nano(min(start))) AS start_ns,
  max(duration_ms) AS duration_ms, max(billed_duration_ms) AS billed_duration_ms,
  max(memory_size_mb) AS memory_size_mb, max(max_memory_used_mb) AS max_memory_used_mb,
  max(init_duration_ms) AS init_duration_ms, max(cold_start) AS cold, max(status_rank) AS srank,
  max(error_type) AS error_type, max(error_message) AS error_message, max(cost_usd) AS cost_usd,
  max(trace_id) AS trace_id, arraySort(groupUniqArrayArray(sources)) AS sources`;

interface MergedRecord {
  fn: string;
  request_id: string;
  version: string | null;
  region: string | null;
  start_ns: string | null;
  duration_ms: number | null;
  billed_duration_ms: number | null;
  memory_size_mb: number | null;
  max_memory_used_mb: number | null;
  init_duration_ms: number | null;
  cold: number | null;
  srank: number;
  error_type: string | null;
  error_message: string | null;
  cost_usd: number | null;
  trace_id: string | null;
  sources: string[];
}

function toItem(r: MergedRecord): InvocationItem {
  return {
    function: r.fn,
    requestId: r.request_id,
    version: r.version,
    region: r.region,
    start: isoOrNull(r.start_ns),
    durationMs: numOrNull(r.duration_ms),
    billedDurationMs: numOrNull(r.billed_duration_ms),
    memorySizeMb: numOrNull(r.memory_size_mb),
    maxMemoryUsedMb: numOrNull(r.max_memory_used_mb),
    initDurationMs: numOrNull(r.init_duration_ms),
    coldStart: Number(r.cold ?? 0) === 1,
    status: RANK_STATUS.get(Number(r.srank)) ?? 'unknown',
    errorType: r.error_type,
    errorMessage: r.error_message,
    costUsd: numOrNull(r.cost_usd),
    traceId: r.trace_id,
    sources: r.sources,
  };
}

/** Windows searched newest first when a list has no lower bound (then: everything older). */
const STEPS_MS = [5 * 60e3, 3600e3, 6 * 3600e3, 86400e3, 7 * 86400e3, 30 * 86400e3];

export class InvocationQueries {
  constructor(private readonly db: Db) {}

  async getInvocation(project: string, fn: string, requestId: string): Promise<InvocationItem | null> {
    const rows = await this.db.query<MergedRecord>(
      `SELECT ${MERGED_COLUMNS} FROM invocations
       WHERE project = {project:String} AND function = {fn:String} AND request_id = {requestId:String}
       GROUP BY function, request_id`,
      { project, fn, requestId },
    );
    return rows[0] ? toItem(rows[0]) : null;
  }

  /** The invocations with this request id, whatever their function and time (the bloom filter on request_id finds them). */
  async invocationsByRequestId(project: string, requestId: string): Promise<InvocationItem[]> {
    const rows = await this.db.query<MergedRecord>(
      `SELECT ${MERGED_COLUMNS} FROM invocations
       WHERE project = {project:String} AND request_id = {requestId:String}
       GROUP BY function, request_id
       ORDER BY min(start)`,
      { project, requestId },
    );
    return rows.map(toItem);
  }

  /**
   * The invocations of a gathered transaction, started in the window: `traced` by their function and
   * request id (the spans say both, so the read is bounded by the sorting key), `requestIds` whose
   * function is unknown (a stitching key named them), and those with one of `traceIds` (invocations
   * known only from platform logs carry the X-Ray trace id of their REPORT line). One statement.
   */
  async invocationsOfTransaction(project: string, q: { traced: { function: string; requestId: string }[]; requestIds: string[]; traceIds: string[]; fromMs: number; toMs: number }): Promise<InvocationItem[]> {
    const w = bucketWindow(Math.floor(q.fromMs / 60_000) * 60, Math.ceil(q.toMs / 1000));
    const inWindow = 'project = {project:String} AND bucket >= {blo:UInt32} AND bucket <= {bhi:UInt32}';
    const any: string[] = [];
    if (q.traced.length > 0) any.push('(function IN {fns:Array(String)} AND request_id IN {tracedIds:Array(String)})');
    if (q.requestIds.length > 0) any.push('request_id IN {requestIds:Array(String)}');
    if (q.traceIds.length > 0) any.push(`(function, request_id) IN (SELECT function, request_id FROM invocations WHERE ${inWindow} AND trace_id IN {traceIds:Array(String)})`);
    if (any.length === 0) return [];
    const rows = await this.db.query<MergedRecord>(
      `SELECT ${MERGED_COLUMNS} FROM invocations
       WHERE ${inWindow} AND (${any.join(' OR ')})
       GROUP BY function, request_id
       ORDER BY min(start)`,
      {
        project,
        blo: w.lo,
        bhi: w.hi,
        fns: [...new Set(q.traced.map((t) => t.function))],
        tracedIds: [...new Set(q.traced.map((t) => t.requestId))],
        requestIds: q.requestIds,
        traceIds: q.traceIds,
      },
    );
    return rows.map(toItem);
  }

  async listInvocations(f: InvocationFilter): Promise<InvocationItem[]> {
    const limit = Math.max(1, Math.min(10_000, Math.floor(f.limit)));
    // Without an upper bound: now, plus a little for clocks ahead of ours.
    let hi = Math.min(f.to?.getTime() ?? Date.now() + 5 * 60e3, f.before?.getTime() ?? Infinity);
    const floor = f.from?.getTime() ?? (await this.oldestMs(f.project));
    const out: InvocationItem[] = [];
    for (let step = 0; out.length < limit && hi > floor; step++) {
      const size = STEPS_MS[step];
      const lo = size === undefined ? floor : Math.max(floor, hi - size);
      out.push(...(await this.listWindow(f, lo, hi, limit - out.length)));
      hi = lo;
    }
    return out;
  }

  /**
   * Invocations whose merged start is in [loMs, hiMs), newest first. Two phases in one statement: the
   * page's keys are chosen by a light aggregation (start, status, cold start only), then only those
   * invocations are merged in full.
   */
  private async listWindow(f: InvocationFilter, loMs: number, hiMs: number, limit: number): Promise<InvocationItem[]> {
    const w = bucketWindow(Math.floor(loMs / 60_000) * 60, Math.ceil(hiMs / 1000));
    const params: Record<string, unknown> = { project: f.project, lo: String(Math.floor(loMs)), hi: String(Math.ceil(hiMs)), blo: w.lo, bhi: w.hi, limit };
    let where = 'project = {project:String} AND bucket >= {blo:UInt32} AND bucket <= {bhi:UInt32}';
    if (f.function !== undefined) {
      where += ' AND function = {fn:String}';
      params.fn = f.function;
    }
    const having = ["min(start) >= fromUnixTimestamp64Milli({lo:Int64}, 'UTC')", "min(start) < fromUnixTimestamp64Milli({hi:Int64}, 'UTC')"];
    // A merged status (or cold start) needs at least one partial row saying so: look only at those.
    let candidates = where;
    if (f.status !== undefined) {
      params.rank = STATUS_RANK[f.status];
      having.push('max(status_rank) = {rank:UInt8}');
      candidates += ' AND (function, request_id) IN (SELECT function, request_id FROM invocations WHERE ' + where + ' AND status_rank = {rank:UInt8})';
    }
    if (f.coldStart === true) {
      having.push('max(cold_start) = 1');
      candidates += ' AND (function, request_id) IN (SELECT function, request_id FROM invocations WHERE ' + where + ' AND cold_start = 1)';
    } else if (f.coldStart === false) having.push('ifNull(max(cold_start), 0) = 0');
    const rows = await this.db.query<MergedRecord>(
      `SELECT ${MERGED_COLUMNS} FROM invocations
       WHERE ${where} AND (function, request_id) IN (
         SELECT function, request_id FROM invocations WHERE ${candidates}
         GROUP BY function, request_id
         HAVING ${having.join(' AND ')}
         ORDER BY min(start) DESC, request_id DESC
         LIMIT {limit:UInt32})
       GROUP BY function, request_id
       ORDER BY min(start) DESC, request_id DESC`,
      params,
    );
    return rows.map(toItem);
  }

  private async oldestMs(project: string): Promise<number> {
    const rows = await this.db.query<{ t: string }>(
      'SELECT toString(toUnixTimestamp(min(bucket)) * 1000) AS t FROM invocations WHERE project = {project:String} HAVING count() > 0',
      { project },
    );
    return rows[0] ? Number(rows[0].t) - 60_000 : Date.now();
  }
}
