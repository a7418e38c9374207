// Hand-built spans and invocations for tests (not exported from the package).
import type { InvocationItem, SpanItem } from '@nightjar/model';

const BASE_MS = Date.UTC(2026, 10, 23, 12, 0, 0);
let counter = 0;

export function resetIds(): void {
  counter = 0;
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

export function nextSpanId(): string {
  return hex(++counter, 16);
}

export interface SpanOpts {
  traceId?: string;
  spanId?: string;
  parent?: SpanItem | string;
  name?: string;
  kind?: SpanItem['kind'];
  /** ms after the base time. */
  at?: number;
  durationMs?: number;
  status?: SpanItem['status'];
  statusMessage?: string;
  attributes?: Record<string, string>;
  linkOut?: string[];
  linkIn?: string[];
  input?: string;
  output?: string;
  events?: SpanItem['events'];
  requestId?: string;
}

export function span(fn: string, o: SpanOpts = {}): SpanItem {
  const at = o.at ?? 0;
  const ms = BASE_MS + at;
  const parent = typeof o.parent === 'string' ? o.parent : (o.parent?.spanId ?? '');
  const traceId = o.traceId ?? (typeof o.parent === 'object' ? o.parent.traceId : hex(++counter, 32));
  return {
    traceId,
    spanId: o.spanId ?? nextSpanId(),
    parentSpanId: parent,
    name: o.name ?? fn,
    service: fn,
    kind: o.kind ?? 'internal',
    start: new Date(Math.floor(ms)).toISOString(),
    startNs: (BigInt(Math.round(ms * 1000)) * 1000n).toString(),
    durationMs: o.durationMs ?? 10,
    status: o.status ?? 'unset',
    statusMessage: o.statusMessage ?? '',
    attributes: o.attributes ?? {},
    resource: { 'service.name': fn, 'faas.name': fn },
    events: o.events ?? [],
    functionName: fn,
    requestId: o.requestId ?? '',
    linkOut: o.linkOut ?? [],
    linkIn: o.linkIn ?? [],
    input: o.input ?? '',
    output: o.output ?? '',
  };
}

/** An invocation root span (consumer by default); link_in gets lambda:<request id>. */
export function invocation(fn: string, requestId: string, o: SpanOpts & { source?: string; user?: string; failed?: boolean; version?: string } = {}): SpanItem {
  const attributes: Record<string, string> = {
    'faas.name': fn,
    'faas.invocation_id': requestId,
    'faas.version': o.version ?? '1',
    'nightjar.invocation.status': o.failed === true ? 'error' : 'success',
    ...(o.source !== undefined ? { 'nightjar.trigger.source': o.source } : {}),
    ...(o.user !== undefined ? { 'enduser.id': o.user } : {}),
    ...o.attributes,
  };
  return span(fn, {
    kind: 'consumer',
    ...o,
    requestId,
    status: o.failed === true ? 'error' : (o.status ?? 'unset'),
    attributes,
    linkIn: [...(o.linkIn ?? []), `lambda:${requestId}`],
  });
}

/** An AWS SDK client span under `parent`. */
export function awsCall(parent: SpanItem, service: string, method: string, attributes: Record<string, string>, o: SpanOpts = {}): SpanItem {
  return span(parent.functionName, {
    kind: 'client',
    name: `${service}.${method}`,
    parent,
    at: o.at,
    ...o,
    attributes: { 'rpc.system': 'aws-api', 'rpc.service': service, 'rpc.method': method, ...attributes },
  });
}

export const sqsAttrs = (queue: string): Record<string, string> => ({ 'messaging.destination.name': queue, 'aws.sqs.queue.url': `https://sqs.us-east-1.amazonaws.com/1/${queue}` });
export const sqsTrigger = (queue: string, count = 1): Record<string, string> => ({ 'messaging.destination.name': queue, 'messaging.batch.message_count': String(count) });

export function invocationItem(fn: string, requestId: string, o: Partial<InvocationItem> & { at?: number } = {}): InvocationItem {
  return {
    function: fn,
    requestId,
    version: '1',
    region: 'us-east-1',
    start: new Date(BASE_MS + (o.at ?? 0)).toISOString(),
    durationMs: 10,
    billedDurationMs: 10,
    memorySizeMb: 128,
    maxMemoryUsedMb: 60,
    initDurationMs: null,
    coldStart: false,
    status: 'success',
    errorType: null,
    errorMessage: null,
    costUsd: null,
    traceId: null,
    sources: ['platform-log', 'report-log'],
    ...o,
  };
}
