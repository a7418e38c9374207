// Span export: OTLP/HTTP protobuf to `${endpoint}/v1/traces` (and the invocation's console lines to
// `${endpoint}/v1/logs`, in parallel, behind the same breaker decision), bounded by a hard timeout, behind a
// circuit breaker. Never rejects; failures are logged once per breaker state change.
import type http from 'node:http';
import { encodeLogsRequest, type TracerLogRecord } from '../otlp/encode-logs.ts';
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
  private readonly logsUrl: URL;
  private readonly agent: http.Agent;
  private readonly headers: Record<string, string>;
  private lastFailure = '';

  constructor(private readonly o: ExporterOptions) {
    this.breaker = new CircuitBreaker(o.breaker);
    this.url = new URL(`${o.endpoint.replace(/\/+$/, '')}/v1/traces`);
    this.logsUrl = new URL(`${o.endpoint.replace(/\/+$/, '')}/v1/logs`);
    this.agent = keepAliveAgent(this.url);
    this.headers = { 'content-type': 'application/x-protobuf' };
    if (o.token !== undefined && o.token !== '') this.headers['authorization'] = `Bearer ${o.token}`;
  }

  /** Spans and log records go out in parallel; one breaker decision and one outcome (failed if either failed). */
  async export(spans: TracerSpan[], resource: TracerAttributes, logs: readonly TracerLogRecord[] = []): Promise<ExportResult> {
    try {
      if ((spans.length === 0 && logs.length === 0) || !this.breaker.allow()) return 'skipped';
      const posts: Promise<PostOutcome>[] = [];
      if (spans.length > 0) posts.push(post({ url: this.url, agent: this.agent, headers: this.headers }, encodeTraceRequest(spans, resource, this.o.scope), this.o.timeoutMs));
      if (logs.length > 0) posts.push(this.postLogs(logs, resource));
      const outcomes = await Promise.all(posts);
      const outcome = outcomes.find((o) => !o.ok) ?? outcomes[0] ?? { ok: false, reason: 'nothing sent' };
      this.note(outcome);
      return outcome.ok ? 'sent' : 'failed';
    } catch (err) {
      this.note({ ok: false, reason: err instanceof Error ? err.message : 'export failed' });
      return 'failed';
    }
  }

  private async postLogs(logs: readonly TracerLogRecord[], resource: TracerAttributes): Promise<PostOutcome> {
    let body: Uint8Array;
    try {
      body = encodeLogsRequest(logs, resource, this.o.scope);
    } catch (err) {
      return { ok: false, reason: err instanceof Error ? err.message : 'log encoding failed' };
    }
    return post({ url: this.logsUrl, agent: this.agent, headers: this.headers }, body, this.o.timeoutMs);
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
