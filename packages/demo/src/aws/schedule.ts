// Scheduled EventBridge rules (rate expressions): every(rule, intervalMs, fn) invokes the function
// asynchronously with the Scheduled Event, { version: '0', id, 'detail-type': 'Scheduled Event',
// source: 'aws.events', account, time, region, resources: [rule ARN], detail: {} }, every interval
// (the first one an interval after every()). runNow fires a rule at once; close stops the timers.
import { randomUUID } from 'node:crypto';
import type { AsyncInvoker } from './async-invoke.ts';
import { eventTime, ruleArn } from './eventbridge.ts';
import { ACCOUNT_ID, REGION } from './types.ts';

export interface SchedulerOptions {
  asyncInvoker: AsyncInvoker;
}

export interface Scheduler {
  /** Adds a rule on the default bus; returns its ARN. */
  every(ruleName: string, intervalMs: number, functionName: string): string;
  /** Fires a rule now; returns the request id of the queued invocation. */
  runNow(ruleName: string): string;
  close(): void;
}

export function scheduledEvent(ruleName: string, at: Date): Record<string, unknown> {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: ACCOUNT_ID,
    time: eventTime(at),
    region: REGION,
    resources: [ruleArn('default', ruleName)],
    detail: {},
  };
}

export function createScheduler(opts: SchedulerOptions): Scheduler {
  const rules = new Map<string, { functionName: string; timer: NodeJS.Timeout }>();
  const fire = (ruleName: string, functionName: string): string => opts.asyncInvoker.enqueue(functionName, scheduledEvent(ruleName, new Date()));
  return {
    every(ruleName, intervalMs, functionName) {
      if (rules.has(ruleName)) throw new Error(`schedule "${ruleName}" exists`);
      if (!(intervalMs > 0)) throw new Error('intervalMs must be positive');
      const timer = setInterval(() => fire(ruleName, functionName), intervalMs);
      rules.set(ruleName, { functionName, timer });
      return ruleArn('default', ruleName);
    },
    runNow(ruleName) {
      const r = rules.get(ruleName);
      if (r === undefined) throw new Error(`no schedule "${ruleName}"`);
      return fire(ruleName, r.functionName);
    },
    close() {
      for (const r of rules.values()) clearInterval(r.timer);
      rules.clear();
    },
  };
}
