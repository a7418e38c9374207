// The root-cause candidate: the earliest upstream hop whose output fed the first failure.
// 1. the path: from the entry (or the earliest ancestor) to the failing invocation, along the hops;
// 2. the fields the failure complains about: "" or null in the failing invocation's input, preferring
//    those named by the error message ("phone number is empty" -> phone);
// 3. the earliest hop on the path whose input or output already had such a field empty is blamed;
//    without payload evidence, the nearest upstream hop with a call that failed before, else the failure.
import type { TxFailure, TxRootCause } from '@nightjar/model';
import { lineageIds, lineageScore } from './lineage.ts';
import { emptyFieldsOf, fieldsNamedIn, type EmptyField } from './payload.ts';
import type { Invocation } from './spans.ts';
import type { Graph } from './stitch.ts';
import { spanStartMs } from './time.ts';

/**
 * The invocations from `start` (the entry when it is upstream) to `failed`, following the hops. Among
 * several producers (a batch), the one whose payloads carry more of `ids` (the failing record's
 * identifiers) is followed first, then the earliest.
 */
export function pathTo(graph: Graph, failed: Invocation, entry: Invocation | null, ids: readonly string[] = []): Invocation[] {
  const score = (inv: Invocation) => (ids.length === 0 || inv.root === null ? 0 : lineageScore([inv.root.input, inv.root.output], ids));
  const next = new Map<string, Invocation>(); // ancestor key -> the next invocation towards the failure
  const visited = new Map<string, Invocation>([[failed.key, failed]]);
  const queue: Invocation[] = [failed];
  for (let i = 0; i < queue.length; i++) {
    const cur = queue[i] as Invocation;
    const hops = [...(graph.preds.get(cur.key) ?? [])].sort((a, b) => score(b.from) - score(a.from) || a.from.startMs - b.from.startMs || a.from.key.localeCompare(b.from.key));
    for (const h of hops) {
      if (visited.has(h.from.key)) continue;
      visited.set(h.from.key, h.from);
      next.set(h.from.key, cur);
      queue.push(h.from);
    }
  }
  const roots = [...visited.values()].filter((v) => !graph.preds.has(v.key));
  const pool = roots.length > 0 ? roots : [...visited.values()];
  const earliest = pool.sort((a, b) => score(b) - score(a) || a.startMs - b.startMs || a.key.localeCompare(b.key))[0] ?? failed;
  const start = entry !== null && visited.has(entry.key) && score(entry) >= score(earliest) ? entry : earliest;
  const path: Invocation[] = [start];
  let cur = start;
  while (cur !== failed && path.length <= visited.size) {
    const n = next.get(cur.key);
    if (n === undefined) break;
    path.push(n);
    cur = n;
  }
  return path;
}

function describeHop(graph: Graph, inv: Invocation): string {
  const t = graph.triggers.get(inv.key);
  if (t === undefined) return inv.requestId;
  return t.type === 'api' || t.type === 'schedule' || t.entryKind === 's3' ? t.entryName : t.id;
}

function evidence(inv: Invocation, fields: readonly string[]): { field: EmptyField; where: 'input' | 'output' } | undefined {
  if (inv.root === null) return undefined;
  for (const where of ['input', 'output'] as const) {
    const found = emptyFieldsOf(inv.root[where]);
    for (const f of fields) {
      const hit = found.find((x) => x.field === f);
      if (hit !== undefined) return { field: hit, where };
    }
  }
  return undefined;
}

/** The fields a failure complains about: empty in its input, those its error text names first. */
export function suspectFieldsIn(input: string, errorText: string): string[] {
  const candidates = emptyFieldsOf(input).map((f) => f.field);
  const named = fieldsNamedIn(errorText, candidates);
  return named.length > 0 ? named : candidates;
}

const suspectFields = (failed: Invocation, failure: TxFailure): string[] =>
  failed.root === null ? [] : suspectFieldsIn(failed.root.input, `${failure.errorType} ${failure.message}`);

const idsOf = (failed: Invocation, fields: readonly string[]) => (failed.root === null ? [] : lineageIds(failed.root.input, fields[0] ?? null));

/** Where the failing record's lineage starts (its own entry, when a batch merged several flows). */
export function lineageStart(graph: Graph, failed: Invocation, failure: TxFailure): Invocation | null {
  const ids = idsOf(failed, suspectFields(failed, failure));
  return ids.length === 0 ? null : (pathTo(graph, failed, null, ids)[0] ?? null);
}

/**
 * The failing record's lineage: the fields the failure complains about, the path from its entry to the
 * failure, and the keys of every invocation upstream of the failure (the path's included).
 */
export interface Lineage {
  failed: Invocation;
  fields: string[];
  path: Invocation[];
  upstream: Set<string>;
}

export function failingLineage(graph: Graph, failed: Invocation, failure: TxFailure, entry: Invocation | null): Lineage {
  const fields = suspectFields(failed, failure);
  const upstream = new Set<string>([failed.key]);
  const queue = [failed];
  for (let i = 0; i < queue.length; i++) {
    for (const h of graph.preds.get((queue[i] as Invocation).key) ?? []) {
      if (upstream.has(h.from.key)) continue;
      upstream.add(h.from.key);
      queue.push(h.from);
    }
  }
  return { failed, fields, path: pathTo(graph, failed, entry, idsOf(failed, fields)), upstream };
}

export function findRootCause(graph: Graph, failure: TxFailure, lineage: Lineage): TxRootCause {
  const { failed, fields, path } = lineage;
  const blame = (inv: Invocation, reason: string, field: string | null): TxRootCause => ({
    nodeId: `lambda:${inv.function}`,
    function: inv.function,
    requestId: inv.requestId,
    spanId: inv.root?.spanId ?? '',
    reason,
    field,
    firstFailure: failure,
  });

  if (fields.length > 0) {
    for (const inv of path) {
      const ev = evidence(inv, fields);
      if (ev === undefined) continue;
      const own = inv === failed ? 'had' : 'already had';
      return blame(inv, `${inv.function}'s ${ev.where} ${own} "${ev.field.field}": ${ev.field.value} (${describeHop(graph, inv)})`, ev.field.field);
    }
  }
  // No payload evidence: the nearest upstream hop with a call that failed before the failure.
  for (let i = path.length - 2; i >= 0; i--) {
    const inv = path[i] as Invocation;
    const bad = inv.spans.find((s) => s.status === 'error' && spanStartMs(s) <= failed.startMs);
    if (bad !== undefined) {
      const what = bad.statusMessage ? `: ${bad.statusMessage}` : '';
      return blame(inv, `${inv.function}'s ${bad.name} failed first${what}, upstream of ${failed.function}`, null);
    }
  }
  const msg = [failure.errorType, failure.message].filter((s) => s !== '').join(': ');
  return blame(failed, `first failure: ${failed.function} failed${msg ? ` with ${msg}` : ''}`, null);
}
