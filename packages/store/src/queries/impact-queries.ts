// Impact of a function's failures, and the list of transactions (entry invocations).
//
// impact: the failing invocations of a function in a window (the newest `limit`), their traces, then
// upstream through link_index for all of them at once: one statement per round returns (consumer
// trace, producer trace) pairs; the graph is kept in memory, so that each failing invocation's own
// upstream closure (its roots = traces without a producer, and the invocations on the way) is known
// afterwards. Entries come from the root traces' first invocation span (http route, schedule rule, s3
// bucket, else the function itself); users from enduser.id of the invocation spans on the path, with their
// tier (nightjar.enduser.tier), VIP users (isVipTier) first.
import { STATUS_RANK, isVipTier, nsToIso, type FailingKeysOf, type FunctionImpact, type ImpactEntryCount, type ImpactUserCount, type TransactionFilter, type TransactionListItem, type TxEntry } from '@nightjar/model';
import type { Db } from '../db.ts';
import { bucketWindow } from '../rollup/windows.ts';
import { ms } from './time-params.ts';
import { LOCATED_TRACES_WHERE, locateTraces } from './trace-queries.ts';

export interface ImpactQuery {
  function: string;
  from: Date;
  to: Date;
  /** Failing invocations walked (newest first); default 200. */
  limit?: number;
  /** Upstream rounds; default 12. */
  maxRounds?: number;
  /** Traces reached in all; default 2000. */
  maxTraces?: number;
  /**
   * The keys of a failing batch's failing record(s) (@nightjar/assemble's failingRecordKeys, passed by the
   * api: the store does not import assemble). When it tells, the failing trace's first upstream step follows
   * only those keys, and the batch's own enduser.id (read from one record) is not counted.
   */
  failingKeys?: FailingKeysOf;
}

/** Seconds a producer may appear to start after its consumer (clocks of different functions). */
const SKEW_SECONDS = 5;

/**
 * Upstream pairs: per consumer trace and key it consumed, its producer (the nearest earlier one when
 * several); `excluded`: "<trace id> <key>" not to follow (other records of a failing batch).
 */
const UP_PAIRS_SQL = `
WITH consumed AS (
  SELECT trace_id AS consumer, key, min(time) AS time FROM trace_links
  WHERE project = {project:String} AND direction = 'in' AND trace_id IN {frontier:Array(String)}
    AND concat(trace_id, ' ', key) NOT IN {excluded:Array(String)}
  GROUP BY trace_id, key)
SELECT c.consumer AS consumer,
  if(countIf(o.time <= c.time + ${SKEW_SECONDS}) > 0, argMaxIf(o.trace_id, o.time, o.time <= c.time + ${SKEW_SECONDS}), argMin(o.trace_id, o.time)) AS producer
FROM (
  SELECT key, trace_id, time FROM link_index
  WHERE project = {project:String} AND direction = 'out' AND key IN (SELECT key FROM consumed)) AS o
INNER JOIN consumed AS c ON o.key = c.key
GROUP BY c.consumer, o.key
LIMIT {limit:UInt32}`;

const FAILED_COUNT_SQL = `
SELECT count() AS n FROM (
  SELECT request_id FROM invocations
  WHERE project = {project:String} AND function = {fn:String} AND bucket >= {blo:UInt32} AND bucket <= {bhi:UInt32}
    AND request_id IN (
      SELECT request_id FROM invocations
      WHERE project = {project:String} AND function = {fn:String} AND bucket >= {blo:UInt32} AND bucket <= {bhi:UInt32} AND status_rank > {ok:UInt8})
  GROUP BY request_id
  HAVING max(status_rank) > {ok:UInt8}
    AND min(start) >= fromUnixTimestamp64Milli({lo:Int64}, 'UTC') AND min(start) < fromUnixTimestamp64Milli({hi:Int64}, 'UTC'))`;

const FAILED_SQL = `
SELECT request_id, max(trace_id) AS trace_id FROM invocations
WHERE project = {project:String} AND function = {fn:String} AND bucket >= {blo:UInt32} AND bucket <= {bhi:UInt32}
  AND request_id IN (
    SELECT request_id FROM invocations
    WHERE project = {project:String} AND function = {fn:String} AND bucket >= {blo:UInt32} AND bucket <= {bhi:UInt32} AND status_rank > {ok:UInt8})
GROUP BY request_id
HAVING max(status_rank) > {ok:UInt8}
  AND min(start) >= fromUnixTimestamp64Milli({lo:Int64}, 'UTC') AND min(start) < fromUnixTimestamp64Milli({hi:Int64}, 'UTC')
ORDER BY min(start) DESC, request_id DESC
LIMIT {limit:UInt32}`;

const TRACES_OF_REQUESTS_SQL = `
SELECT request_id, any(trace_id) AS trace_id FROM spans
WHERE project = {project:String} AND request_id IN {requestIds:Array(String)}
  AND timestamp >= fromUnixTimestamp64Milli({lo:Int64}, 'UTC') - INTERVAL 1 HOUR
  AND timestamp < fromUnixTimestamp64Milli({hi:Int64}, 'UTC') + INTERVAL 1 HOUR
GROUP BY request_id`;

/** The failing invocations' root spans, with what tells a batch's failing record (the longest copy of each). */
const FAILING_ROOTS_SQL = `
SELECT trace_id, request_id, input, link_in, status_message, attributes, event_names, event_attributes
FROM spans
${LOCATED_TRACES_WHERE}
  AND request_id IN {requestIds:Array(String)} AND function_name = {fn:String} AND kind IN ('server', 'consumer')
ORDER BY duration_ns DESC
LIMIT 1 BY trace_id, request_id`;

interface FailingRootRow {
  trace_id: string;
  request_id: string;
  input: string;
  link_in: string[];
  status_message: string;
  attributes: Record<string, string>;
  event_names: string[];
  event_attributes: Record<string, string>[];
}

/** Invocation spans (the first span of each request in each trace) with what entries and users need. */
const INVOCATION_SPANS_SQL = `
SELECT trace_id, request_id,
  toString(argMin(function_name, timestamp)) AS fn,
  toString(toUnixTimestamp64Nano(min(timestamp))) AS start_ns,
  argMin(attributes, timestamp) AS attrs,
  toString(argMin(http_route, timestamp)) AS route
FROM spans
${LOCATED_TRACES_WHERE}
  AND request_id != '' AND kind IN ('server', 'consumer')
GROUP BY trace_id, request_id`;

interface InvocationSpan {
  trace_id: string;
  request_id: string;
  fn: string;
  start_ns: string;
  attrs: Record<string, string>;
  route: string;
}

const HTTP_SOURCES = new Set(['api-gateway-rest', 'api-gateway-http', 'alb', 'function-url']);

/** The entry an invocation span stands for: http route, schedule rule, s3 bucket, else its function. */
export function entryOf(fn: string, a: Record<string, string>, httpRoute = ''): { kind: TxEntry['kind']; name: string } {
  const source = a['nightjar.trigger.source'] ?? '';
  const route = httpRoute || a['http.route'] || '';
  if (HTTP_SOURCES.has(source) || route !== '' || (a['faas.trigger'] === 'http' && source === '')) {
    return { kind: 'http', name: `${a['http.request.method'] || 'GET'} ${route || a['url.path'] || '/'}` };
  }
  if (source === 'schedule') return { kind: 'schedule', name: a['aws.eventbridge.rule'] || 'schedule' };
  if (source === 's3') {
    const bucket = a['aws.s3.bucket'] ?? a['faas.document.collection'];
    if (bucket) return { kind: 's3', name: `s3://${bucket}` };
  }
  return { kind: 'invoke', name: fn };
}

/** entryOf in SQL over a spans row (function_name, attributes, http_route): the same name, so that
 * the transactions list filters by entry before its LIMIT. Keep the two in step (tested together). */
const SRC = "attributes['nightjar.trigger.source']";
const BUCKET = "if(mapContains(attributes, 'aws.s3.bucket'), attributes['aws.s3.bucket'], attributes['faas.document.collection'])";
const ENTRY_NAME_SQL = `multiIf(
  ${SRC} IN (${[...HTTP_SOURCES].map((h) => `'${h}'`).join(', ')}) OR http_route != '' OR attributes['http.route'] != ''
    OR (attributes['faas.trigger'] = 'http' AND ${SRC} = ''),
  concat(if(attributes['http.request.method'] != '', attributes['http.request.method'], 'GET'), ' ',
    multiIf(http_route != '', toString(http_route), attributes['http.route'] != '', attributes['http.route'], attributes['url.path'] != '', attributes['url.path'], '/')),
  ${SRC} = 'schedule', if(attributes['aws.eventbridge.rule'] != '', attributes['aws.eventbridge.rule'], 'schedule'),
  ${SRC} = 's3' AND ${BUCKET} != '', concat('s3://', ${BUCKET}),
  toString(function_name))`;

export class ImpactQueries {
  constructor(private readonly db: Db) {}

  async impact(project: string, q: ImpactQuery): Promise<FunctionImpact> {
    const limit = Math.max(1, Math.min(5000, Math.floor(q.limit ?? 200)));
    const maxRounds = q.maxRounds ?? 12;
    const maxTraces = q.maxTraces ?? 2000;
    const loMs = q.from.getTime();
    const hiMs = q.to.getTime();
    const w = bucketWindow(Math.floor(loMs / 60_000) * 60, Math.ceil(hiMs / 1000));
    const params = { project, fn: q.function, blo: w.lo, bhi: w.hi, ok: STATUS_RANK.success, lo: ms(q.from), hi: ms(q.to), limit };
    const [countRows, failed] = await Promise.all([
      this.db.query<{ n: string | number }>(FAILED_COUNT_SQL, params),
      this.db.query<{ request_id: string; trace_id: string | null }>(FAILED_SQL, params),
    ]);
    const base = { function: q.function, from: q.from.toISOString(), to: q.to.toISOString(), failedInvocations: Number(countRows[0]?.n ?? 0), sampled: failed.length };
    if (failed.length === 0) return { ...base, entries: [], users: [], truncated: false };

    // each failing invocation's trace: from the invocation, else from spans carrying its request id
    const traceOf = new Map<string, string>();
    for (const f of failed) if (f.trace_id) traceOf.set(f.request_id, f.trace_id);
    const missing = failed.filter((f) => !traceOf.has(f.request_id)).map((f) => f.request_id);
    if (missing.length > 0) {
      const rows = await this.db.query<{ request_id: string; trace_id: string }>(TRACES_OF_REQUESTS_SQL, { project, requestIds: missing, lo: ms(q.from), hi: ms(q.to) });
      for (const r of rows) traceOf.set(r.request_id, r.trace_id);
    }

    // a failing batch: its first upstream step only through the failing record(s)' keys
    const { excluded, restricted } = await this.batchRestrictions(project, q, failed, traceOf);

    // upstream, collectively: producers of each reached trace
    const producers = new Map<string, Set<string>>();
    const known = new Set(traceOf.values());
    let frontier = [...known];
    let truncated = false;
    for (let round = 0; frontier.length > 0; round++) {
      if (round >= maxRounds) {
        truncated = true;
        break;
      }
      const rows = await this.db.query<{ consumer: string; producer: string }>(UP_PAIRS_SQL, { project, frontier, excluded: round === 0 ? excluded : [], limit: maxTraces * 20 });
      const next: string[] = [];
      for (const r of rows) {
        if (r.producer === r.consumer) continue;
        let set = producers.get(r.consumer);
        if (!set) producers.set(r.consumer, (set = new Set()));
        if (!known.has(r.producer)) {
          if (known.size >= maxTraces) {
            truncated = true;
            continue;
          }
          known.add(r.producer);
          next.push(r.producer);
        }
        set.add(r.producer);
      }
      frontier = next;
    }

    const spans = await this.invocationSpans(project, [...known]);
    const byTrace = new Map<string, InvocationSpan[]>();
    for (const s of spans) {
      const list = byTrace.get(s.trace_id) ?? [];
      list.push(s);
      byTrace.set(s.trace_id, list);
    }
    for (const list of byTrace.values()) list.sort((a, b) => (a.start_ns.length - b.start_ns.length) || (a.start_ns < b.start_ns ? -1 : a.start_ns > b.start_ns ? 1 : 0));

    const entryCounts = new Map<string, ImpactEntryCount>();
    const userCounts = new Map<string, number>();
    const userTiers = new Map<string, string>();
    for (const f of failed) {
      const start = traceOf.get(f.request_id);
      const closure = new Set<string>();
      const roots: string[] = [];
      const stack = start ? [start] : [];
      while (stack.length > 0) {
        const t = stack.pop()!;
        if (closure.has(t)) continue;
        closure.add(t);
        const ps = producers.get(t);
        if (!ps || ps.size === 0) roots.push(t);
        else for (const p of ps) stack.push(p);
      }
      // entries: each distinct root trigger once
      const entries = new Map<string, { kind: TxEntry['kind']; name: string }>();
      for (const r of roots) {
        const first = byTrace.get(r)?.[0];
        const e = first ? entryOf(first.fn, first.attrs, first.route) : { kind: 'invoke' as const, name: q.function };
        entries.set(`${e.kind}\u0000${e.name}`, e);
      }
      if (entries.size === 0) entries.set(`unknown\u0000${q.function}`, { kind: 'unknown', name: q.function });
      for (const [k, e] of entries) {
        const c = entryCounts.get(k) ?? { ...e, failed: 0 };
        c.failed++;
        entryCounts.set(k, c);
      }
      // users: enduser.id of the invocations on the path (roots first), and of the failing one itself;
      // a batch whose failing records are known: in its own trace, only the invocations before it
      const users = new Set<string>();
      const ordered = [...roots, ...[...closure].filter((t) => !roots.includes(t))];
      const own = start === undefined ? undefined : byTrace.get(start)?.find((s) => s.request_id === f.request_id);
      const before = (s: InvocationSpan) => own !== undefined && BigInt(s.start_ns) < BigInt(own.start_ns) && s.request_id !== f.request_id;
      for (const t of ordered) {
        for (const s of byTrace.get(t) ?? []) {
          if (t === start && restricted.has(f.request_id) && !before(s)) continue;
          const u = s.attrs['enduser.id'];
          if (u) users.add(u);
          const tier = s.attrs['nightjar.enduser.tier'];
          if (u && tier && !userTiers.has(u)) userTiers.set(u, tier);
        }
      }
      for (const u of users) userCounts.set(u, (userCounts.get(u) ?? 0) + 1);
    }
    const byCount = <T extends { failed: number }>(a: T & { name?: string; id?: string }, b: T & { name?: string; id?: string }) =>
      b.failed - a.failed || (a.name ?? a.id ?? '').localeCompare(b.name ?? b.id ?? '');
    return {
      ...base,
      entries: [...entryCounts.values()].sort(byCount),
      users: [...userCounts]
        .map(([id, n]): ImpactUserCount => {
          const tier = userTiers.get(id);
          return { id, failed: n, ...(tier !== undefined ? { tier } : {}), vip: isVipTier(tier) };
        })
        .sort((a, b) => Number(b.vip) - Number(a.vip) || byCount(a, b)),
      truncated,
    };
  }

  /**
   * With q.failingKeys: the failing invocations' root spans are read, and for each batch whose failing
   * records it tells, its other records' keys are excluded ("<trace id> <key>") unless another failing
   * invocation of the same trace consumed them; `restricted`: the request ids of those batches.
   */
  private async batchRestrictions(
    project: string,
    q: ImpactQuery,
    failed: readonly { request_id: string }[],
    traceOf: ReadonlyMap<string, string>,
  ): Promise<{ excluded: string[]; restricted: Set<string> }> {
    const restricted = new Set<string>();
    const failingKeys = q.failingKeys;
    const traceIds = [...new Set(traceOf.values())];
    if (failingKeys === undefined || traceIds.length === 0) return { excluded: [], restricted };
    const at = await locateTraces(this.db, project, traceIds);
    if (at === null) return { excluded: [], restricted };
    const rows = await this.db.query<FailingRootRow>(FAILING_ROOTS_SQL, { project, fn: q.function, traceIds, requestIds: failed.map((f) => f.request_id), ...at });
    const exclude = new Set<string>();
    const needed = new Set<string>();
    for (const r of rows) {
      if (traceOf.get(r.request_id) !== r.trace_id) continue;
      const events = r.event_names.map((name, i) => ({ name, attributes: r.event_attributes[i] ?? {} }));
      const keys = failingKeys({ input: r.input, linkIn: r.link_in, statusMessage: r.status_message, events, attributes: r.attributes });
      if (keys === null) {
        for (const k of r.link_in) needed.add(`${r.trace_id} ${k}`);
        continue;
      }
      restricted.add(r.request_id);
      const keep = new Set(keys);
      for (const k of r.link_in) (keep.has(k) ? needed : exclude).add(`${r.trace_id} ${k}`);
    }
    return { excluded: [...exclude].filter((k) => !needed.has(k)), restricted };
  }

  private async invocationSpans(project: string, traceIds: string[]): Promise<InvocationSpan[]> {
    const at = await locateTraces(this.db, project, traceIds);
    return at === null ? [] : this.db.query<InvocationSpan>(INVOCATION_SPANS_SQL, { project, traceIds, ...at });
  }

  /**
   * Entry invocations in the window, newest first: invocation spans that started a flow (a server span
   * without a parent, an HTTP route, a schedule or an upload). `function` = the entry's function; `status`
   * = the entry invocation's own (its root span's) status, not the whole transaction's; `entry` = the
   * entry's name as entryOf gives it (filtered in SQL, before the limit).
   */
  async listTransactions(f: TransactionFilter): Promise<TransactionListItem[]> {
    const params: Record<string, unknown> = { project: f.project, lo: ms(f.from), hi: ms(f.to), limit: Math.max(1, Math.min(1000, Math.floor(f.limit))) };
    let where = `project = {project:String}
      AND timestamp >= fromUnixTimestamp64Milli({lo:Int64}, 'UTC') AND timestamp < fromUnixTimestamp64Milli({hi:Int64}, 'UTC')
      AND request_id != ''
      AND ((kind = 'server' AND parent_span_id = '') OR http_route != '' OR attributes['http.route'] != ''
           OR attributes['nightjar.trigger.source'] IN ('schedule', 's3'))`;
    if (f.function !== undefined) {
      where += ' AND function_name = {fn:String}';
      params.fn = f.function;
    }
    if (f.user !== undefined) {
      where += " AND attributes['enduser.id'] = {user:String}";
      params.user = f.user;
    }
    if (f.status !== undefined) where += f.status === 'error' ? " AND status = 'error'" : " AND status != 'error'";
    if (f.entry !== undefined) {
      where += ` AND ${ENTRY_NAME_SQL} = {entry:String}`;
      params.entry = f.entry;
    }
    const rows = await this.db.query<{ trace_id: string; request_id: string; fn: string; start_ns: string; duration_ns: string | number; status: string; attrs: Record<string, string>; route: string }>(
      `SELECT trace_id, request_id, toString(function_name) AS fn, toString(toUnixTimestamp64Nano(timestamp)) AS start_ns, duration_ns,
         toString(status) AS status, attributes AS attrs, toString(http_route) AS route
       FROM spans WHERE ${where}
       ORDER BY timestamp DESC, request_id DESC
       LIMIT 1 BY request_id
       LIMIT {limit:UInt32}`,
      params,
    );
    return rows.map((r) => ({
      id: r.request_id,
      traceId: r.trace_id,
      entry: entryOf(r.fn, r.attrs, r.route),
      function: r.fn,
      user: r.attrs['enduser.id'] || null,
      start: nsToIso(r.start_ns),
      status: r.status === 'error' ? 'error' : 'ok',
      durationMs: Number(r.duration_ns) / 1e6,
    }));
  }
}
