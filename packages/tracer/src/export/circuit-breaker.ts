// A circuit breaker for exports: after `threshold` consecutive failures, exports are skipped for a
// cool-down that grows with each failed probe (5 s, 30 s, 5 min by default); when it ends, one
// probe is let through. A success closes the breaker and resets the cool-down.

export interface BreakerOptions {
  /** Consecutive failures that open the breaker (default 3). */
  threshold: number;
  /** Cool-downs in milliseconds, the last one repeating (default 5 s, 30 s, 5 min). */
  coolDownsMs: readonly number[];
  /** Milliseconds clock (default performance.now). */
  now: () => number;
}

export type BreakerState = 'closed' | 'open' | 'half-open';

export const DEFAULT_BREAKER: BreakerOptions = {
  threshold: 3,
  coolDownsMs: [5_000, 30_000, 300_000],
  now: () => performance.now(),
};

/** What a transition tells the exporter, so it can log once per state change. */
export type BreakerChange = { state: 'open'; coolDownMs: number } | { state: 'closed' } | undefined;

export class CircuitBreaker {
  private readonly o: BreakerOptions;
  private current: BreakerState = 'closed';
  private failures = 0;
  private level = 0;
  private openUntil = 0;

  constructor(options: Partial<BreakerOptions> = {}) {
    this.o = { ...DEFAULT_BREAKER, ...options };
  }

  get state(): BreakerState {
    return this.current;
  }

  /** Whether an export may go out now; when a cool-down has ended, lets exactly one probe through. */
  allow(): boolean {
    if (this.current === 'closed') return true;
    if (this.current === 'half-open') return false;
    if (this.o.now() < this.openUntil) return false;
    this.current = 'half-open';
    return true;
  }

  success(): BreakerChange {
    const was = this.current;
    this.current = 'closed';
    this.failures = 0;
    this.level = 0;
    return was === 'closed' ? undefined : { state: 'closed' };
  }

  failure(): BreakerChange {
    if (this.current === 'half-open') {
      this.level = Math.min(this.level + 1, Math.max(0, this.o.coolDownsMs.length - 1));
      return this.open();
    }
    if (this.current === 'open') return undefined;
    this.failures++;
    if (this.failures < this.o.threshold) return undefined;
    this.level = 0;
    return this.open();
  }

  private open(): BreakerChange {
    const coolDownMs = this.o.coolDownsMs[this.level] ?? this.o.coolDownsMs[this.o.coolDownsMs.length - 1] ?? 5_000;
    this.current = 'open';
    this.openUntil = this.o.now() + coolDownMs;
    return { state: 'open', coolDownMs };
  }
}
