// One invocation's spans: the root span being built and its child spans (open and ended).
import type { TracerAttributes, TracerAttributeValue, TracerSpan, TracerSpanEvent, TracerSpanKind, TracerSpanLink, TracerStatusCode } from '../otlp/span.ts';
import { errorMessage, exceptionAttributes } from './exception.ts';
import { newSpanId, nowNs } from './ids.ts';

/** At most this many child spans are kept per invocation. */
export const MAX_CHILD_SPANS = 1000;
const EXCEPTION_BYTES = 8192;

export interface SpanStatus {
  code: TracerStatusCode;
  message?: string;
}

/** A span started by instrumentation inside an invocation. */
export interface ChildSpan {
  readonly traceId: string;
  readonly spanId: string;
  setAttribute(key: string, value: TracerAttributeValue | undefined): void;
  /** Renames the span (instrumentation learns the operation after the request starts). */
  setName(name: string): void;
  /** Adds an `exception` event and sets the status to error. */
  recordException(err: unknown): void;
  /** Ends the span (later calls do nothing). */
  end(status?: SpanStatus): void;
}

class OpenSpan implements ChildSpan {
  readonly spanId = newSpanId();
  readonly startNs = nowNs();
  readonly attributes: TracerAttributes;
  readonly events: TracerSpanEvent[] = [];
  status: SpanStatus | undefined;
  ended = false;

  constructor(
    private readonly owner: Invocation,
    readonly traceId: string,
    readonly parentSpanId: string,
    public name: string,
    readonly kind: TracerSpanKind,
    attributes: TracerAttributes,
  ) {
    this.attributes = { ...attributes };
  }

  setAttribute(key: string, value: TracerAttributeValue | undefined): void {
    if (!this.ended) this.attributes[key] = value;
  }

  setName(name: string): void {
    if (!this.ended) this.name = name;
  }

  recordException(err: unknown): void {
    if (this.ended) return;
    const attrs = exceptionAttributes(err, EXCEPTION_BYTES);
    this.events.push({ name: 'exception', timeNs: nowNs(), attributes: attrs });
    this.status = { code: 'error', message: errorMessage(attrs) };
  }

  end(status?: SpanStatus): void {
    if (this.ended) return;
    this.ended = true;
    if (status !== undefined) this.status = status;
    this.owner.childEnded(this, nowNs());
  }
}

/** A child span when there is no invocation (or it has ended): records nothing. */
export const NOOP_SPAN: ChildSpan = {
  traceId: '0'.repeat(32),
  spanId: '0'.repeat(16),
  setAttribute: () => undefined,
  setName: () => undefined,
  recordException: () => undefined,
  end: () => undefined,
};

export interface RootSpanStart {
  traceId: string;
  parentSpanId: string;
  name: string;
  kind: TracerSpanKind;
  attributes: TracerAttributes;
  links: TracerSpanLink[];
}

export class Invocation {
  readonly spanId = newSpanId();
  readonly startNs = nowNs();
  readonly attributes: TracerAttributes;
  readonly events: TracerSpanEvent[] = [];
  status: SpanStatus = { code: 'unset' };
  private readonly open = new Set<OpenSpan>();
  private readonly done: TracerSpan[] = [];
  private started = 0;
  ended = false;

  constructor(readonly root: RootSpanStart) {
    this.attributes = root.attributes;
  }

  get traceId(): string {
    return this.root.traceId;
  }

  startChild(name: string, kind: TracerSpanKind, attributes: TracerAttributes, parentSpanId?: string): ChildSpan {
    if (this.ended || this.started >= MAX_CHILD_SPANS) return NOOP_SPAN;
    this.started++;
    const span = new OpenSpan(this, this.root.traceId, parentSpanId ?? this.spanId, name, kind, attributes);
    this.open.add(span);
    return span;
  }

  childEnded(span: OpenSpan, endNs: bigint): void {
    if (!this.open.delete(span) || this.ended) return;
    this.done.push({
      traceId: span.traceId,
      spanId: span.spanId,
      parentSpanId: span.parentSpanId,
      name: span.name,
      kind: span.kind,
      startNs: span.startNs,
      endNs,
      status: span.status,
      attributes: span.attributes,
      events: span.events,
    });
  }

  recordException(err: unknown, maxBytes: number): void {
    const attrs = exceptionAttributes(err, maxBytes);
    this.events.push({ name: 'exception', timeNs: nowNs(), attributes: attrs });
    this.status = { code: 'error', message: errorMessage(attrs) };
  }

  /** Ends the root span; still-open child spans end now, marked `nightjar.span.unfinished`. */
  end(): TracerSpan[] {
    if (this.ended) return [];
    const endNs = nowNs();
    for (const span of this.open) {
      span.attributes['nightjar.span.unfinished'] = true;
      span.end(span.status ?? { code: 'error', message: 'unfinished when the invocation ended' });
    }
    this.ended = true;
    const root: TracerSpan = {
      traceId: this.root.traceId,
      spanId: this.spanId,
      parentSpanId: this.root.parentSpanId,
      name: this.root.name,
      kind: this.root.kind,
      startNs: this.startNs,
      endNs,
      status: this.status,
      attributes: this.attributes,
      events: this.events,
      links: this.root.links,
    };
    return [root, ...this.done];
  }
}
