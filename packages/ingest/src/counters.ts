// In-process ingest counters, exposed by the API so a user can see what arrived and what failed.

export interface SignalCounts {
  requests: number;
  accepted: number;
  rejected: number;
  failedRequests: Record<string, number>;
}

export class IngestCounters {
  readonly bySignal = new Map<string, SignalCounts>();

  private get(signal: string): SignalCounts {
    let c = this.bySignal.get(signal);
    if (!c) {
      c = { requests: 0, accepted: 0, rejected: 0, failedRequests: {} };
      this.bySignal.set(signal, c);
    }
    return c;
  }

  accepted(signal: string, rows: number, rejected: number): void {
    const c = this.get(signal);
    c.requests++;
    c.accepted += rows;
    c.rejected += rejected;
  }

  failed(signal: string, status: number): void {
    const c = this.get(signal);
    c.requests++;
    c.failedRequests[status] = (c.failedRequests[status] ?? 0) + 1;
  }

  snapshot(): Record<string, SignalCounts> {
    return Object.fromEntries([...this.bySignal].map(([k, v]) => [k, { ...v, failedRequests: { ...v.failedRequests } }]));
  }
}
