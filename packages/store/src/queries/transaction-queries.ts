// Gathering a transaction: from any id (trace id, span id, request id, message id or a whole
// stitching key) to the traces it spans, by walking link_index. Directed, so that batches do not
// merge unrelated transactions: upstream (what produced the keys our consumers received) to the
// entry, and downstream from everything found upstream (who consumed the keys we produced), both in
// the same round (what is found downstream only walks on downstream). Each round is two point
// lookups (the frontier's keys from trace_links, then every span with those keys from link_index);
// the spans and invocations are read once at the end. Bounded: traces and spans.
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

/** The keys of some traces (trace_links is ordered by trace). */
const KEYS_OF_TRACES_SQL = `
SELECT trace_id, key, toString(direction) AS direction, toUInt32(time) AS time FROM trace_links
WHERE project = {project:String} AND trace_id IN {traces:Array(String)}`;

/**
 * Every span that has one of these keys, either way (link_index is ordered by key). A separate
 * statement: folding the keys lookup in as a subquery was slower.
 */
const TRACES_OF_KEYS_SQL = `
SELECT key, toString(direction) AS direction, trace_id, toUInt32(time) AS time FROM link_index
WHERE project = {project:String} AND key IN {keys:Array(String)}`;

interface KeyRow {
  trace_id: string;
  key: string;
  direction: 'in' | 'out';
  time: number;
}

/**
 * One round of the walk, from the rows of both statements: upstream, for every key the `up`
 * frontier consumed, its producer (when a key was produced more than once, a DynamoDB item written
 * twice: the nearest producer before the consumer); downstream, every consumer of a key the `down`
 * frontier produced (fan-out).
 */
export function stepOf(frontierKeys: KeyRow[], matches: KeyRow[], up: ReadonlySet<string>, down: ReadonlySet<string>): { up: string[]; down: string[] } {
  const consumedAt = new Map<string, number>();
  const produced = new Set<string>();
  for (const r of frontierKeys) {
    if (r.direction === 'in' && up.has(r.trace_id)) consumedAt.set(r.key, Math.min(consumedAt.get(r.key) ?? Infinity, Number(r.time)));
    if (r.direction === 'out' && down.has(r.trace_id)) produced.add(r.key);
  }
  const producers = new Map<string, KeyRow[]>();
  const foundDown = new Set<string>();
  for (const m of matches) {
    if (m.direction === 'out' && consumedAt.has(m.key)) producers.set(m.key, [...(producers.get(m.key) ?? []), m]);
    if (m.direction === 'in' && produced.has(m.key)) foundDown.add(m.trace_id);
  }
  const foundUp = new Set<string>();
  for (const [key, rows] of producers) {
    const at = consumedAt.get(key) ?? Infinity;
    const before = rows.filter((r) => Number(r.time) <= at + SKEW_SECONDS);
    const pick = before.length > 0 ? before.reduce((a, b) => (Number(b.time) > Number(a.time) ? b : a)) : rows.reduce((a, b) => (Number(b.time) < Number(a.time) ? b : a));
    foundUp.add(pick.trace_id);
  }
  return { up: [...foundUp], down: [...foundDown] };
}

/** What the walk saw of the traces' keys: the request ids of their lambda: keys, and when. */
class SeenKeys {
  readonly requestIds = new Set<string>();
  private minS = Infinity;
  private maxS = -Infinity;

  add(rows: readonly KeyRow[]): void {
    for (const r of rows) {
      if (r.key.startsWith('lambda:')) this.requestIds.add(r.key.slice(7));
      const t = Number(r.time);
      if (t < this.minS) this.minS = t;
      if (t > this.maxS) this.maxS = t;
    }
  }

  /** The keys' times (span starts, whole seconds) widened by the longest Lambda invocation. */
  window(): { fromMs: number; toMs: number } {
    return { fromMs: this.minS * 1000 - 1000, toMs: this.maxS * 1000 + 15 * 60_000 };
  }
}

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
    // up: reached as an ancestor (or the seed): walks on both ways; down: a descendant, walks down only
    const known = new Map<string, 'up' | 'down'>(seed.traceIds.map((t) => [t, 'up']));
    const seen = new SeenKeys();
    let truncated = false;
    let up = [...seed.traceIds];
    let down = [...seed.traceIds];
    /** One hop: the frontier's keys and the spans with the keys it follows -> the next frontier. */
    const advance = (keyRows: KeyRow[], matches: KeyRow[]): void => {
      seen.add(keyRows);
      const step = stepOf(keyRows, matches, new Set(up), new Set(down));
      const found = [...step.up.map((trace_id) => ({ dir: 'up' as const, trace_id })), ...step.down.map((trace_id) => ({ dir: 'down' as const, trace_id }))];
      const nextUp: string[] = [];
      const nextDown: string[] = [];
      // upstream finds first: a trace reached both ways in one round walks both ways
      for (const r of found) {
        const was = known.get(r.trace_id);
        if (was === 'up' || (was === 'down' && r.dir === 'down')) continue;
        if (was === undefined && known.size >= bounds.maxTraces) {
          truncated = true;
          break;
        }
        known.set(r.trace_id, r.dir);
        if (r.dir === 'up') nextUp.push(r.trace_id);
        if (was === undefined) nextDown.push(r.trace_id);
      }
      up = nextUp;
      down = nextDown;
    };
    while ((up.length > 0 || down.length > 0) && !truncated) {
      const frontier = [...new Set([...up, ...down])];
      const keyRows = await this.db.query<KeyRow>(KEYS_OF_TRACES_SQL, { project, traces: frontier });
      const keys = [...new Set(keyRows.filter((r) => (r.direction === 'in' ? up.includes(r.trace_id) : down.includes(r.trace_id))).map((r) => r.key))];
      advance(keyRows, keys.length === 0 ? [] : await this.db.query<KeyRow>(TRACES_OF_KEYS_SQL, { project, keys }));
    }
    const traceIds = [...known.keys()];
    // Spans and invocations in parallel: the invocations by the request ids of the traces' lambda:
    // keys and the keys' times; then any request id only the spans named (traced without keys).
    const early = seen.requestIds.size > 0 ? this.invocations.invocationsOf(project, [...seen.requestIds], traceIds, { ...seen.window(), inWindow: true }) : Promise.resolve([]);
    let [spans, invocations] = await Promise.all([this.traces.traces(project, traceIds), early]);
    if (spans.length > bounds.maxSpans) {
      spans = spans.slice(0, bounds.maxSpans);
      truncated = true;
    }
    const missing = [...new Set(spans.map((s) => s.requestId).filter((r) => r !== '' && !seen.requestIds.has(r)))];
    if (missing.length > 0 || seen.requestIds.size === 0) {
      let fromMs = Infinity;
      let toMs = -Infinity;
      for (const s of spans) {
        const t = Date.parse(s.start);
        fromMs = Math.min(fromMs, t);
        toMs = Math.max(toMs, t + s.durationMs);
      }
      if (!Number.isFinite(fromMs)) fromMs = toMs = Date.parse(seed.invocation?.start ?? '') || Date.now();
      const have = new Set(invocations.map((i) => `${i.function}\u0000${i.requestId}`));
      const more = await this.invocations.invocationsOf(project, missing, seen.requestIds.size === 0 ? traceIds : [], { fromMs, toMs, inWindow: true });
      invocations = [...invocations, ...more.filter((i) => !have.has(`${i.function}\u0000${i.requestId}`))];
    }
    if (seed.invocation && !invocations.some((i) => i.requestId === seed.invocation?.requestId)) invocations.push(seed.invocation);
    return { spans, invocations, traceIds, truncated };
  }
}
