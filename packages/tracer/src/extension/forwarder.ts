// The extension's side of Nightjar: spans (OTLP/protobuf) to `${endpoint}/v1/traces`, the tracer's
// console lines (OTLP/protobuf) to `${endpoint}/v1/logs` and Telemetry
// API events (a JSON array) to `${endpoint}/ingest/lambda-telemetry?function=...`. What arrives is
// buffered (bounded, oldest dropped) and sent in the background by one loop; each POST has a hard
// deadline and goes through the exporter's circuit breaker. Failures are swallowed (logged once per
// breaker state change); a failed batch is dropped.
import type http from 'node:http';
import { CircuitBreaker, type BreakerChange, type BreakerOptions } from '../export/circuit-breaker.ts';
import { keepAliveAgent, post, type PostOutcome, type PostTarget } from '../export/http-post.ts';
import { BoundedQueue } from './bounded-queue.ts';

export interface ForwarderOptions {
  endpoint: string;
  token: string | undefined;
  functionName: string;
  functionVersion: string;
  region: string;
  timeoutMs: number;
  maxBufferBytes: number;
  breaker?: Partial<BreakerOptions>;
  log: (line: string) => void;
}

/** Largest body of one POST (several queued items are merged up to this). */
const MAX_POST_BYTES = 1024 * 1024;

export interface ForwarderStats {
  spanBodiesSent: number;
  logBodiesSent: number;
  eventsSent: number;
  failedPosts: number;
}

export class Forwarder {
  readonly breaker: CircuitBreaker;
  private readonly spans: BoundedQueue<Uint8Array>;
  private readonly logs: BoundedQueue<Uint8Array>;
  private readonly events: BoundedQueue<string>;
  private readonly tracesTarget: PostTarget;
  private readonly logsTarget: PostTarget;
  private readonly telemetryTarget: PostTarget;
  private running: Promise<void> | undefined;
  private lastFailure = '';
  readonly stats: ForwarderStats = { spanBodiesSent: 0, logBodiesSent: 0, eventsSent: 0, failedPosts: 0 };

  constructor(private readonly o: ForwarderOptions) {
    this.breaker = new CircuitBreaker(o.breaker);
    const half = Math.max(1, Math.floor(o.maxBufferBytes / 2));
    this.spans = new BoundedQueue(Math.max(1, Math.floor((half * 3) / 4)));
    this.logs = new BoundedQueue(Math.max(1, Math.floor(half / 4)));
    this.events = new BoundedQueue(half);
    const base = o.endpoint.replace(/\/+$/, '');
    const tracesUrl = new URL(`${base}/v1/traces`);
    const telemetryUrl = new URL(`${base}/ingest/lambda-telemetry`);
    telemetryUrl.searchParams.set('function', o.functionName);
    telemetryUrl.searchParams.set('version', o.functionVersion);
    if (o.region !== '') telemetryUrl.searchParams.set('region', o.region);
    const agent: http.Agent = keepAliveAgent(tracesUrl);
    const auth: Record<string, string> = o.token === undefined ? {} : { authorization: `Bearer ${o.token}` };
    this.tracesTarget = { url: tracesUrl, agent, headers: { ...auth, 'content-type': 'application/x-protobuf' } };
    this.logsTarget = { url: new URL(`${base}/v1/logs`), agent, headers: { ...auth, 'content-type': 'application/x-protobuf' } };
    this.telemetryTarget = { url: telemetryUrl, agent, headers: { ...auth, 'content-type': 'application/json' } };
  }

  /** An OTLP/protobuf ExportTraceServiceRequest as the tracer posted it. */
  addSpans(body: Uint8Array): void {
    this.spans.push(body, body.byteLength);
    this.kick();
  }

  /** An OTLP/protobuf ExportLogsServiceRequest as the tracer posted it. */
  addLogs(body: Uint8Array): void {
    this.logs.push(body, body.byteLength);
    this.kick();
  }

  /** A batch of Telemetry API events (each kept as its JSON text). */
  addEvents(events: unknown[]): void {
    for (const e of events) {
      const text = JSON.stringify(e);
      this.events.push(text, Buffer.byteLength(text));
    }
    this.kick();
  }

  get pending(): number {
    return this.spans.length + this.logs.length + this.events.length;
  }

  get dropped(): number {
    return this.spans.dropped + this.logs.dropped + this.events.dropped;
  }

  /** Starts sending in the background (if not already). */
  kick(): void {
    this.running ??= this.drain().finally(() => {
      this.running = undefined;
    });
  }

  /** Sends everything buffered (unless the breaker is open), waiting at most until `deadline` (a Date.now() time). */
  async flush(deadline: number): Promise<void> {
    this.kick();
    const current = this.running;
    if (current === undefined) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([current, new Promise<void>((r) => (timer = setTimeout(r, Math.max(0, deadline - Date.now()))))]);
    clearTimeout(timer);
  }

  private async drain(): Promise<void> {
    try {
      for (;;) {
        let sent = false;
        if (this.events.length > 0) {
          if (!this.mayPost()) return;
          const batch = this.events.take(MAX_POST_BYTES);
          if (await this.send(this.telemetryTarget, Buffer.from(`[${batch.join(',')}]`))) this.stats.eventsSent += batch.length;
          sent = true;
        }
        if (this.spans.length > 0) {
          if (!this.mayPost()) return;
          // Concatenated ExportTraceServiceRequest messages are one message (repeated resource_spans).
          const batch = this.spans.take(MAX_POST_BYTES);
          if (await this.send(this.tracesTarget, Buffer.concat(batch))) this.stats.spanBodiesSent += batch.length;
          sent = true;
        }
        // Console lines last: only when no events or spans are waiting (on SHUTDOWN they are the first to give way).
        if (!sent && this.logs.length > 0) {
          if (!this.mayPost()) return;
          // Concatenated ExportLogsServiceRequest messages are one message (repeated resource_logs).
          const batch = this.logs.take(MAX_POST_BYTES);
          if (await this.send(this.logsTarget, Buffer.concat(batch))) this.stats.logBodiesSent += batch.length;
          sent = true;
        }
        if (!sent) return;
      }
    } catch (err) {
      this.note({ ok: false, reason: err instanceof Error ? err.message : 'forward failed' }, 'Nightjar');
    }
  }

  /** Closed: yes. Open: only once the cool-down is over (that POST is the probe). */
  private mayPost(): boolean {
    return this.breaker.state === 'closed' || this.breaker.allow();
  }

  private async send(target: PostTarget, body: Uint8Array): Promise<boolean> {
    const outcome = await post(target, body, this.o.timeoutMs);
    this.note(outcome, target.url.origin);
    if (!outcome.ok) this.stats.failedPosts++;
    return outcome.ok;
  }

  private note(outcome: PostOutcome, where: string): void {
    let change: BreakerChange;
    if (outcome.ok) {
      change = this.breaker.success();
      this.lastFailure = '';
    } else {
      change = this.breaker.failure();
      if (change === undefined && this.lastFailure === '') this.log(`nightjar extension: forward to ${where} failed (${outcome.reason}); that batch is dropped`);
      this.lastFailure = outcome.reason;
    }
    if (change?.state === 'open') this.log(`nightjar extension: forwarding to ${where} failing (${this.lastFailure}); paused for ${Math.round(change.coolDownMs / 1000)} s, buffering (oldest dropped)`);
    else if (change?.state === 'closed') this.log(`nightjar extension: forwarding to ${where} recovered`);
  }

  private log(line: string): void {
    try {
      this.o.log(line);
    } catch {
      // nowhere to log
    }
  }
}
