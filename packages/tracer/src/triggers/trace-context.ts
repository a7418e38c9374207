// W3C traceparent and X-Ray trace headers (SQS AWSTraceHeader, X-Amzn-Trace-Id) -> trace contexts.
import type { TraceContextCandidate } from './types.ts';

const TRACEPARENT = /^[\da-f]{2}-([\da-f]{32})-([\da-f]{16})-([\da-f]{2})(?:-|$)/;
const ZERO_TRACE = '0'.repeat(32);
const ZERO_SPAN = '0'.repeat(16);

export function parseTraceparent(value: unknown): TraceContextCandidate | undefined {
  if (typeof value !== 'string') return undefined;
  const m = TRACEPARENT.exec(value.trim().toLowerCase());
  if (m === null || value.trim().startsWith('ff')) return undefined;
  const [, traceId = '', spanId = '', flags = '00'] = m;
  if (traceId === ZERO_TRACE || spanId === ZERO_SPAN) return undefined;
  return { traceId, spanId, sampled: (parseInt(flags, 16) & 1) === 1, format: 'traceparent' };
}

/** "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1". */
export function parseAwsTraceHeader(value: unknown): TraceContextCandidate | undefined {
  if (typeof value !== 'string') return undefined;
  let root: string | undefined;
  let parent: string | undefined;
  let sampled = false;
  for (const part of value.split(';')) {
    const eq = part.indexOf('=');
    const k = part.slice(0, eq).trim().toLowerCase();
    const v = part.slice(eq + 1).trim().toLowerCase();
    if (k === 'root') root = v;
    else if (k === 'parent') parent = v;
    else if (k === 'sampled') sampled = v === '1';
  }
  const m = root === undefined ? null : /^1-([\da-f]{8})-([\da-f]{24})$/.exec(root);
  if (m === null || parent === undefined || !/^[\da-f]{16}$/.test(parent) || parent === ZERO_SPAN) return undefined;
  return { traceId: `${m[1] ?? ''}${m[2] ?? ''}`, spanId: parent, sampled, format: 'aws-trace-header' };
}
