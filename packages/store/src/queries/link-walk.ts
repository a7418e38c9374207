// The walk that gathers a transaction's traces through their stitching keys, over any source of key
// rows: the store's lookup tables (two point lookups per hop) or the rows of a time window read at
// once (transaction-queries.ts). Directed, so that batches do not merge unrelated transactions:
// upstream (what produced the keys our consumers received) to the entry, and downstream from
// everything found upstream (who consumed the keys we produced), both in the same round (what is
// found downstream only walks on downstream). Bounded by a number of traces.

/** One stitching key of one span: `out` produced it, `in` consumed it; time in unix seconds. */
export interface KeyRow {
  trace_id: string;
  key: string;
  direction: 'in' | 'out';
  time: number;
}

export interface LinkSource {
  /** Every key row of these traces. */
  keysOf(traces: string[]): Promise<KeyRow[]>;
  /** Every key row with one of these keys, either way. */
  rowsOf(keys: string[]): Promise<KeyRow[]>;
}

export interface WalkResult {
  /** Every trace reached, and how: `up` (an ancestor, or the seed), `down` (a descendant only). */
  known: Map<string, 'up' | 'down'>;
  /** The bound cut the walk short. */
  truncated: boolean;
  /** The traces whose keys the walk looked up (every trace reached, unless the bound cut it). */
  looked: Set<string>;
  /** The key rows of every trace the walk looked at. */
  keyRows: KeyRow[];
  /** The keys whose rows the walk looked up. */
  followed: Set<string>;
}

/** Seconds a producer may appear to start after its consumer (clocks of different functions). */
const SKEW_SECONDS = 5;

/**
 * One round of the walk: upstream, for every key the `up` frontier consumed, its producer (when a
 * key was produced more than once, a DynamoDB item written twice: the nearest producer before the
 * consumer); downstream, every consumer of a key the `down` frontier produced (fan-out).
 */
export function stepOf(frontierKeys: readonly KeyRow[], matches: readonly KeyRow[], up: ReadonlySet<string>, down: ReadonlySet<string>): { up: string[]; down: string[] } {
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

/** Walks from the seed traces until no round finds a new trace, or `maxTraces` are known. */
export async function walkLinks(source: LinkSource, seed: readonly string[], maxTraces: number): Promise<WalkResult> {
  const known = new Map<string, 'up' | 'down'>(seed.map((t) => [t, 'up']));
  const keyRows: KeyRow[] = [];
  const followed = new Set<string>();
  const looked = new Set<string>();
  let truncated = false;
  let up = [...seed];
  let down = [...seed];
  while ((up.length > 0 || down.length > 0) && !truncated) {
    const frontier = [...new Set([...up, ...down])];
    const upSet = new Set(up);
    const downSet = new Set(down);
    for (const t of frontier) looked.add(t);
    const rows = await source.keysOf(frontier);
    keyRows.push(...rows);
    const keys = [...new Set(rows.filter((r) => (r.direction === 'in' ? upSet.has(r.trace_id) : downSet.has(r.trace_id))).map((r) => r.key))];
    for (const k of keys) followed.add(k);
    const step = stepOf(rows, keys.length === 0 ? [] : await source.rowsOf(keys), upSet, downSet);
    const found = [...step.up.map((trace_id) => ({ dir: 'up' as const, trace_id })), ...step.down.map((trace_id) => ({ dir: 'down' as const, trace_id }))];
    const nextUp: string[] = [];
    const nextDown: string[] = [];
    // upstream finds first: a trace reached both ways in one round walks both ways
    for (const r of found) {
      const was = known.get(r.trace_id);
      if (was === 'up' || (was === 'down' && r.dir === 'down')) continue;
      if (was === undefined && known.size >= maxTraces) {
        truncated = true;
        break;
      }
      known.set(r.trace_id, r.dir);
      if (r.dir === 'up') nextUp.push(r.trace_id);
      if (was === undefined) nextDown.push(r.trace_id);
    }
    up = nextUp;
    down = nextDown;
  }
  return { known, truncated, looked, keyRows, followed };
}

/** A LinkSource over rows already read (the rows of a time window), indexed both ways. */
export class RowsLinkSource implements LinkSource {
  private readonly byTrace = new Map<string, KeyRow[]>();
  private readonly byKey = new Map<string, KeyRow[]>();

  constructor(rows: readonly KeyRow[]) {
    const add = (m: Map<string, KeyRow[]>, k: string, r: KeyRow) => {
      const list = m.get(k);
      if (list) list.push(r);
      else m.set(k, [r]);
    };
    for (const r of rows) {
      add(this.byTrace, r.trace_id, r);
      add(this.byKey, r.key, r);
    }
  }

  keysOf(traces: string[]): Promise<KeyRow[]> {
    return Promise.resolve(traces.flatMap((t) => this.byTrace.get(t) ?? []));
  }

  rowsOf(keys: string[]): Promise<KeyRow[]> {
    return Promise.resolve(keys.flatMap((k) => this.byKey.get(k) ?? []));
  }
}
