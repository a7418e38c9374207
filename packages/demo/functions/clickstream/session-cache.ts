// Per-session state kept between invocations. Bounded by default (the oldest sessions are evicted);
// SESSION_CACHE=unbounded is the "memory leak" release: every invocation keeps a few MB of session
// snapshots that are never evicted.
export interface ClickEvent {
  type: string;
  userId: string;
  at?: string;
  [k: string]: unknown;
}

const MAX_SESSIONS = 500;
/** Snapshot kept per session and invocation by the unbounded release. */
const SNAPSHOT_BYTES = 3 * 1024 * 1024;

interface Session {
  events: number;
  lastType: string;
  snapshots: Buffer[];
}

export class SessionCache {
  private readonly sessions = new Map<string, Session>();
  constructor(private readonly unbounded: boolean) {}

  get size(): number {
    return this.sessions.size;
  }

  /** Bytes held in snapshots. */
  get retainedBytes(): number {
    let n = 0;
    for (const s of this.sessions.values()) for (const b of s.snapshots) n += b.length;
    return n;
  }

  record(sessionKey: string, events: readonly ClickEvent[]): void {
    const last = events[events.length - 1];
    if (last === undefined) return;
    const session = this.sessions.get(sessionKey) ?? { events: 0, lastType: '', snapshots: [] };
    session.events += events.length;
    session.lastType = last.type;
    if (this.unbounded) {
      // a full copy of the session "for replay", filled so the memory is really committed
      session.snapshots.push(Buffer.alloc(SNAPSHOT_BYTES, JSON.stringify(events)));
    }
    this.sessions.delete(sessionKey);
    this.sessions.set(sessionKey, session);
    if (!this.unbounded) {
      while (this.sessions.size > MAX_SESSIONS) {
        const oldest = this.sessions.keys().next().value;
        if (oldest === undefined) break;
        this.sessions.delete(oldest);
      }
    }
  }
}
