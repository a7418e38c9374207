// The demo's simulated customers: user ids, names, contacts (some without a phone), a few VIPs.
// Generated from the seed, so a run is reproducible.
import { pick } from '@nightjar/testkit';

export interface Customer {
  userId: string;
  name: string;
  email: string;
  /** '' for customers who gave no phone number (the empty field the bad deployment trips on). */
  phone: string;
  tier: 'vip' | 'standard';
}

const FIRST = ['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Ken', 'Margaret', 'Linus', 'Radia', 'Donald', 'Frances', 'John', 'Hedy', 'Tim', 'Katherine', 'Dennis'];
const LAST = ['Lovelace', 'Hopper', 'Turing', 'Dijkstra', 'Liskov', 'Thompson', 'Hamilton', 'Torvalds', 'Perlman', 'Knuth', 'Allen', 'Backus', 'Lamarr', 'Berners-Lee', 'Johnson', 'Ritchie'];

export function makeCustomers(random: () => number, count = 120): Customer[] {
  return Array.from({ length: count }, (_, i) => {
    const first = pick(random, FIRST);
    const last = pick(random, LAST);
    const userId = `u-${String(i + 1).padStart(4, '0')}`;
    return {
      userId,
      name: `${first} ${last}`,
      email: `${first}.${last}.${i + 1}@example.com`.toLowerCase(),
      phone: random() < 0.15 ? '' : `+1555${String(Math.floor(random() * 1e7)).padStart(7, '0')}`,
      tier: random() < 0.08 ? 'vip' : 'standard',
    };
  });
}
