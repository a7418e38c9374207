// Outbound instrumentation (HTTP(S) through node:http/https, node:http2 and fetch, AWS API calls on that path),
// installed once per process by wrap() when tracing is on.
import { instrumentFetch } from './fetch.ts';
import { instrumentHttp } from './http.ts';
import { instrumentHttp2 } from './http2.ts';
import { ignoreOrigin } from './ignore.ts';

/** Instruments outbound requests (idempotent, never throws); `endpoint` is never traced. */
export function instrumentOutbound(endpoint: string | undefined): void {
  try {
    ignoreOrigin(endpoint);
    instrumentHttp();
  } catch {
    // untraced
  }
  try {
    instrumentHttp2();
  } catch {
    // untraced
  }
  try {
    instrumentFetch();
  } catch {
    // untraced
  }
}
