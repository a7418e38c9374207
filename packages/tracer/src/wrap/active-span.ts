// The span the function's code has made active through @opentelemetry/api (read from the API's
// global registry, without loading it): its id when it belongs to `traceId`, else undefined.

const OTEL_GLOBAL_KEY = Symbol.for('opentelemetry.js.api.1');
/** The context key @opentelemetry/api stores the active span under (createContextKey uses Symbol.for). */
export const OTEL_SPAN_KEY = Symbol.for('OpenTelemetry Context Key SPAN');

interface ContextLike {
  getValue(key: symbol): unknown;
}

export function otelActiveSpanId(traceId: string): string | undefined {
  try {
    const registry = (globalThis as Record<symbol, unknown>)[OTEL_GLOBAL_KEY] as { context?: { active?: () => unknown } } | undefined;
    const active = registry?.context?.active;
    if (typeof active !== 'function') return undefined;
    const ctx = active.call(registry?.context) as ContextLike | undefined;
    if (typeof ctx?.getValue !== 'function') return undefined;
    const span = ctx.getValue(OTEL_SPAN_KEY) as { spanContext?: () => { traceId?: unknown; spanId?: unknown } } | undefined;
    const sc = typeof span?.spanContext === 'function' ? span.spanContext() : undefined;
    if (sc?.traceId !== traceId || typeof sc.spanId !== 'string' || !/^[0-9a-f]{16}$/.test(sc.spanId) || /^0+$/.test(sc.spanId)) return undefined;
    return sc.spanId;
  } catch {
    return undefined;
  }
}
