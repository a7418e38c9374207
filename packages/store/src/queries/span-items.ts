// spans rows -> SpanItem, with resource attributes from span_resources (cached: ids are content hashes,
// so an id always names the same attributes).
import { nsToIso, type Attributes, type SpanItem, type SpanKind, type SpanStatus } from '@nightjar/model';
import type { Db } from '../db.ts';

export const SPAN_SELECT = `
  trace_id, span_id, parent_span_id, name, toString(service) AS service, toString(kind) AS kind,
  toString(toUnixTimestamp64Nano(timestamp)) AS start_ns, duration_ns, toString(status) AS status, status_message,
  attributes, resource_id,
  arrayMap(t -> toString(toUnixTimestamp64Nano(t)), event_times) AS event_ns, event_names, event_attributes,
  toString(function_name) AS function_name, request_id, link_out, link_in, input, output`;

export interface SpanRecord {
  trace_id: string;
  span_id: string;
  parent_span_id: string;
  name: string;
  service: string;
  kind: SpanKind;
  start_ns: string;
  duration_ns: string;
  status: SpanStatus;
  status_message: string;
  attributes: Attributes;
  resource_id: string;
  event_ns: string[];
  event_names: string[];
  event_attributes: Attributes[];
  function_name: string;
  request_id: string;
  link_out: string[];
  link_in: string[];
  input: string;
  output: string;
}

const MAX_CACHED = 10_000;

export class ResourceCache {
  private readonly cache = new Map<string, Attributes>();

  constructor(private readonly db: Db) {}

  async get(project: string, ids: Iterable<string>): Promise<Map<string, Attributes>> {
    const out = new Map<string, Attributes>();
    const missing: string[] = [];
    for (const id of new Set(ids)) {
      if (id === '0') {
        out.set(id, {});
        continue;
      }
      const hit = this.cache.get(`${project}\u0000${id}`);
      if (hit) out.set(id, hit);
      else missing.push(id);
    }
    if (missing.length > 0) {
      const rows = await this.db.query<{ resource_id: string; attributes: Attributes }>(
        `SELECT resource_id, argMax(attributes, last_seen) AS attributes FROM span_resources
         WHERE project = {project:String} AND resource_id IN {ids:Array(UInt64)} GROUP BY resource_id`,
        { project, ids: missing.map(Number) },
      );
      for (const r of rows) {
        out.set(r.resource_id, r.attributes);
        if (this.cache.size >= MAX_CACHED) this.cache.clear();
        this.cache.set(`${project}\u0000${r.resource_id}`, r.attributes);
      }
    }
    return out;
  }
}

export async function toSpanItems(records: SpanRecord[], project: string, resources: ResourceCache): Promise<SpanItem[]> {
  const res = await resources.get(project, records.map((r) => r.resource_id));
  return records.map((r) => ({
    traceId: r.trace_id,
    spanId: r.span_id,
    parentSpanId: r.parent_span_id,
    name: r.name,
    service: r.service,
    kind: r.kind,
    start: nsToIso(r.start_ns),
    startNs: r.start_ns,
    durationMs: Number(r.duration_ns) / 1e6,
    status: r.status,
    statusMessage: r.status_message,
    attributes: r.attributes,
    resource: res.get(r.resource_id) ?? {},
    events: r.event_ns.map((ns, i) => ({ time: nsToIso(ns), name: r.event_names[i] ?? '', attributes: r.event_attributes[i] ?? {} })),
    functionName: r.function_name,
    requestId: r.request_id,
    linkOut: r.link_out,
    linkIn: r.link_in,
    input: r.input,
    output: r.output,
  }));
}

/** By start time (exact: digit strings compare by length, then text), then span id. */
export function byStart(a: SpanItem, b: SpanItem): number {
  return a.startNs.length - b.startNs.length || (a.startNs < b.startNs ? -1 : a.startNs > b.startNs ? 1 : a.spanId < b.spanId ? -1 : a.spanId > b.spanId ? 1 : 0);
}
