// The entry point: the earliest invocation whose trigger was not produced inside the transaction, or,
// when a batch merged several flows, the entry of the failing record's own flow.
import type { TxEntry } from '@nightjar/model';
import type { Invocation } from './spans.ts';
import type { Graph } from './stitch.ts';
import { toIso } from './time.ts';

export interface Entry {
  invocation: Invocation;
  entry: TxEntry;
}

/** `prefer`: the start of the first failure's own lineage, used when it is an entry (nothing upstream). */
export function findEntry(graph: Graph, prefer: Invocation | null = null): Entry | null {
  const invs = graph.index.invocations; // in start order
  const first = (prefer !== null && !graph.preds.has(prefer.key) ? prefer : undefined) ?? invs.find((i) => !graph.preds.has(i.key)) ?? invs[0];
  if (first === undefined) return null;
  const trigger = graph.triggers.get(first.key);
  const base = { function: first.function, requestId: first.requestId, time: first.startMs > 0 ? toIso(first.startMs) : null };
  if (trigger !== undefined) return { invocation: first, entry: { kind: trigger.entryKind, name: trigger.entryName, nodeId: trigger.id, ...base } };
  const kind = first.root === null ? 'unknown' : 'invoke';
  return { invocation: first, entry: { kind, name: first.function, nodeId: `lambda:${first.function}`, ...base } };
}
