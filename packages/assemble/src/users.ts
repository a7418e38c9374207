// End users of a transaction: affected first (on the failing record's lineage, or upstream and carried by the
// failing records; a batch's enduser.id comes from "Records.0", so it counts only when carried), then VIP users
// (nightjar.enduser.tier passes isVipTier), then the entry's user, then by invocations.
import { isVipTier, type TxUser } from '@nightjar/model';
import { carriesValue, failingRecords, readPayload } from './lineage.ts';
import type { Lineage } from './root-cause.ts';
import type { Invocation } from './spans.ts';

export function userOf(inv: Invocation): string | undefined {
  const id = inv.root?.attributes['enduser.id'];
  return id !== undefined && id !== '' ? id : undefined;
}

/** The tier recorded with the invocation's user (nightjar.enduser.tier), if any. */
export function tierOf(inv: Invocation): string | undefined {
  const tier = inv.root?.attributes['nightjar.enduser.tier'];
  return tier !== undefined && tier !== '' ? tier : undefined;
}

/** More than one record in the invocation's event (SQS, SNS, Kinesis, DynamoDB stream batches). */
export function isBatch(inv: Invocation): boolean {
  const a = inv.root?.attributes;
  return Number(a?.['messaging.batch.message_count'] ?? a?.['nightjar.trigger.records'] ?? '') > 1;
}

/** Whether a user seen on `inv` is affected by the failure whose lineage is given. */
function affectedTest(lineage: Lineage | null): (inv: Invocation, user: string) => boolean {
  if (lineage === null) return () => false;
  const onPath = new Set(lineage.path.map((i) => i.key));
  onPath.add(lineage.failed.key);
  const input = lineage.failed.root?.input ?? '';
  // what the failure was about: its failing records (a batch), else its whole input; undefined when unreadable
  const evidence = failingRecords(input, lineage.fields[0] ?? null)?.failing ?? readPayload(input);
  const carried = (user: string) => evidence !== undefined && carriesValue(evidence, user);
  // on the path (a batch's user only when carried); upstream of the failure when the failing records carry the user
  return (inv, user) => (onPath.has(inv.key) && (!isBatch(inv) || evidence === undefined || carried(user))) || (lineage.upstream.has(inv.key) && carried(user));
}

export function usersOf(invocations: readonly Invocation[], entry: Invocation | null, lineage: Lineage | null = null): TxUser[] {
  const isAffected = affectedTest(lineage);
  const users = new Map<string, TxUser>();
  for (const inv of invocations) {
    const id = userOf(inv);
    if (id === undefined) continue;
    const u = users.get(id) ?? { id, count: 0, affected: false, vip: false };
    u.count++;
    // the entry follows the failing record's lineage (lineageStart): its user is affected whenever something failed
    if (!u.affected && (isAffected(inv, id) || (lineage !== null && inv === entry))) u.affected = true;
    const tier = u.tier === undefined ? tierOf(inv) : undefined;
    if (tier !== undefined) {
      u.tier = tier;
      u.vip = isVipTier(tier);
    }
    users.set(id, u);
  }
  const first = entry === null ? undefined : userOf(entry);
  return [...users.values()].sort(
    (a, b) =>
      Number(b.affected) - Number(a.affected) ||
      Number(b.vip) - Number(a.vip) ||
      Number(b.id === first) - Number(a.id === first) ||
      b.count - a.count ||
      a.id.localeCompare(b.id),
  );
}
