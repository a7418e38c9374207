// Gathering a transaction: from any id (trace id, span id, request id, message id or a whole
// stitching key) to the traces it spans, by walking link_index. Directed, so that batches do not
// merge unrelated transactions: first upstream (what produced the keys our consumers received)
// until the entry, then downstream from everything found (who consumed the keys we produced). Each
// round is one statement (keys by trace through the by_trace projection, spans by key through the
// primary key); the spans and invocations are read once at the end. Bounded: traces and spans.
import type { InvocationItem, SpanItem } from '@nightjar/model';
import type { Db } from '../db.ts';
import type { InvocationQueries } from './invocation-queries.ts';
import type { TraceQueries } from './trace-queries.ts';

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
}

const TRACE_ID = /^[0-9a-f]{32}$/;
const SPAN_ID = /^[0-9a-f]{16}$/;
/** Services whose message or request ids are looked up as `<service>:<id>` keys. */
const ID_KEY_PREFIXES = ['lambda', 'sqs', 'sns', 'events'];

/** Seconds a producer may appear to start after its consumer (clocks of different functions). */
const SKEW_SECONDS = 5;

/**
 * Upstream: for every key the frontier consumed, its producer; when a key was produced more than once
 * (a DynamoDB item written twice), the nearest producer before the consumer.
 */
const UP_SQL = `
WITH consumed AS (
  SELECT key, min(time) AS time FROM link_index
  WHERE project = {project:String} AND direction = 'in' AND trace_id IN {frontier:Array(String)}
  GROUP BY key)
SELECT if(countIf(o.time <= c.time + ${SKEW_SECONDS}) > 0, argMaxIf(o.trace_id, o.time, o.time <= c.time + ${SKEW_SECONDS}), argMin(o.trace_id, o.time)) AS trace_id
FROM (
  SELECT key, trace_id, time FROM link_index
  WHERE project = {project:String} AND direction = 'out' AND key IN (SELECT key FROM consumed)) AS o
INNER JOIN consumed AS c ON o.key = c.key
GROUP BY o.key
LIMIT {limit:UInt32}`;

/** Downstream: every consumer of a key the frontier produced (fan-out). */
const DOWN_SQL = `
SELECT DISTINCT trace_id FROM link_index
WHERE project = {project:String} AND direction = 'in' AND key IN (
  SELECT key FROM link_index
  WHERE project = {project:String} AND direction = 'out' AND trace_id IN {frontier:Array(String)})
LIMIT {limit:UInt32}`;

export class TransactionQueries {
  constructor(
    private readonly db: Db,
    private readonly traces: TraceQueries,
    private readonly invocations: InvocationQueries,
  ) {}

  /** The traces an id names directly, or the invocation it names when that has no spans. */
  async seed(project: string, anyId: string): Promise<{ traceIds: string[]; invocation: InvocationItem | null }> {
    const id = anyId.trim();
    const lower = id.toLowerCase();
    if (TRACE_ID.test(lower)) {
      const rows = await this.db.query<{ trace_id: string }>('SELECT trace_id FROM trace_index WHERE project = {project:String} AND trace_id = {id:String} LIMIT 1', { project, id: lower });
      if (rows.length > 0) return { traceIds: [lower], invocation: null };
    }
    if (SPAN_ID.test(lower)) {
      const rows = await this.db.query<{ trace_id: string }>('SELECT trace_id FROM spans WHERE project = {project:String} AND span_id = {id:String} LIMIT 1', { project, id: lower });
      if (rows[0]) return { traceIds: [rows[0].trace_id], invocation: null };
    }
    const keys = [id, ...ID_KEY_PREFIXES.map((p) => `${p}:${id}`)];
    const rows = await this.db.query<{ trace_id: string }>('SELECT DISTINCT trace_id FROM link_index WHERE project = {project:String} AND key IN {keys:Array(String)} LIMIT 50', { project, keys });
    if (rows.length > 0) return { traceIds: rows.map((r) => r.trace_id), invocation: null };
    // an invocation known only from its platform logs
    const now = Date.now();
    const inv = await this.invocations.invocationsOf(project, [id], [], { fromMs: now, toMs: now });
    const found = inv[0] ?? null;
    if (found?.traceId) {
      const t = await this.db.query<{ trace_id: string }>('SELECT trace_id FROM trace_index WHERE project = {project:String} AND trace_id = {id:String} LIMIT 1', { project, id: found.traceId });
      if (t.length > 0) return { traceIds: [found.traceId], invocation: found };
    }
    return { traceIds: [], invocation: found };
  }

  async gather(project: string, anyId: string, bounds: GatherBounds = DEFAULT_GATHER_BOUNDS): Promise<GatheredTransaction | null> {
    const seed = await this.seed(project, anyId);
    if (seed.traceIds.length === 0 && seed.invocation === null) return null;
    const known = new Set(seed.traceIds);
    let truncated = false;
    const walk = async (sql: string, start: string[]) => {
      let frontier = start;
      while (frontier.length > 0 && !truncated) {
        const rows = await this.db.query<{ trace_id: string }>(sql, { project, frontier, limit: bounds.maxTraces + 1 });
        const next: string[] = [];
        for (const r of rows) {
          if (known.has(r.trace_id)) continue;
          if (known.size >= bounds.maxTraces) {
            truncated = true;
            break;
          }
          known.add(r.trace_id);
          next.push(r.trace_id);
        }
        frontier = next;
      }
    };
    await walk(UP_SQL, [...known]);
    await walk(DOWN_SQL, [...known]);
    const traceIds = [...known];
    let spans = await this.traces.traces(project, traceIds);
    if (spans.length > bounds.maxSpans) {
      spans = spans.slice(0, bounds.maxSpans);
      truncated = true;
    }
    const requestIds = [...new Set(spans.map((s) => s.requestId).filter((r) => r !== ''))];
    let fromMs = Infinity;
    let toMs = -Infinity;
    for (const s of spans) {
      const t = Date.parse(s.start);
      fromMs = Math.min(fromMs, t);
      toMs = Math.max(toMs, t + s.durationMs);
    }
    if (!Number.isFinite(fromMs)) fromMs = toMs = Date.parse(seed.invocation?.start ?? '') || Date.now();
    const invocations = await this.invocations.invocationsOf(project, requestIds, traceIds, { fromMs, toMs });
    if (seed.invocation && !invocations.some((i) => i.requestId === seed.invocation?.requestId)) invocations.push(seed.invocation);
    return { spans, invocations, traceIds, truncated };
  }
}
