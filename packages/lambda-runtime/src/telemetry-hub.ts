// Telemetry API delivery for one sandbox: events (platform.*, function and extension records) go to
// each subscriber's HTTP destination in batches (JSON arrays), flushed at maxItems, maxBytes or
// timeoutMs. Events from the start of init are kept until init ends, for subscribers that join then.

export interface TelemetryEvent {
  time: string;
  type: string;
  record: unknown;
}

export type TelemetryCategory = 'platform' | 'function' | 'extension';

export interface SubscriptionSpec {
  uri: string;
  types: Set<TelemetryCategory>;
  maxItems: number;
  maxBytes: number;
  timeoutMs: number;
}

function categoryOf(type: string): TelemetryCategory {
  if (type === 'function') return 'function';
  if (type === 'extension') return 'extension';
  return 'platform';
}

/** The sandbox's own hostname as extensions use it; here it is loopback. */
function localUri(uri: string): string {
  const url = new URL(uri);
  if (url.hostname === 'sandbox.localdomain' || url.hostname === 'sandbox') url.hostname = '127.0.0.1';
  return url.toString();
}

class Subscription {
  private buffer: TelemetryEvent[] = [];
  private bytes = 0;
  private timer: NodeJS.Timeout | null = null;
  private inFlight = new Set<Promise<void>>();

  constructor(readonly spec: SubscriptionSpec) {}

  add(event: TelemetryEvent): void {
    if (!this.spec.types.has(categoryOf(event.type))) return;
    this.buffer.push(event);
    this.bytes += JSON.stringify(event).length;
    if (this.buffer.length >= this.spec.maxItems || this.bytes >= this.spec.maxBytes) this.send();
    else this.timer ??= setTimeout(() => this.send(), this.spec.timeoutMs);
  }

  send(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.buffer.length === 0) return;
    const batch = this.buffer;
    this.buffer = [];
    this.bytes = 0;
    const p = fetch(localUri(this.spec.uri), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(batch) })
      .then((res) => res.arrayBuffer())
      .then(
        () => undefined,
        () => undefined, // a subscriber that is gone loses the batch, as in Lambda
      );
    this.inFlight.add(p);
    void p.then(() => this.inFlight.delete(p));
  }

  async flush(): Promise<void> {
    this.send();
    await Promise.all([...this.inFlight]);
  }
}

export class TelemetryHub {
  private backlog: TelemetryEvent[] | null = [];
  private readonly subscriptions: Subscription[] = [];

  emit(type: string, record: unknown, timeMs = Date.now()): void {
    const event: TelemetryEvent = { time: new Date(timeMs).toISOString(), type, record };
    this.backlog?.push(event);
    for (const s of this.subscriptions) s.add(event);
  }

  subscribe(spec: SubscriptionSpec): void {
    const sub = new Subscription(spec);
    this.subscriptions.push(sub);
    for (const e of this.backlog ?? []) sub.add(e);
  }

  get subscriberCount(): number {
    return this.subscriptions.length;
  }

  /** Init is over: later subscribers see only later events. */
  endInit(): void {
    this.backlog = null;
  }

  /** Send what is buffered now and wait for the deliveries. */
  async flush(): Promise<void> {
    await Promise.all(this.subscriptions.map((s) => s.flush()));
  }
}
