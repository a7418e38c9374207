// Small row builders for tests: every field explicit, times relative to now (rows past their TTL
// are dropped at insert, so test data must be recent).
import { blankInvocation, emptyBatch, type InvocationRow, type LogRow, type RowBatch, type SpanRow } from '@nightjar/model';

export const PROJECT = 'test';

/** Unix ns as a digit string, `msAgo` milliseconds before now, with a fixed sub-ms tail. */
export function nsAgo(msAgo: number, tail = '123456'): string {
  return `${Math.floor(Date.now() - msAgo)}${tail}`;
}

export function hexId(n: number, len: number): string {
  return n.toString(16).padStart(len, '0');
}

export function span(over: Partial<SpanRow> = {}): SpanRow {
  return {
    project: PROJECT,
    traceId: hexId(1, 32),
    spanId: hexId(1, 16),
    parentSpanId: '',
    traceState: '',
    name: 'GET /orders',
    service: 'orders-api',
    kind: 'server',
    startNs: nsAgo(60_000),
    durationNs: 12_345_678,
    status: 'unset',
    statusMessage: '',
    scopeName: '@nightjar/lambda',
    scopeVersion: '0.1.0',
    attributes: { 'http.request.method': 'GET' },
    resource: { 'service.name': 'orders-api', 'cloud.region': 'eu-west-1' },
    events: [],
    links: [],
    functionName: 'orders-api',
    requestId: '',
    coldStart: false,
    httpRoute: '',
    errorType: '',
    linkOut: [],
    linkIn: [],
    input: '',
    output: '',
    ...over,
  };
}

export function invocation(over: Partial<InvocationRow> = {}): InvocationRow {
  return { ...blankInvocation({ project: PROJECT, function: 'orders-api', requestId: 'req-1', source: 'tracer' }), ...over };
}

export function log(over: Partial<LogRow> = {}): LogRow {
  return {
    project: PROJECT,
    timeNs: nsAgo(30_000),
    observedNs: nsAgo(29_000),
    traceId: '',
    spanId: '',
    requestId: '',
    function: 'orders-api',
    severityText: 'INFO',
    severityNumber: 9,
    body: 'hello',
    attributes: {},
    resource: {},
    source: 'cloudwatch',
    ...over,
  };
}

export function batch(over: Partial<RowBatch>): RowBatch {
  return { ...emptyBatch(), ...over };
}

/**
 * The root span of invocation `n` (request id req-<n>, its own trace), with the stitching keys it
 * consumed (`in`) and produced (`out`); every root span also has `lambda:<request id>` as the tracer sets.
 */
export function invocationSpan(n: number, fn: string, msAgo: number, keys: { in?: string[]; out?: string[] }, over: Partial<SpanRow> = {}): SpanRow {
  return span({
    traceId: hexId(n, 32),
    spanId: hexId(n, 16),
    name: fn,
    service: fn,
    functionName: fn,
    requestId: `req-${n}`,
    kind: keys.in?.length ? 'consumer' : 'server',
    startNs: nsAgo(msAgo),
    linkIn: [`lambda:req-${n}`, ...(keys.in ?? [])],
    linkOut: keys.out ?? [],
    ...over,
  });
}
