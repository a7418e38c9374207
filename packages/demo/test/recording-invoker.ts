// A test double of the local Lambda runtime for the local AWS services' tests: it records every
// invocation and answers as each test's function says (success by default), shaped as InvokeOutcome.
import { randomUUID } from 'node:crypto';
import type { InvokeOutcome, InvokeRequestOptions, LambdaInvoker } from '../src/aws/types.ts';

export interface Answer {
  /** success (default), error, timeout, crash, throttled... */
  status?: string;
  payload?: unknown;
}

export type TestFunction = (event: unknown, call: number) => Answer | undefined | Promise<Answer | undefined>;

export interface Invocation {
  functionName: string;
  event: unknown;
  opts: InvokeRequestOptions | undefined;
  outcome: InvokeOutcome;
}

export interface RecordingInvoker extends LambdaInvoker {
  calls: Invocation[];
  /** Calls of one function. */
  callsOf(functionName: string): Invocation[];
  /** Resolves once `predicate` holds (checked every 10 ms), rejects after `timeoutMs`. */
  waitFor(predicate: () => boolean, timeoutMs?: number): Promise<void>;
}

export function recordingInvoker(functions: Record<string, TestFunction>): RecordingInvoker {
  const calls: Invocation[] = [];
  const counts = new Map<string, number>();
  return {
    calls,
    callsOf: (name) => calls.filter((c) => c.functionName === name),
    has: (name) => functions[name] !== undefined,
    async invoke(functionName, event, opts) {
      const fn = functions[functionName];
      if (fn === undefined) throw new Error(`no function ${functionName}`);
      const n = (counts.get(functionName) ?? 0) + 1;
      counts.set(functionName, n);
      const a = (await fn(event, n)) ?? {};
      const status = a.status ?? 'success';
      const outcome: InvokeOutcome = {
        requestId: opts?.requestId ?? randomUUID(),
        status,
        payload: a.payload ?? (status === 'success' ? null : { errorType: 'Error', errorMessage: 'failed', trace: [] }),
        statusCode: status === 'throttled' ? 429 : 200,
        ...(status !== 'success' && status !== 'throttled' ? { functionError: 'Unhandled' } : {}),
        executedVersion: '$LATEST',
      };
      calls.push({ functionName, event, opts, outcome });
      return outcome;
    },
    async waitFor(predicate, timeoutMs = 5000) {
      const end = Date.now() + timeoutMs;
      while (!predicate()) {
        if (Date.now() > end) throw new Error('timed out waiting');
        await new Promise((r) => setTimeout(r, 10));
      }
    },
  };
}

/** Static credentials and region for SDK clients pointed at the local endpoint. */
export const clientConfig = (endpoint: string) => ({
  endpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local' },
});
