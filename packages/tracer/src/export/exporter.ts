// Span export: OTLP/HTTP protobuf to `${endpoint}/v1/traces`, bounded by a hard timeout, behind a
// circuit breaker. Never rejects; failures are logged once per breaker state change.
import type http from 'node:http';
import { encodeTraceRequest } from '../otlp/encode-traces.ts';
import type { TracerAttributes, TracerScope, TracerSpan } from '../otlp/span.ts';
import { CircuitBreaker, type BreakerChange, type BreakerOptions } from './circuit-breaker.ts';
import { keepAliveAgent, post, type PostOutcome } from './http-post.ts';

export interface ExporterOptions {
  endpoint: string;
  token?: string | undefined;
  timeoutMs: number;
  breaker?: Partial<BreakerOptions>;
  scope: TracerScope;
  log: (line: string) => void;
}

export type ExportResult = 'sent' | 'failed' | 'skipped';

export class Exporter {
  readonly breaker: CircuitBreaker;
  private readonly url: URL;
  private readonly agent: http.Agent;
  private readonly headers: Record<string, string>;
  private lastFailure = '';

  constructor(private readonly o: ExporterOptions) {
    this.breaker = new CircuitBreaker(o.breaker);
    this.url = new URL(`${o.endpoint.replace(/\/+$/, '')}/v1/traces`);
    this.agent = keepAliveAgent(this.url);
    this.headers = { 'content-type': 'application/x-protobuf' };
    if (o.token !== undefined && o.token !== '') this.headers['authorization'] = `Bearer ${o.token}`;
  }

  async export(spans: TracerSpan[], resource: TracerAttributes): Promise<ExportResult> {
    try {
      if (spans.length === 0 || !this.breaker.allow()) return 'skipped';
      const body = encodeTraceRequest(spans, resource, this.o.scope);
      const outcome = await post({ url: this.url, agent: this.agent, headers: this.headers }, body, this.o.timeoutMs);
      this.note(outcome);
      return outcome.ok ? 'sent' : 'failed';
    } catch (err) {
      this.note({ ok: false, reason: err instanceof Error ? err.message : 'export failed' });
      return 'failed';
    }
  }

  private note(outcome: PostOutcome): void {
    let change: BreakerChange;
    if (outcome.ok) {
      change = this.breaker.success();
      this.lastFailure = '';
    } else {
      change = this.breaker.failure();
      if (change === undefined && this.lastFailure === '') {
        this.log(`nightjar: span export to ${this.url.href} failed (${outcome.reason}); spans of this invocation are dropped`);
      }
      this.lastFailure = outcome.reason;
    }
    if (change?.state === 'open') {
      this.log(`nightjar: span export to ${this.url.href} failing (${this.lastFailure}); skipping exports for ${Math.round(change.coolDownMs / 1000)} s`);
    } else if (change?.state === 'closed') {
      this.log(`nightjar: span export to ${this.url.href} recovered`);
    }
  }

  private log(line: string): void {
    try {
      this.o.log(line);
    } catch {
      // logging must not fail an export
    }
  }
}
