// OTel spans backed by the tracer's spans: a user's span is one of our child spans; the active
// span of an invocation without a user span is the root span (attributes, events and status only).
import type { TracerSpanEvent } from '../otlp/span.ts';
import { exceptionAttributes } from '../wrap/exception.ts';
import { nowNs } from '../wrap/ids.ts';
import type { ChildSpan, Invocation, SpanStatus } from '../wrap/invocation.ts';
import { attributesOf, attributeValue, eventArgs, spanStatus, timeNs } from './convert.ts';
import type { OtelSpan, OtelSpanContext } from './otel-types.ts';

/** At most this many events (addEvent, recordException) per span. */
export const MAX_EVENTS = 128;
const EXCEPTION_BYTES = 8192;
const SAMPLED = 1;

/** The events array of one of our open child spans, when it exposes one. */
function eventsOf(child: ChildSpan): TracerSpanEvent[] | undefined {
  const events = (child as unknown as { events?: unknown }).events;
  return Array.isArray(events) ? (events as TracerSpanEvent[]) : undefined;
}

function childEnded(child: ChildSpan): boolean {
  return (child as unknown as { ended?: unknown }).ended === true;
}

function exceptionEvent(exception: unknown, time: unknown): TracerSpanEvent {
  return { name: 'exception', timeNs: timeNs(time) ?? nowNs(), attributes: exceptionAttributes(exception, EXCEPTION_BYTES) };
}

/** A span the user started through @opentelemetry/api: one of our child spans. Never throws. */
export class BridgeSpan implements OtelSpan {
  private status: SpanStatus | undefined;
  private ended = false;
  private readonly context: OtelSpanContext;

  constructor(readonly child: ChildSpan) {
    this.context = { traceId: child.traceId, spanId: child.spanId, traceFlags: SAMPLED, isRemote: false };
  }

  private get live(): boolean {
    return !this.ended && !childEnded(this.child);
  }

  spanContext(): OtelSpanContext {
    return this.context;
  }

  setAttribute(key: string, value: unknown): this {
    try {
      const v = attributeValue(value);
      if (this.live && typeof key === 'string' && v !== undefined) this.child.setAttribute(key, v);
    } catch {
      // ignored, as the SDK ignores invalid attributes
    }
    return this;
  }

  setAttributes(attributes: unknown): this {
    try {
      const attrs = attributesOf(attributes);
      for (const key of Object.keys(attrs)) this.setAttribute(key, attrs[key]);
    } catch {
      // ignored
    }
    return this;
  }

  addEvent(name: string, attributesOrStartTime?: unknown, startTime?: unknown): this {
    try {
      const events = eventsOf(this.child);
      if (!this.live || events === undefined || events.length >= MAX_EVENTS) return this;
      const { attributes, timeNs: t } = eventArgs(attributesOrStartTime, startTime);
      events.push({ name: String(name), timeNs: t ?? nowNs(), attributes });
    } catch {
      // ignored
    }
    return this;
  }

  /** Links are not recorded (our child spans have none). */
  addLink(): this {
    return this;
  }

  addLinks(): this {
    return this;
  }

  setStatus(status: unknown): this {
    try {
      const s = spanStatus(status);
      if (this.live && s !== undefined) this.status = s;
    } catch {
      // ignored
    }
    return this;
  }

  updateName(name: string): this {
    try {
      if (this.live && typeof name === 'string') this.child.setName(name);
    } catch {
      // ignored
    }
    return this;
  }

  /** `endTime` is not honoured: the span ends now (our clock). */
  end(): void {
    try {
      if (this.ended) return;
      this.ended = true;
      this.child.end(this.status ?? { code: 'unset' });
    } catch {
      // ignored
    }
  }

  isRecording(): boolean {
    return this.live;
  }

  /** An `exception` event; the status is left to setStatus, as in OpenTelemetry. */
  recordException(exception: unknown, time?: unknown): void {
    try {
      if (!this.live) return;
      const events = eventsOf(this.child);
      if (events === undefined) this.child.recordException(exception);
      else if (events.length < MAX_EVENTS) events.push(exceptionEvent(exception, time));
    } catch {
      // ignored
    }
  }
}

/**
 * The invocation's root span as the OTel active span: attributes, events and status land on it;
 * `end` and `updateName` do nothing (wrap() owns its life and name). Never throws.
 */
export class RootSpanAdapter implements OtelSpan {
  private readonly context: OtelSpanContext;

  constructor(private readonly inv: Invocation) {
    this.context = { traceId: inv.traceId, spanId: inv.spanId, traceFlags: SAMPLED, isRemote: false };
  }

  spanContext(): OtelSpanContext {
    return this.context;
  }

  setAttribute(key: string, value: unknown): this {
    try {
      const v = attributeValue(value);
      if (!this.inv.ended && typeof key === 'string' && v !== undefined) this.inv.attributes[key] = v;
    } catch {
      // ignored
    }
    return this;
  }

  setAttributes(attributes: unknown): this {
    try {
      const attrs = attributesOf(attributes);
      for (const key of Object.keys(attrs)) this.setAttribute(key, attrs[key]);
    } catch {
      // ignored
    }
    return this;
  }

  addEvent(name: string, attributesOrStartTime?: unknown, startTime?: unknown): this {
    try {
      if (this.inv.ended || this.inv.events.length >= MAX_EVENTS) return this;
      const { attributes, timeNs: t } = eventArgs(attributesOrStartTime, startTime);
      this.inv.events.push({ name: String(name), timeNs: t ?? nowNs(), attributes });
    } catch {
      // ignored
    }
    return this;
  }

  addLink(): this {
    return this;
  }

  addLinks(): this {
    return this;
  }

  setStatus(status: unknown): this {
    try {
      const s = spanStatus(status);
      if (!this.inv.ended && s !== undefined && s.code !== 'unset') this.inv.status = s;
    } catch {
      // ignored
    }
    return this;
  }

  updateName(): this {
    return this;
  }

  end(): void {
    // the root span ends with the invocation
  }

  isRecording(): boolean {
    return !this.inv.ended;
  }

  recordException(exception: unknown, time?: unknown): void {
    try {
      if (this.inv.ended || this.inv.events.length >= MAX_EVENTS) return;
      const event = exceptionEvent(exception, time);
      this.inv.events.push(event);
    } catch {
      // ignored
    }
  }
}
