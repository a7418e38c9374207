// Lambda's asynchronous invocation: events are queued and the caller gets the request id at once;
// a function error is retried twice (delays shortened for the demo), a throttle is retried until the
// event's maximum age; what still fails goes to the on-failure callback (a DLQ or destination).
import { randomUUID } from 'node:crypto';
import type { InvokeOutcome, InvokeRequestOptions, LambdaInvoker } from './types.ts';

export interface AsyncInvokeOptions {
  /** Delay before each retry of a failed invocation (Lambda: 2 retries, about 1 and 2 minutes). */
  retryDelaysMs?: number[];
  /** A throttled event is retried every this many ms until maxEventAgeMs. */
  throttleRetryMs?: number;
  maxEventAgeMs?: number;
  onFailure?: (functionName: string, event: unknown, outcome: InvokeOutcome | undefined, err?: unknown) => void;
}

export interface AsyncInvoker {
  /** Queue an Event invocation; returns its request id (the id the invocation will run with). */
  enqueue(functionName: string, event: unknown, opts?: InvokeRequestOptions): string;
  /** Events queued or running. */
  pending(): number;
  /** Stop retrying; waits for running invocations. */
  close(): Promise<void>;
}

export function createAsyncInvoker(invoker: LambdaInvoker, opts: AsyncInvokeOptions = {}): AsyncInvoker {
  const retryDelays = opts.retryDelaysMs ?? [1000, 2000];
  const throttleRetryMs = opts.throttleRetryMs ?? 500;
  const maxAge = opts.maxEventAgeMs ?? 60_000;
  const timers = new Set<NodeJS.Timeout>();
  const running = new Set<Promise<void>>();
  let inFlight = 0;
  let closed = false;

  const later = (ms: number, f: () => void): void => {
    if (closed) return;
    const t = setTimeout(() => {
      timers.delete(t);
      f();
    }, ms);
    timers.add(t);
  };

  function attempt(fn: string, event: unknown, o: InvokeRequestOptions & { requestId: string }, tries: number, since: number): void {
    if (closed) {
      inFlight--;
      return;
    }
    const p = invoker.invoke(fn, event, o).then(
      (out) => {
        if (out.status === 'success') return done();
        if (out.status === 'throttled' && Date.now() - since < maxAge) return later(throttleRetryMs, () => attempt(fn, event, o, tries, since));
        const delay = retryDelays[tries];
        // each retry is a new invocation with its own request id, as in Lambda
        if (delay !== undefined && out.status !== 'throttled') return later(delay, () => attempt(fn, event, { ...o, requestId: randomUUID() }, tries + 1, since));
        opts.onFailure?.(fn, event, out);
        done();
      },
      (err: unknown) => {
        opts.onFailure?.(fn, event, undefined, err);
        done();
      },
    );
    const tracked = p.finally(() => running.delete(tracked));
    running.add(tracked);
  }
  const done = (): void => {
    inFlight--;
  };

  return {
    enqueue(fn, event, o = {}) {
      const requestId = o.requestId ?? randomUUID();
      inFlight++;
      // Lambda answers 202 first and runs the event later
      setImmediate(() => attempt(fn, event, { ...o, requestId }, 0, Date.now()));
      return requestId;
    },
    pending: () => inFlight,
    async close() {
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      await Promise.allSettled([...running]);
    },
  };
}
