// Keeps function_minutes equal to an aggregate of merged invocations. The writer reports every
// invocation row it made durable; the refresher turns those into dirty (project, function, minute)
// keys and recomputes them every refreshIntervalMs. At start it recomputes a recent window, and a
// periodic sweep recomputes the last minutes for rows written by other processes (ingest-only roles);
// the sweep is skipped while this process's own writer keeps reporting rows.
import type { Db } from '../db.ts';
import type { InvocationTouch } from '../writer/writer.ts';
import { LOOKUP_SQL, RECOMPUTE_SQL, WINDOW_KEYS_SQL } from './recompute-sql.ts';
import { LATE_MINUTES, START_SKEW_MINUTES, bucketWindow } from './windows.ts';

/** Keys per statement (they travel as query parameters). */
const CHUNK = 2000;
/** Dirty minutes further apart than this are recomputed by separate statements. */
const CLUSTER_GAP_SEC = 30 * 60;

export interface RefresherTimings {
  refreshIntervalMs: number;
  sweepIntervalMs: number;
  startupWindowMinutes: number;
  sweepWindowMinutes: number;
}

type Dirty = Map<string, Map<string, Set<number>>>; // project -> function -> minutes (unix s)

export class RollupRefresher {
  private dirty: Dirty = new Map();
  private lookups = new Map<string, InvocationTouch[]>(); // project -> rows without a start
  private running: Promise<void> = Promise.resolve();
  private timers: NodeJS.Timeout[] = [];
  private stopped = false;
  private lastTouchMs = 0;
  /** The last refresh error (the keys stay dirty and are retried). */
  lastError: unknown = null;

  constructor(
    private readonly db: Db,
    private readonly t: RefresherTimings,
  ) {}

  /** Called by the writer after invocation rows became durable. */
  touch(touches: InvocationTouch[]): void {
    this.lastTouchMs = Date.now();
    for (const r of touches) {
      if (r.startMinute === null) {
        let l = this.lookups.get(r.project);
        if (!l) this.lookups.set(r.project, (l = []));
        l.push(r);
        continue;
      }
      // The merged start may have moved by up to the start skew either way: both minutes change.
      for (let d = -START_SKEW_MINUTES; d <= START_SKEW_MINUTES; d++) this.mark(this.dirty, r.project, r.function, r.startMinute + d * 60);
    }
  }

  get hasDirty(): boolean {
    return this.dirty.size > 0 || this.lookups.size > 0;
  }

  /** Recomputes the startup window, then refreshes on a timer. */
  async start(nowMs = Date.now()): Promise<void> {
    if (this.t.startupWindowMinutes > 0) await this.recomputeWindow(nowMs - this.t.startupWindowMinutes * 60_000, nowMs + 60_000);
    const every = setInterval(() => {
      if (this.hasDirty) void this.refresh().catch(() => undefined);
    }, this.t.refreshIntervalMs);
    every.unref();
    this.timers.push(every);
    if (this.t.sweepIntervalMs > 0) {
      const sweep = setInterval(() => {
        const now = Date.now();
        if (now - this.lastTouchMs < this.t.sweepIntervalMs) return;
        void this.recomputeWindow(now - this.t.sweepWindowMinutes * 60_000, now + 60_000).catch(() => undefined);
      }, this.t.sweepIntervalMs);
      sweep.unref();
      this.timers.push(sweep);
    }
  }

  /** Recomputes every dirty key now (serialised with other refreshes). */
  refresh(): Promise<void> {
    const next = this.running.then(() => this.refreshOnce());
    this.running = next.catch(() => undefined);
    return next;
  }

  /** Recomputes every (function, minute) with data in [fromMs, toMs) (serialised with refreshes). */
  recomputeWindow(fromMs: number, toMs: number): Promise<void> {
    const next = this.running.then(async () => {
      const rows = await this.db.query<{ project: string; function: string; minute: number }>(WINDOW_KEYS_SQL, {
        lo: Math.floor(fromMs / 60_000) * 60,
        hi: Math.floor(toMs / 60_000) * 60,
      });
      const keys: Dirty = new Map();
      for (const r of rows) this.mark(keys, r.project, r.function, Number(r.minute));
      await this.recompute(keys);
    });
    this.running = next.catch(() => undefined);
    return next;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    await this.running;
  }

  /** Final refresh of what is dirty, then stop. */
  async close(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    if (!this.stopped && this.hasDirty) await this.refresh().catch(() => undefined);
    await this.stop();
  }

  private mark(d: Dirty, project: string, fn: string, minute: number): void {
    let p = d.get(project);
    if (!p) d.set(project, (p = new Map()));
    let f = p.get(fn);
    if (!f) p.set(fn, (f = new Set()));
    f.add(minute);
  }

  private async refreshOnce(): Promise<void> {
    const dirty = this.dirty;
    const lookups = this.lookups;
    this.dirty = new Map();
    this.lookups = new Map();
    try {
      for (const [project, rows] of lookups) await this.resolveLookups(project, rows, dirty);
      await this.recompute(dirty);
      this.lastError = null;
    } catch (err) {
      // Put everything back: the next tick retries.
      for (const [p, fns] of dirty) for (const [f, ms] of fns) for (const m of ms) this.mark(this.dirty, p, f, m);
      for (const [p, rows] of lookups) {
        const l = this.lookups.get(p) ?? [];
        l.push(...rows);
        this.lookups.set(p, l);
      }
      this.lastError = err;
      throw err;
    }
  }

  /** Rows without a start: find their invocation's merged start minute. */
  private async resolveLookups(project: string, rows: InvocationTouch[], into: Dirty): Promise<void> {
    for (let i = 0; i < rows.length; i += CHUNK) {
      const chunk = rows.slice(i, i + CHUNK);
      let lo = Infinity;
      let hi = -Infinity;
      for (const r of chunk) {
        lo = Math.min(lo, r.bucket);
        hi = Math.max(hi, r.bucket);
      }
      // The row arrived at most LATE_MINUTES after the start; rows with a start are filed near it.
      const found = await this.db.query<{ function: string; minute: number }>(LOOKUP_SQL, {
        project,
        fset: [...new Set(chunk.map((r) => r.function))],
        ids: chunk.map((r) => r.requestId),
        lo: lo - (LATE_MINUTES + START_SKEW_MINUTES) * 60,
        hi: hi + START_SKEW_MINUTES * 60,
      });
      for (const f of found) this.mark(into, project, f.function, Number(f.minute));
    }
  }

  private async recompute(keys: Dirty): Promise<void> {
    for (const [project, fns] of keys) {
      const pairs: { fn: string; minute: number }[] = [];
      for (const [fn, minutes] of fns) for (const m of minutes) pairs.push({ fn, minute: m });
      pairs.sort((a, b) => a.minute - b.minute);
      let start = 0;
      for (let i = 1; i <= pairs.length; i++) {
        const split = i === pairs.length || pairs[i]!.minute - pairs[i - 1]!.minute > CLUSTER_GAP_SEC || i - start >= CHUNK;
        if (!split) continue;
        await this.recomputeCluster(project, pairs.slice(start, i));
        start = i;
      }
    }
  }

  private async recomputeCluster(project: string, pairs: { fn: string; minute: number }[]): Promise<void> {
    const first = pairs[0]!.minute;
    const last = pairs[pairs.length - 1]!.minute;
    const w = bucketWindow(first, last + 60);
    await this.db.command(RECOMPUTE_SQL, {
      project,
      fns: pairs.map((p) => p.fn),
      mins: pairs.map((p) => p.minute),
      fset: [...new Set(pairs.map((p) => p.fn))],
      lo: w.lo,
      hi: w.hi,
    });
  }
}
