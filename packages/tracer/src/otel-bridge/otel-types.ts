// The small part of @opentelemetry/api (1.x) the bridge uses, written out so that src/ never
// imports the package: it is loaded at run time from the function's own node_modules.

export interface OtelSpanContext {
  traceId: string;
  spanId: string;
  traceFlags: number;
  isRemote?: boolean;
}

export type OtelTimeInput = number | Date | [number, number];

export interface OtelContext {
  getValue(key: symbol): unknown;
  setValue(key: symbol, value: unknown): OtelContext;
  deleteValue(key: symbol): OtelContext;
}

export interface OtelSpan {
  spanContext(): OtelSpanContext;
  setAttribute(key: string, value: unknown): OtelSpan;
  setAttributes(attributes: unknown): OtelSpan;
  addEvent(name: string, attributesOrStartTime?: unknown, startTime?: unknown): OtelSpan;
  addLink(link: unknown): OtelSpan;
  addLinks(links: unknown): OtelSpan;
  setStatus(status: unknown): OtelSpan;
  updateName(name: string): OtelSpan;
  end(endTime?: unknown): void;
  isRecording(): boolean;
  recordException(exception: unknown, time?: unknown): void;
}

export interface OtelSpanOptions {
  kind?: unknown;
  attributes?: unknown;
  root?: unknown;
}

export interface OtelContextManager {
  active(): OtelContext;
  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(context: OtelContext, fn: F, thisArg?: ThisParameterType<F>, ...args: A): ReturnType<F>;
  bind<T>(context: OtelContext, target: T): T;
  enable(): this;
  disable(): this;
}

export interface OtelTracer {
  startSpan(name: string, options?: OtelSpanOptions, context?: OtelContext): OtelSpan;
  startActiveSpan(name: string, ...rest: unknown[]): unknown;
}

export interface OtelTracerProvider {
  getTracer(name: string, version?: string, options?: unknown): OtelTracer;
}

/** The loaded module (`require('@opentelemetry/api')`). */
export interface OtelApi {
  ROOT_CONTEXT: OtelContext;
  INVALID_SPAN_CONTEXT: OtelSpanContext;
  context: {
    active(): OtelContext;
    with(context: OtelContext, fn: (...args: unknown[]) => unknown, thisArg?: unknown, ...args: unknown[]): unknown;
    setGlobalContextManager(manager: OtelContextManager): boolean;
  };
  trace: {
    getSpan(context: OtelContext): OtelSpan | undefined;
    setSpan(context: OtelContext, span: OtelSpan): OtelContext;
    wrapSpanContext(spanContext: OtelSpanContext): OtelSpan;
    setGlobalTracerProvider(provider: OtelTracerProvider): boolean;
  };
}

/** Where @opentelemetry/api 1.x keeps its registered globals (shared by every copy of the package). */
export const OTEL_GLOBAL_KEY = Symbol.for('opentelemetry.js.api.1');
