// Telemetry API records (schema 2022-12-13) of the platform events, next to their text lines.
import { randomBytes } from 'node:crypto';

export interface Tracing {
  spanId: string;
  type: 'X-Amzn-Trace-Id';
  value: string;
}

export function tracingOf(traceHeader: string): Tracing {
  return { spanId: randomBytes(8).toString('hex'), type: 'X-Amzn-Trace-Id', value: traceHeader };
}

/** Telemetry status words: success, error (the function's), failure (the platform's), timeout. */
export type TelemetryStatus = 'success' | 'error' | 'failure' | 'timeout';

export function withError<T extends object>(record: T, errorType: string | undefined): T & { errorType?: string } {
  return errorType === undefined ? record : { ...record, errorType };
}

/** "[INVOKE, SHUTDOWN]" / "[Platform, Function]" as the text lines list them. */
export function bracketList(items: string[], capitalise: boolean): string {
  return `[${items.map((i) => (capitalise ? i.charAt(0).toUpperCase() + i.slice(1) : i)).join(', ')}]`;
}
