// A copy of an SDK span with some identity fields replaced, for requests carrying invalid spans
// (the SDK never makes them, other senders might).
import type { HrTime, SpanContext } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';

export interface Alteration {
  traceId?: string;
  spanId?: string;
  parentSpanId?: string;
  startTime?: HrTime;
}

export function altered(span: ReadableSpan, over: Alteration): ReadableSpan {
  const ctx: SpanContext = { ...span.spanContext() };
  if (over.traceId !== undefined) ctx.traceId = over.traceId;
  if (over.spanId !== undefined) ctx.spanId = over.spanId;
  const parent: SpanContext | undefined =
    over.parentSpanId !== undefined ? { traceId: ctx.traceId, spanId: over.parentSpanId, traceFlags: 1 } : span.parentSpanContext;
  return {
    name: span.name,
    kind: span.kind,
    spanContext: () => ctx,
    parentSpanContext: parent,
    startTime: over.startTime ?? span.startTime,
    endTime: span.endTime,
    status: span.status,
    attributes: span.attributes,
    links: span.links,
    events: span.events,
    duration: span.duration,
    ended: span.ended,
    resource: span.resource,
    instrumentationScope: span.instrumentationScope,
    droppedAttributesCount: span.droppedAttributesCount,
    droppedEventsCount: span.droppedEventsCount,
    droppedLinksCount: span.droppedLinksCount,
  };
}
