// Impact of a node: among the transactions that touch it, which entry points and users saw failures.
import type { Transaction } from '@nightjar/model';

export interface ImpactEntry {
  name: string;
  kind: string;
  failed: number;
  total: number;
}

export interface ImpactUser {
  id: string;
  failed: number;
  total: number;
}

export interface Impact {
  entries: ImpactEntry[];
  users: ImpactUser[];
}

/**
 * Over the transactions that touch `target.nodeId`: per entry point and per user, how many failed
 * (status error) out of how many (a user: only where affected by the failure). Only entries and users
 * with at least one failure are listed, most failures first.
 */
export function impactOf(transactions: readonly Transaction[], target: { nodeId: string }): Impact {
  const entries = new Map<string, ImpactEntry>();
  const users = new Map<string, ImpactUser>();
  for (const tx of transactions) {
    if (!tx.nodes.some((n) => n.id === target.nodeId)) continue;
    const failed = tx.status === 'error' ? 1 : 0;
    const name = tx.entry?.name ?? '(unknown)';
    const kind = tx.entry?.kind ?? 'unknown';
    const ek = `${kind}\u0000${name}`;
    const e = entries.get(ek) ?? { name, kind, failed: 0, total: 0 };
    e.failed += failed;
    e.total++;
    entries.set(ek, e);
    for (const u of tx.users) {
      const r = users.get(u.id) ?? { id: u.id, failed: 0, total: 0 };
      r.failed += u.affected ? failed : 0; // a user who only rode along in a failing batch did not fail
      r.total++;
      users.set(u.id, r);
    }
  }
  const byFailures = <T extends { failed: number; total: number }>(a: T, b: T): number => b.failed - a.failed || b.total - a.total;
  return {
    entries: [...entries.values()].filter((e) => e.failed > 0).sort((a, b) => byFailures(a, b) || a.name.localeCompare(b.name)),
    users: [...users.values()].filter((u) => u.failed > 0).sort((a, b) => byFailures(a, b) || a.id.localeCompare(b.id)),
  };
}
