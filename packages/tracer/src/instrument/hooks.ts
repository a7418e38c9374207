// The one place the transports (http.ts, fetch.ts) find the span recorder. Tests replace it with a
// deliberately failing one to show that a tracer bug never breaks a request.
import { startOutbound, type StartOutbound } from './outbound-span.ts';

export const outbound: { start: StartOutbound } = { start: startOutbound };

/** Calls `f`, swallowing whatever it throws. */
export function safe<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}
