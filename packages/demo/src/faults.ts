// The faults a person can switch on to rehearse an incident, and their state. Switching a fault
// calls the shop's hooks: flags read per request by the stand-ins and the local AWS, or a
// deployment (a new function version, as a real deploy or rollback makes).

export const FAULT_NAMES = [
  'payment-slow',
  'payment-errors',
  'dynamodb-throttling',
  'bad-deployment',
  'timeouts',
  'messaging-down',
  'memory-leak',
  'cold-start-storm',
  'poison-messages',
] as const;

export type FaultName = (typeof FAULT_NAMES)[number];

export const FAULT_DESCRIPTIONS: Record<FaultName, string> = {
  'payment-slow': 'the payment provider answers in 1-4 s; process-payment (5 s timeout) slows down and sometimes times out',
  'payment-errors': 'the payment provider fails 40% of charges with 500/503; SQS retries them, then they land in the dead-letter queue',
  'dynamodb-throttling': 'half the DynamoDB requests are throttled (ProvisionedThroughputExceededException); the SDK retries absorb some, the rest fail every function that uses a table',
  'bad-deployment': 'deploys a new version of notify with strict contact validation: it throws on the empty phone number that orders-api passes along, three hops upstream',
  timeouts: 'the messaging provider hangs: notify runs into its 4 s timeout, for customers and for the lunch-reminder bot alike',
  'messaging-down': 'the messaging provider answers 503: order confirmations and lunch reminders both fail',
  'memory-leak': 'deploys a new version of clickstream with an unbounded session cache: it ends in out-of-memory within minutes',
  'cold-start-storm': 'redeploys every function (all instances cold) and multiplies traffic by 6 for as long as it is on',
  'poison-messages': '20% of orders carry a non-numeric quantity: process-payment fails them three times, then SQS moves them to the dead-letter queue',
};

export function isFaultName(s: string): s is FaultName {
  return (FAULT_NAMES as readonly string[]).includes(s);
}

/** Parse "a,b,c" (the --faults flag); unknown names are an error naming them. */
export function parseFaultList(list: string): FaultName[] {
  const names = list.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const bad = names.filter((n) => !isFaultName(n));
  if (bad.length > 0) throw new Error(`unknown fault${bad.length > 1 ? 's' : ''} ${bad.map((b) => `"${b}"`).join(', ')}; known: ${FAULT_NAMES.join(', ')}`);
  return names as FaultName[];
}

export interface FaultState {
  name: FaultName;
  description: string;
  enabled: boolean;
  /** When it was last switched (ms), or null. */
  changedAt: number | null;
}

/** What switching a fault does; the shop implements it. Deployments are awaited. */
export type FaultHook = (name: FaultName, enabled: boolean) => Promise<void> | void;

export class FaultController {
  readonly #enabled = new Set<FaultName>();
  readonly #changedAt = new Map<FaultName, number>();
  #queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly hook: FaultHook,
    private readonly now: () => number = Date.now,
  ) {}

  on(name: FaultName): boolean {
    return this.#enabled.has(name);
  }

  list(): FaultState[] {
    return FAULT_NAMES.map((name) => ({ name, description: FAULT_DESCRIPTIONS[name], enabled: this.#enabled.has(name), changedAt: this.#changedAt.get(name) ?? null }));
  }

  /** Switch a fault; switches run one at a time (a deployment finishes before the next starts). */
  set(name: FaultName, enabled: boolean): Promise<FaultState> {
    const run = this.#queue.then(async () => {
      if (this.#enabled.has(name) !== enabled) {
        if (enabled) this.#enabled.add(name);
        else this.#enabled.delete(name);
        this.#changedAt.set(name, this.now());
        try {
          await this.hook(name, enabled);
        } catch (err) {
          // the switch did not happen: keep the state true to what runs
          if (enabled) this.#enabled.delete(name);
          else this.#enabled.add(name);
          throw err;
        }
      }
      return this.list().find((f) => f.name === name) as FaultState;
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }
}
