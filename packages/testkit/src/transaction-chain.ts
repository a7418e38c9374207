// One business transaction as the tracer records it across seven invocations (seven traces) of
// the demo shop's shape, joined only by stitching keys: POST /orders -> orders-api -> (SQS)
// process-payment -> (Invoke) fraud-check, (EventBridge) order-events -> (SNS -> SQS) notify; the
// orders table's stream -> inventory; the clickstream -> clickstream. For benchmarks and tests of
// transaction assembly at volume. Seeded: the same random source gives the same transaction.
import { blankInvocation, type InvocationRow, type SpanRow } from '@nightjar/model';
import { uuid } from './random.ts';

export interface TransactionChainOptions {
  rnd: () => number;
  startMs: number;
  project?: string;
  /** notify fails on the empty phone number orders-api passed along. */
  failing?: boolean;
  userId?: string;
}

export interface TransactionChain {
  spans: SpanRow[];
  invocations: InvocationRow[];
  traceIds: string[];
  requestIds: Record<string, string>;
}

const hex = (rnd: () => number, n: number) => Array.from({ length: n }, () => Math.floor(rnd() * 16).toString(16)).join('');

export function transactionChain(o: TransactionChainOptions): TransactionChain {
  const { rnd } = o;
  const project = o.project ?? 'default';
  const userId = o.userId ?? `u-${String(1 + Math.floor(rnd() * 999)).padStart(4, '0')}`;
  const spans: SpanRow[] = [];
  const invocations: InvocationRow[] = [];
  const traceIds: string[] = [];
  const requestIds: Record<string, string> = {};
  const ns = (ms: number) => `${Math.floor(ms)}${String(Math.floor(rnd() * 1e6)).padStart(6, '0')}`;
  const base = (fn: string, traceId: string, parent: string, name: string, kind: SpanRow['kind'], atMs: number, durMs: number): SpanRow => ({
    project, traceId, spanId: hex(rnd, 16), parentSpanId: parent, traceState: '', name, service: fn, kind,
    startNs: ns(atMs), durationNs: Math.round(durMs * 1e6), status: 'unset', statusMessage: '', scopeName: '@nightjar/lambda', scopeVersion: '0.1.0',
    attributes: {}, resource: { 'service.name': fn, 'cloud.region': 'us-east-1', 'faas.name': fn }, events: [], links: [],
    functionName: fn, requestId: '', coldStart: false, httpRoute: '', errorType: '', linkOut: [], linkIn: [], input: '', output: '',
  });

  /** An invocation: its root span and client spans (each [name, service, out keys, attributes]). */
  const invoke = (fn: string, atMs: number, durMs: number, trigger: Partial<SpanRow>, calls: [string, string, string[], Record<string, string>][], fail?: { type: string; message: string }) => {
    const traceId = hex(rnd, 32);
    const requestId = requestIds[fn] ?? uuid(rnd);
    requestIds[fn] = requestId;
    traceIds.push(traceId);
    const root = base(fn, traceId, '', fn, trigger.kind ?? 'consumer', atMs, durMs);
    Object.assign(root, trigger, {
      requestId,
      linkIn: [`lambda:${requestId}`, ...(trigger.linkIn ?? [])],
      attributes: { 'faas.name': fn, 'faas.invocation_id': requestId, 'faas.version': '7', 'enduser.id': userId, 'nightjar.invocation.status': fail ? 'error' : 'success', ...(trigger.attributes ?? {}) },
    });
    if (fail) {
      root.status = 'error';
      root.statusMessage = fail.message;
      root.errorType = fail.type;
      root.events = [{ timeNs: ns(atMs + durMs - 1), name: 'exception', attributes: { 'exception.type': fail.type, 'exception.message': fail.message, 'exception.stacktrace': `${fail.type}: ${fail.message}\n    at handler (/var/task/index.mjs:31:11)` } }];
    }
    spans.push(root);
    calls.forEach(([name, service, out, attributes], i) => {
      const c = base(fn, traceId, root.spanId, name, 'client', atMs + 2 + i * 8, 6);
      c.linkOut = out;
      c.attributes = { 'rpc.system': 'aws-api', 'rpc.service': service, 'rpc.method': name.split('.')[1] ?? name, ...attributes };
      spans.push(c);
    });
    invocations.push({ ...blankInvocation({ project, function: fn, requestId, source: 'report-log' }), startNs: ns(atMs), durationMs: durMs, status: fail ? 'error' : 'success', traceId, ...(fail ? { errorType: fail.type, errorMessage: fail.message } : {}) });
  };

  const t = o.startMs;
  const m1 = uuid(rnd);
  const item = hex(rnd, 16);
  const seq = String(Math.floor(rnd() * 1e15)).padStart(56, '4');
  const order = { orderId: `ord-${uuid(rnd)}`, userId, customer: { name: 'Ada Lovelace', email: 'ada@example.com', phone: o.failing ? '' : '+15555550123' } };
  invoke('orders-api', t, 60, {
    kind: 'server', httpRoute: '/orders',
    attributes: { 'faas.trigger': 'http', 'http.request.method': 'POST', 'http.route': '/orders' },
    input: JSON.stringify({ routeKey: 'POST /orders', body: JSON.stringify(order) }), output: JSON.stringify({ statusCode: 201 }),
  }, [
    ['DynamoDB.PutItem', 'DynamoDB', [`ddb:shop-orders:${item}`], { 'aws.dynamodb.table_names': 'shop-orders', 'nightjar.aws.resource': 'shop-orders' }],
    ['SQS.SendMessage', 'SQS', [`sqs:${m1}`], { 'messaging.destination.name': 'shop-payments', 'nightjar.aws.resource': 'shop-payments' }],
    ['Kinesis.PutRecord', 'Kinesis', [`kinesis:shop-clickstream:shardId-000000000000:${seq}`], { 'aws.kinesis.stream_name': 'shop-clickstream', 'nightjar.aws.resource': 'shop-clickstream' }],
  ]);
  requestIds['fraud-check'] = uuid(rnd);
  const e1 = uuid(rnd);
  invoke('process-payment', t + 300, 240, { linkIn: [`sqs:${m1}`], attributes: { 'faas.trigger': 'pubsub', 'messaging.destination.name': 'shop-payments' }, input: JSON.stringify({ Records: [{ messageId: m1, body: JSON.stringify(order) }] }) }, [
    ['Lambda.Invoke', 'Lambda', [`lambda:${requestIds['fraud-check']}`], { 'faas.invoked_name': 'fraud-check' }],
    ['EventBridge.PutEvents', 'EventBridge', [`events:${e1}`], { 'messaging.destination.name': 'shop', 'nightjar.aws.resource': 'shop' }],
  ]);
  invoke('fraud-check', t + 310, 20, { kind: 'server', attributes: { 'faas.trigger': 'other' } }, []);
  const s1 = uuid(rnd);
  invoke('order-events', t + 700, 80, { linkIn: [`events:${e1}`], attributes: { 'faas.trigger': 'pubsub', 'aws.eventbridge.detail_type': 'OrderPaid' }, input: JSON.stringify({ id: e1, detail: order }) }, [
    ['SNS.Publish', 'SNS', [`sns:${s1}`], { 'messaging.destination.name': 'shop-notifications', 'nightjar.aws.resource': 'shop-notifications' }],
  ]);
  invoke('notify', t + 1200, 40, { linkIn: [`sqs:${uuid(rnd)}`, `sns:${s1}`], attributes: { 'faas.trigger': 'pubsub', 'messaging.destination.name': 'shop-notifications-queue' }, input: JSON.stringify({ Records: [{ body: JSON.stringify({ Type: 'Notification', MessageId: s1, Message: JSON.stringify({ kind: 'order-confirmed', to: order.customer }) }) }] }) }, [], o.failing ? { type: 'InvalidContactError', message: 'phone number is empty' } : undefined);
  invoke('inventory', t + 900, 50, { linkIn: [`ddb:shop-orders:${item}`], attributes: { 'faas.trigger': 'datasource' } }, [['DynamoDB.UpdateItem', 'DynamoDB', [], { 'aws.dynamodb.table_names': 'shop-inventory', 'nightjar.aws.resource': 'shop-inventory' }]]);
  invoke('clickstream', t + 1500, 30, { linkIn: [`kinesis:shop-clickstream:shardId-000000000000:${seq}`], attributes: { 'faas.trigger': 'pubsub' } }, []);
  return { spans, invocations, traceIds, requestIds };
}
