// The invocation in progress (AsyncLocalStorage), and the child-span API for instrumentation.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { TracerAttributes, TracerSpanKind } from '../otlp/span.ts';
import { NOOP_SPAN, type ChildSpan, type Invocation } from './invocation.ts';

export const currentInvocation = new AsyncLocalStorage<Invocation>();

/**
 * Starts a span under the current invocation's root span (or under `parent`). Outside an
 * invocation, or once it has ended, returns a span that records nothing. Never throws.
 */
export function startChildSpan(name: string, kind: TracerSpanKind, attributes: TracerAttributes = {}, parent?: ChildSpan): ChildSpan {
  try {
    const inv = currentInvocation.getStore();
    if (inv === undefined) return NOOP_SPAN;
    const parentSpanId = parent !== undefined && parent !== NOOP_SPAN && parent.traceId === inv.traceId ? parent.spanId : undefined;
    return inv.startChild(name, kind, attributes, parentSpanId);
  } catch {
    return NOOP_SPAN;
  }
}
