// End users of a transaction: enduser.id of every invocation, the entry's user first.
import type { TxUser } from '@nightjar/model';
import type { Invocation } from './spans.ts';

export function userOf(inv: Invocation): string | undefined {
  const id = inv.root?.attributes['enduser.id'];
  return id !== undefined && id !== '' ? id : undefined;
}

export function usersOf(invocations: readonly Invocation[], entry: Invocation | null): TxUser[] {
  const counts = new Map<string, number>();
  for (const inv of invocations) {
    const id = userOf(inv);
    if (id !== undefined) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  const first = entry === null ? undefined : userOf(entry);
  return [...counts]
    .map(([id, count]) => ({ id, count }))
    .sort((a, b) => Number(b.id === first) - Number(a.id === first) || b.count - a.count || a.id.localeCompare(b.id));
}
