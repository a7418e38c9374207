// The OTel TracerProvider and Tracer whose spans are the tracer's child spans: same trace, parent
// = the active OTel span (the user's, else the invocation's root span).
import { NOOP_SPAN, type ChildSpan } from '../wrap/invocation.ts';
import { startChildSpan } from '../wrap/current.ts';
import { BridgeSpan, RootSpanAdapter } from './bridge-span.ts';
import { attributesOf, spanKind } from './convert.ts';
import type { OtelApi, OtelContext, OtelSpan, OtelSpanOptions, OtelTracer, OtelTracerProvider } from './otel-types.ts';

export class BridgeTracer implements OtelTracer {
  constructor(
    private readonly api: OtelApi,
    private readonly scopeName: string,
    private readonly scopeVersion: string | undefined,
  ) {}

  /** Never throws: on any failure (or outside an invocation) the span records nothing. */
  startSpan(name: string, options: OtelSpanOptions = {}, context?: OtelContext): OtelSpan {
    let parentSpan: OtelSpan | undefined;
    try {
      const ctx = context ?? this.api.context.active();
      parentSpan = options.root === true ? undefined : this.api.trace.getSpan(ctx);
      let parent: ChildSpan | undefined;
      if (parentSpan instanceof BridgeSpan) parent = parentSpan.child;
      else if (parentSpan !== undefined && !(parentSpan instanceof RootSpanAdapter)) {
        const sc = parentSpan.spanContext();
        parent = { ...NOOP_SPAN, traceId: sc.traceId, spanId: sc.spanId };
      }
      const attributes = attributesOf(options.attributes);
      attributes['otel.scope.name'] = this.scopeName;
      if (this.scopeVersion !== undefined) attributes['otel.scope.version'] = this.scopeVersion;
      const child = startChildSpan(typeof name === 'string' ? name : String(name), spanKind(options.kind), attributes, parent);
      if (child !== NOOP_SPAN) return new BridgeSpan(child);
    } catch {
      // a non-recording span below
    }
    return this.nonRecording(parentSpan);
  }

  /** startActiveSpan(name, fn), (name, options, fn) or (name, options, context, fn). */
  startActiveSpan(name: string, ...rest: unknown[]): unknown {
    const fn = rest[rest.length - 1];
    if (typeof fn !== 'function') return undefined;
    let span: OtelSpan;
    let ctx: OtelContext;
    try {
      const options = rest.length >= 2 ? (rest[0] as OtelSpanOptions | undefined) : undefined;
      const given = rest.length >= 3 ? (rest[1] as OtelContext | undefined) : undefined;
      const parentCtx = given ?? this.api.context.active();
      span = this.startSpan(name, options ?? {}, parentCtx);
      ctx = this.api.trace.setSpan(parentCtx, span);
    } catch {
      return (fn as (span: OtelSpan) => unknown)(this.nonRecording(undefined));
    }
    return this.api.context.with(ctx, fn as (...args: unknown[]) => unknown, undefined, span);
  }

  private nonRecording(parent: OtelSpan | undefined): OtelSpan {
    try {
      return this.api.trace.wrapSpanContext(parent?.spanContext() ?? this.api.INVALID_SPAN_CONTEXT);
    } catch {
      return this.api.trace.wrapSpanContext(this.api.INVALID_SPAN_CONTEXT);
    }
  }
}

export class BridgeTracerProvider implements OtelTracerProvider {
  private readonly tracers = new Map<string, BridgeTracer>();

  constructor(private readonly api: OtelApi) {}

  getTracer(name: string, version?: string): OtelTracer {
    const scope = typeof name === 'string' && name !== '' ? name : 'unknown';
    const v = typeof version === 'string' && version !== '' ? version : undefined;
    const key = `${scope}@${v ?? ''}`;
    let tracer = this.tracers.get(key);
    if (tracer === undefined) {
      tracer = new BridgeTracer(this.api, scope, v);
      this.tracers.set(key, tracer);
    }
    return tracer;
  }
}
