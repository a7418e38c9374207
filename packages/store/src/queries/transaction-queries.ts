// Gathering a transaction: from any id (trace id, span id, request id, message id or a whole
// stitching key) to the traces it spans (link-walk.ts), then their spans and invocations. Bounded:
// traces and spans.
//
// The walk first runs in memory over the key rows of the minutes around the seed (link_times, one
// range scan), then one statement checks that none of the traces it looked at and none of the keys
// it followed has a row outside those minutes: then the in-memory walk saw everything the lookup
// walk would have, and its result is exact. Otherwise (a hop minutes away, a busy window) the walk
// runs on the lookup tables: two point lookups per hop (the frontier's keys from trace_links, then
// every span with those keys from link_index). On chDB every statement costs a few milliseconds
// whatever it reads, so three statements in all instead of two per hop is what makes a transaction
// fast.
import type { InvocationItem, SpanItem } from '@nightjar/model';
import type { Db } from '../db.ts';
import type { InvocationQueries } from './invocation-queries.ts';
import { RowsLinkSource, walkLinks, type KeyRow, type LinkSource, type WalkResult } from './link-walk.ts';
import { locationOf, traceExtents, type TraceExtents, type TraceQueries } from './trace-queries.ts';

export interface GatherBounds {
  maxTraces: number;
  maxSpans: number;
}

export const DEFAULT_GATHER_BOUNDS: GatherBounds = { maxTraces: 500, maxSpans: 10_000 };

export interface GatheredTransaction {
  spans: SpanItem[];
  invocations: InvocationItem[];
  traceIds: string[];
  /** A bound cut the walk short. */
  truncated: boolean;
  /** How the traces were walked. */
  mode: WalkMode;
}

/** How a transaction was walked: in memory over a window of key rows, or by lookups hop by hop. */
export type WalkMode = 'window' | 'lookups';

const TRACE_ID = /^[0-9a-f]{32}$/;
const SPAN_ID = /^[0-9a-f]{16}$/;
/** Services whose message or request ids are looked up as `<service>:<id>` keys. */
const ID_KEY_PREFIXES = ['lambda', 'sqs', 'sns', 'events'];

/** Seconds read on each side of the seed's key times for the in-memory walk. */
const WINDOW_SECONDS = 30;
/** More key rows than this in the window: the lookups are cheaper than reading them. */
const WINDOW_MAX_ROWS = 20_000;

/** The keys of some traces (trace_links is ordered by trace). */
const KEYS_OF_TRACES_SQL = `
SELECT trace_id, key, toString(direction) AS direction, toUInt32(time) AS time FROM trace_links
WHERE project = {project:String} AND trace_id IN {traces:Array(String)}`;

/**
 * Every span that has one of these keys, either way (link_index is ordered by key). A separate
 * statement: folding the keys lookup in as a subquery was slower.
 */
const TRACES_OF_KEYS_SQL = `
SELECT trace_id, key, toString(direction) AS direction, toUInt32(time) AS time FROM link_index
WHERE project = {project:String} AND key IN {keys:Array(String)}`;

/** Every key row of the window [lo, hi) (link_times is ordered by time). */
const WINDOW_SQL = `
SELECT trace_id, key, toString(direction) AS direction, toUInt32(time) AS time FROM link_times
WHERE project = {project:String} AND time >= toDateTime({lo:UInt32}, 'UTC') AND time < toDateTime({hi:UInt32}, 'UTC')
LIMIT {limit:UInt32}`;

const OUTSIDE = "(time < toDateTime({lo:UInt32}, 'UTC') OR time >= toDateTime({hi:UInt32}, 'UTC'))";
/** Rows of these keys outside the window: a producer or consumer the window did not hold. */
const KEYS_OUTSIDE_SQL = `SELECT 1 AS outside FROM link_index WHERE project = {project:String} AND key IN {keys:Array(String)} AND ${OUTSIDE}`;
/** Keys of these traces outside the window (traces that began or ended outside it). */
const TRACES_OUTSIDE_SQL = `SELECT 1 AS outside FROM trace_links WHERE project = {project:String} AND trace_id IN {traces:Array(String)} AND ${OUTSIDE}`;

/** Where the seed is: its traces and the span times (unix seconds) of what named it. */
interface Seed {
  traceIds: string[];
  invocation: InvocationItem | null;
  at: { lo: number; hi: number } | null;
}

/** The seconds of some rows, as a seed's `at`. */
function spanOf(rows: readonly { lo: number | string; hi: number | string }[]): { lo: number; hi: number } | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of rows) {
    lo = Math.min(lo, Number(r.lo));
    hi = Math.max(hi, Number(r.hi));
  }
  return Number.isFinite(lo) && Number.isFinite(hi) ? { lo, hi } : null;
}

/**
 * Trace ids a REPORT line can carry: X-Ray's, whose first 8 hex digits are the unix second the
 * trace began (a random id passes for one with a chance of 2 days in 2^32 seconds, 1 in ~25,000, costing one scan).
 */
export function xrayShaped(traceId: string, aroundMs: { fromMs: number; toMs: number }): boolean {
  const s = Number.parseInt(traceId.slice(0, 8), 16);
  return s * 1000 >= aroundMs.fromMs - 86_400_000 && s * 1000 <= aroundMs.toMs + 86_400_000;
}

export class TransactionQueries {
  constructor(
    private readonly db: Db,
    private readonly traces: TraceQueries,
    private readonly invocations: InvocationQueries,
  ) {}

  /** The traces an id names directly (and when), or the invocation it names when that has no spans. */
  async seed(project: string, anyId: string): Promise<Seed> {
    const id = anyId.trim();
    const lower = id.toLowerCase();
    if (TRACE_ID.test(lower)) {
      const rows = await this.db.query<{ lo: number; hi: number }>(
        'SELECT toUInt32(min(first)) AS lo, toUInt32(max(last)) + 60 AS hi FROM trace_index WHERE project = {project:String} AND trace_id = {id:String} HAVING count() > 0',
        { project, id: lower },
      );
      if (rows.length > 0) return { traceIds: [lower], invocation: null, at: spanOf(rows) };
    }
    if (SPAN_ID.test(lower)) {
      const rows = await this.db.query<{ trace_id: string; lo: number; hi: number }>(
        'SELECT trace_id, toUInt32(timestamp) AS lo, toUInt32(timestamp) AS hi FROM spans WHERE project = {project:String} AND span_id = {id:String} LIMIT 1',
        { project, id: lower },
      );
      if (rows[0]) return { traceIds: [rows[0].trace_id], invocation: null, at: spanOf(rows) };
    }
    const keys = [id, ...ID_KEY_PREFIXES.map((p) => `${p}:${id}`)];
    const rows = await this.db.query<{ trace_id: string; lo: number; hi: number }>(
      'SELECT trace_id, toUInt32(min(time)) AS lo, toUInt32(max(time)) AS hi FROM link_index WHERE project = {project:String} AND key IN {keys:Array(String)} GROUP BY trace_id LIMIT 50',
      { project, keys },
    );
    if (rows.length > 0) return { traceIds: rows.map((r) => r.trace_id), invocation: null, at: spanOf(rows) };
    // an invocation known only from its platform logs
    const inv = await this.invocations.invocationsByRequestId(project, id);
    const found = inv[0] ?? null;
    if (found?.traceId) {
      const t = await this.db.query<{ lo: number; hi: number }>(
        'SELECT toUInt32(min(first)) AS lo, toUInt32(max(last)) + 60 AS hi FROM trace_index WHERE project = {project:String} AND trace_id = {id:String} HAVING count() > 0',
        { project, id: found.traceId },
      );
      if (t.length > 0) return { traceIds: [found.traceId], invocation: found, at: spanOf(t) };
    }
    return { traceIds: [], invocation: found, at: null };
  }

  /** The lookup tables as a walk's source: two point lookups per hop. */
  private lookups(project: string): LinkSource {
    return {
      keysOf: (traces) => this.db.query<KeyRow>(KEYS_OF_TRACES_SQL, { project, traces }),
      rowsOf: (keys) => this.db.query<KeyRow>(TRACES_OF_KEYS_SQL, { project, keys }),
    };
  }

  /**
   * The walk in memory over the key rows of the minutes around the seed, with the extents of the
   * traces it reached; null when the window did not hold everything the walk looked at.
   */
  private async walkInWindow(project: string, seed: string[], at: { lo: number; hi: number }, maxTraces: number): Promise<(WalkResult & { extents: TraceExtents }) | null> {
    // whole minutes, as trace_index's extents are
    const lo = Math.floor((at.lo - WINDOW_SECONDS) / 60) * 60;
    const hi = Math.ceil((at.hi + WINDOW_SECONDS + 1) / 60) * 60;
    const rows = await this.db.query<KeyRow>(WINDOW_SQL, { project, lo, hi, limit: WINDOW_MAX_ROWS + 1 });
    if (rows.length > WINDOW_MAX_ROWS) return null;
    const walk = await walkLinks(new RowsLinkSource(rows), seed, maxTraces);
    // A trace inside the window has all its key rows in it; the others are checked row by row.
    const extents = await traceExtents(this.db, project, [...walk.known.keys()]);
    const spill = [...walk.looked].filter((t) => {
      const e = extents.get(t);
      return e === undefined || e.first < lo || e.last + 60 > hi;
    });
    const checks: string[] = [];
    if (walk.followed.size > 0) checks.push(KEYS_OUTSIDE_SQL);
    if (spill.length > 0) checks.push(TRACES_OUTSIDE_SQL);
    if (checks.length > 0) {
      const outside = await this.db.query<{ outside: number }>(`${checks.join(' UNION ALL ')} LIMIT 1`, { project, keys: [...walk.followed], traces: spill, lo, hi });
      if (outside.length > 0) return null;
    }
    return { ...walk, extents };
  }

  /** The traces of a transaction, how they were found and (from the window) where they are. */
  async walk(project: string, seed: Seed, bounds: GatherBounds, mode?: WalkMode): Promise<WalkResult & { mode: WalkMode; extents?: TraceExtents }> {
    if (mode !== 'lookups' && seed.at !== null && seed.traceIds.length > 0) {
      const w = await this.walkInWindow(project, seed.traceIds, seed.at, bounds.maxTraces);
      if (w !== null) return { ...w, mode: 'window' };
    }
    return { ...(await walkLinks(this.lookups(project), seed.traceIds, bounds.maxTraces)), mode: 'lookups' };
  }

  async gather(project: string, anyId: string, bounds: GatherBounds = DEFAULT_GATHER_BOUNDS, mode?: WalkMode): Promise<GatheredTransaction | null> {
    const seed = await this.seed(project, anyId);
    if (seed.traceIds.length === 0 && seed.invocation === null) return null;
    const walk = await this.walk(project, seed, bounds, mode);
    const traceIds = [...walk.known.keys()];
    let truncated = walk.truncated;
    let spans = await this.traces.traces(project, traceIds, walk.extents ? locationOf(walk.extents) : undefined);
    if (spans.length > bounds.maxSpans) {
      spans = spans.slice(0, bounds.maxSpans);
      truncated = true;
    }
    // The invocations: the spans name most of them with their function; a lambda: key names the
    // ones invoked without a tracer; platform-log-only ones carry an X-Ray trace id.
    const traced = new Map<string, { function: string; requestId: string }>();
    let fromMs = Infinity;
    let toMs = -Infinity;
    for (const s of spans) {
      const t = Date.parse(s.start);
      fromMs = Math.min(fromMs, t);
      toMs = Math.max(toMs, t + s.durationMs);
      if (s.requestId !== '' && s.functionName !== '') traced.set(s.requestId, { function: s.functionName, requestId: s.requestId });
    }
    for (const r of walk.keyRows) {
      fromMs = Math.min(fromMs, Number(r.time) * 1000 - 1000);
      toMs = Math.max(toMs, Number(r.time) * 1000 + 1000);
    }
    if (!Number.isFinite(fromMs)) fromMs = toMs = Date.parse(seed.invocation?.start ?? '') || Date.now();
    const named = new Set<string>();
    for (const r of walk.keyRows) if (r.key.startsWith('lambda:')) named.add(r.key.slice(7));
    for (const s of spans) if (s.requestId !== '') named.add(s.requestId);
    const around = { fromMs, toMs };
    let invocations = await this.invocations.invocationsOfTransaction(project, {
      traced: [...traced.values()],
      requestIds: [...named].filter((r) => !traced.has(r)),
      traceIds: traceIds.filter((t) => xrayShaped(t, around)),
      fromMs,
      toMs,
    });
    if (seed.invocation && !invocations.some((i) => i.requestId === seed.invocation?.requestId)) invocations = [...invocations, seed.invocation];
    return { spans, invocations, traceIds, truncated, mode: walk.mode };
  }
}
