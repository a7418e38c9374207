// Spans by trace id (through trace_index, so the spans primary key finds the trace in a granule or
// two per part) and the spans of one invocation.
import type { SpanItem } from '@nightjar/model';
import type { Db } from '../db.ts';
import { SPAN_SELECT, byStart, toSpanItems, type ResourceCache, type SpanRecord } from './span-items.ts';

/** Where the traces are: their minutes and services, unmerged rows (merged here: cheaper than GROUP BY). */
const TRACE_INDEX_SQL = `
SELECT trace_id, toUInt32(first) AS first, toUInt32(last) AS last, services
FROM trace_index
WHERE project = {project:String} AND trace_id IN {traceIds:Array(String)}`;

/**
 * The spans of traces located by locateTraces() (its services, from, to) and `traceIds`: with the
 * services and time range, every condition of the spans sorting key is bound.
 */
export const LOCATED_TRACES_WHERE = `WHERE project = {project:String}
  AND service IN {services:Array(String)}
  AND timestamp >= toDateTime64({from:UInt32}, 9, 'UTC')
  AND timestamp < toDateTime64({to:UInt32}, 9, 'UTC')
  AND trace_id IN {traceIds:Array(String)}`;

/**
 * The spans of located traces. For several traces (a transaction) the bloom filter on trace_id only
 * adds reads: their sorting-key ranges are exact; for one trace it still skips granules of the hour
 * that the trace does not reach.
 */
const TRACE_SPANS_SQL = `
SELECT ${SPAN_SELECT}
FROM spans
${LOCATED_TRACES_WHERE}
LIMIT {limit:UInt32}`;
const TRACES_SPANS_SQL = `${TRACE_SPANS_SQL}
SETTINGS use_skip_indexes = 0`;

/** Traces of the spans that carry this request id (the bloom filter on request_id finds them). */
const TRACES_OF_REQUEST_SQL = `
SELECT DISTINCT trace_id FROM spans
WHERE project = {project:String} AND request_id = {requestId:String}
LIMIT 10`;

/** Where some traces are: the services they touched and their time range (unix seconds). */
export interface TraceLocation {
  services: string[];
  from: number;
  to: number;
}

/** Per trace: the minutes of its first and last span (unix seconds), from trace_index. */
export type TraceExtents = Map<string, { first: number; last: number; services: string[] }>;

/** Each trace's extent; traces trace_index does not know are absent. */
export async function traceExtents(db: Db, project: string, traceIds: string[]): Promise<TraceExtents> {
  const out: TraceExtents = new Map();
  if (traceIds.length === 0) return out;
  const rows = await db.query<{ trace_id: string; first: number; last: number; services: string[] }>(TRACE_INDEX_SQL, { project, traceIds });
  for (const r of rows) {
    const e = out.get(r.trace_id);
    if (e === undefined) out.set(r.trace_id, { first: Number(r.first), last: Number(r.last), services: [...r.services] });
    else {
      e.first = Math.min(e.first, Number(r.first));
      e.last = Math.max(e.last, Number(r.last));
      e.services = [...new Set([...e.services, ...r.services])];
    }
  }
  return out;
}

/** Where some traces are, bound for the spans sorting key (LOCATED_TRACES_WHERE); null when none is known. */
export function locationOf(extents: TraceExtents): TraceLocation | null {
  if (extents.size === 0) return null;
  let from = Infinity;
  let to = -Infinity;
  const services = new Set<string>();
  for (const e of extents.values()) {
    from = Math.min(from, e.first);
    to = Math.max(to, e.last + 60);
    for (const svc of e.services) services.add(svc);
  }
  return { services: [...services], from, to };
}

/**
 * Where some traces are, from trace_index: the services they touched and their time range (unix
 * seconds), which bind every condition of the spans sorting key. null when none is known.
 */
export async function locateTraces(db: Db, project: string, traceIds: string[]): Promise<TraceLocation | null> {
  return locationOf(await traceExtents(db, project, traceIds));
}

/** A trace larger than this is cut (the UI cannot draw more anyway). */
export const MAX_TRACE_SPANS = 10_000;

export class TraceQueries {
  constructor(
    private readonly db: Db,
    private readonly resources: ResourceCache,
  ) {}

  async traceById(project: string, traceId: string): Promise<SpanItem[]> {
    return this.traces(project, [traceId.toLowerCase()]);
  }

  /** The spans of these traces; `located`: where they are, when the caller already read it. */
  async traces(project: string, traceIds: string[], located?: TraceLocation | null): Promise<SpanItem[]> {
    const at = located !== undefined ? located : await locateTraces(this.db, project, traceIds);
    if (at === null) return [];
    const rows = await this.db.query<SpanRecord>(traceIds.length > 1 ? TRACES_SPANS_SQL : TRACE_SPANS_SQL, { project, traceIds, ...at, limit: MAX_TRACE_SPANS });
    const items = await toSpanItems(rows, project, this.resources);
    return items.sort(byStart);
  }

  /**
   * The spans of one invocation: its trace(s), restricted to the spans that carry the request id and
   * the spans below them (child spans often lack faas.invocation_id).
   */
  async spansForInvocation(project: string, requestId: string, traceId?: string): Promise<SpanItem[]> {
    const traceIds = traceId
      ? [traceId.toLowerCase()]
      : (await this.db.query<{ trace_id: string }>(TRACES_OF_REQUEST_SQL, { project, requestId })).map((r) => r.trace_id);
    const all = await this.traces(project, traceIds);
    const mine = new Set<string>();
    for (const s of all) if (s.requestId === requestId) mine.add(s.spanId);
    if (mine.size === 0) return [];
    // Descendants: spans without a request id of their own whose parent is in the set.
    let grew = true;
    while (grew) {
      grew = false;
      for (const s of all) {
        if (!mine.has(s.spanId) && s.requestId === '' && mine.has(s.parentSpanId)) {
          mine.add(s.spanId);
          grew = true;
        }
      }
    }
    return all.filter((s) => mine.has(s.spanId));
  }
}
