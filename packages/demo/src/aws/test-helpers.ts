// Test helpers for the local AWS services: a recording LambdaInvoker whose answer each test sets,
// and waiting for a condition.
import { randomUUID } from 'node:crypto';
import type { InvokeOutcome, LambdaInvoker } from './types.ts';

export interface RecordedInvoke {
  functionName: string;
  event: unknown;
  outcome: InvokeOutcome;
}

export type Answer = 'success' | 'error' | 'throttled' | { payload: unknown };

export interface RecordingInvoker extends LambdaInvoker {
  calls: RecordedInvoke[];
  /** Decides each invocation's outcome (default: success). */
  answer: (functionName: string, event: unknown, attempt: number) => Answer;
}

export function recordingInvoker(): RecordingInvoker {
  const r: RecordingInvoker = {
    calls: [],
    answer: () => 'success',
    invoke(functionName, event) {
      const a = r.answer(functionName, event, r.calls.filter((c) => c.functionName === functionName).length);
      const status = typeof a === 'object' ? 'success' : a;
      const outcome: InvokeOutcome = {
        requestId: randomUUID(),
        status,
        payload: typeof a === 'object' ? a.payload : status === 'error' ? { errorType: 'Error', errorMessage: 'boom' } : null,
        statusCode: status === 'throttled' ? 429 : 200,
        ...(status === 'error' ? { functionError: 'Unhandled' } : {}),
        executedVersion: '$LATEST',
      };
      // a deep copy, as the event crosses a process boundary in the real runtime
      r.calls.push({ functionName, event: JSON.parse(JSON.stringify(event)) as unknown, outcome });
      return Promise.resolve(outcome);
    },
    has: () => true,
  };
  return r;
}

export async function waitFor(what: string, check: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export const testCredentials = { accessKeyId: 'AKIDLOCALTEST', secretAccessKey: 'local-secret' };
