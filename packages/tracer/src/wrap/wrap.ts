// wrap(handler): traces each invocation of an async, callback or response-streaming handler.
// The handler's result, error and callback arguments are passed through untouched; the only
// change is a bounded export before the result is handed back.
import { processEnv } from '../config.ts';
import { currentInvocation } from './current.ts';
import { Tracer, type Outcome, type Run, type TracerOptions } from './tracer.ts';

export type WrapOptions = TracerOptions;

/** The marker awslambda.streamifyResponse puts on a response-streaming handler. */
export const STREAMING_MARKER = Symbol.for('aws.lambda.runtime.handler.streaming');

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any handler shape is accepted
type AnyHandler = (...args: any[]) => any;

function isThenable(v: unknown): v is PromiseLike<unknown> {
  try {
    return (typeof v === 'object' || typeof v === 'function') && v !== null && typeof (v as { then?: unknown }).then === 'function';
  } catch {
    return false;
  }
}

/** Returns `handler` itself when tracing is off (no NIGHTJAR_ENDPOINT, or NIGHTJAR_DISABLED). */
export function wrap<H extends AnyHandler>(handler: H, options: WrapOptions = {}): H {
  let tracer: Tracer | undefined;
  let streaming = false;
  try {
    tracer = Tracer.create(options, processEnv);
    streaming = (handler as unknown as Record<symbol, unknown>)[STREAMING_MARKER] !== undefined;
  } catch {
    tracer = undefined;
  }
  if (tracer === undefined) return handler;
  const t = tracer;

  const wrapped = function (this: unknown, ...args: unknown[]): unknown {
    // Streaming handlers are (event, responseStream, context); the others (event, context, callback).
    const run = t.begin(args[0], streaming ? args[2] : args[1]);
    if (run === undefined) return handler.apply(this, args);
    const callback = args[2];
    if (!streaming && typeof callback === 'function') args[2] = tracedCallback(t, run, callback as AnyHandler);
    let result: unknown;
    try {
      result = currentInvocation.run(run.inv, () => handler.apply(this, args));
    } catch (err) {
      return t.finish(run, { error: err }).then(() => {
        throw err;
      });
    }
    if (!isThenable(result)) return result; // a callback handler: the callback finishes the invocation
    const done: Outcome = streaming ? { streamed: true } : { value: undefined };
    return Promise.resolve(result).then(
      (value) => t.finish(run, 'value' in done ? { value } : done).then(() => value),
      (err: unknown) =>
        t.finish(run, { error: err }).then(() => {
          throw err;
        }),
    );
  };
  try {
    // the streaming marker (and its highWaterMark) first: the runtime needs them to call the wrapper right
    for (const key of Object.getOwnPropertySymbols(handler)) {
      (wrapped as unknown as Record<symbol, unknown>)[key] = (handler as unknown as Record<symbol, unknown>)[key];
    }
    Object.defineProperty(wrapped, 'length', { value: handler.length });
    Object.defineProperty(wrapped, 'name', { value: handler.name });
  } catch {
    // only cosmetic properties can be missing here: the markers are copied first
  }
  return wrapped as unknown as H;
}

/** The callback the handler receives: finishes the invocation, then calls the runtime's callback with the same arguments. */
function tracedCallback(t: Tracer, run: Run, callback: AnyHandler): AnyHandler {
  return function (this: unknown, ...cbArgs: unknown[]): void {
    const err = cbArgs[0];
    const outcome: Outcome = err !== undefined && err !== null ? { error: err } : { value: cbArgs[1] };
    void t.finish(run, outcome).then(() => callback.apply(this, cbArgs));
  };
}
