// Realistic Lambda-shaped spans made by the REAL OpenTelemetry JS SDK, and OTLP request bodies
// serialised by the real OTel serializers: what an instrumented function actually sends.
// Each invocation: a SERVER (or CONSUMER) root span with faas.* attributes and 1-4 client spans
// (DynamoDB, SQS, HTTP), ~10 attributes each, about 500 bytes per span in OTLP protobuf.
import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { pick, seededRandom, uuid } from './random.ts';

export interface LambdaSpanOptions {
  /** Number of invocations (traces); each has 2-5 spans. */
  invocations: number;
  /** Distinct functions the invocations are spread over. */
  functions?: number;
  seed?: number;
  /** Start of the first invocation, ms since the epoch. */
  startMs?: number;
  /** Time between consecutive invocations, ms. */
  spacingMs?: number;
}

export interface GeneratedInvocation {
  functionName: string;
  requestId: string;
  traceId: string;
  coldStart: boolean;
  failed: boolean;
}

const ROUTES = ['/orders', '/orders/{id}', '/users/{id}/avatar', '/cart', '/checkout', '/health'];
const TABLES = ['orders', 'users', 'inventory', 'sessions'];
const QUEUES = ['order-events', 'payments', 'notifications'];
const HOSTS = ['api.stripe.test', 'hooks.slack.test', 'api.sendgrid.test'];

export function functionNames(n: number): string[] {
  const stems = ['orders-api', 'payments', 'notifications', 'inventory-sync', 'avatar-resize', 'daily-report', 'cart-api', 'search-indexer'];
  return Array.from({ length: n }, (_, i) => (i < stems.length ? stems[i]! : `service-${i}`));
}

/** Generates spans grouped by function (one ReadableSpan[] per function, as one SDK would export). */
export function generateLambdaSpans(opts: LambdaSpanOptions): { byFunction: Map<string, ReadableSpan[]>; invocations: GeneratedInvocation[] } {
  const rnd = seededRandom(opts.seed ?? 1);
  const names = functionNames(opts.functions ?? 8);
  const startMs = opts.startMs ?? Date.now() - opts.invocations * (opts.spacingMs ?? 10);
  const spacing = opts.spacingMs ?? 10;
  const providers = new Map<string, { exporter: InMemorySpanExporter; provider: BasicTracerProvider }>();
  for (const name of names) {
    const exporter = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({
      resource: resourceFromAttributes({
        'service.name': name,
        'faas.name': name,
        'faas.version': '$LATEST',
        'faas.max_memory': 1024 * 1024 * pick(rnd, [128, 256, 512, 1024]),
        'cloud.provider': 'aws',
        'cloud.platform': 'aws_lambda',
        'cloud.region': 'eu-west-1',
        'cloud.account.id': '123456789012',
        'telemetry.sdk.language': 'nodejs',
      }),
      spanProcessors: [new SimpleSpanProcessor(exporter)],
    });
    providers.set(name, { exporter, provider });
  }
  const invocations: GeneratedInvocation[] = [];
  for (let i = 0; i < opts.invocations; i++) {
    const fn = names[Math.floor(Math.pow(rnd(), 1.5) * names.length)]!; // skewed: some functions are busier
    const tracer = providers.get(fn)!.provider.getTracer('@nightjar/lambda', '0.1.0');
    const t0 = startMs + i * spacing;
    const requestId = uuid(rnd);
    const coldStart = rnd() < 0.05;
    const failed = rnd() < 0.03;
    const route = pick(rnd, ROUTES);
    const root = tracer.startSpan(
      fn,
      {
        kind: SpanKind.SERVER,
        startTime: t0,
        attributes: {
          'faas.name': fn,
          'faas.invocation_id': requestId,
          'faas.coldstart': coldStart,
          'faas.trigger': 'http',
          'http.request.method': pick(rnd, ['GET', 'POST', 'PUT']),
          'http.route': route,
          'url.path': route.replace('{id}', String(Math.floor(rnd() * 100000))),
          'http.response.status_code': failed ? 500 : 200,
          'enduser.id': `user-${Math.floor(rnd() * 5000)}`,
          'aws.lambda.invoked_arn': `arn:aws:lambda:eu-west-1:123456789012:function:${fn}`,
        },
      },
      context.active(),
    );
    const ctx = trace.setSpan(context.active(), root);
    let t = t0 + 2 + rnd() * 5;
    const children = 1 + Math.floor(rnd() * 4);
    for (let c = 0; c < children; c++) {
      const kind = pick(rnd, ['dynamodb', 'sqs', 'http'] as const);
      const dur = kind === 'http' ? 20 + rnd() * 200 : 3 + rnd() * 30;
      const span = childSpan(tracer, ctx, kind, t, rnd);
      span.end(t + dur);
      t += dur + rnd() * 3;
    }
    if (failed) {
      root.recordException({ name: 'PaymentDeclined', message: 'card declined by provider', stack: 'PaymentDeclined: card declined by provider\n    at charge (/var/task/index.js:42:11)' }, t);
      root.setStatus({ code: SpanStatusCode.ERROR, message: 'card declined by provider' });
    }
    root.end(t + 1);
    invocations.push({ functionName: fn, requestId, traceId: root.spanContext().traceId, coldStart, failed });
  }
  const byFunction = new Map<string, ReadableSpan[]>();
  for (const [name, { exporter }] of providers) {
    const spans = exporter.getFinishedSpans();
    if (spans.length > 0) byFunction.set(name, spans);
  }
  return { byFunction, invocations };
}

function childSpan(tracer: ReturnType<BasicTracerProvider['getTracer']>, ctx: ReturnType<typeof context.active>, kind: 'dynamodb' | 'sqs' | 'http', start: number, rnd: () => number) {
  if (kind === 'dynamodb') {
    const op = pick(rnd, ['GetItem', 'PutItem', 'Query', 'UpdateItem']);
    const table = pick(rnd, TABLES);
    return tracer.startSpan(`DynamoDB.${op}`, {
      kind: SpanKind.CLIENT,
      startTime: start,
      attributes: {
        'rpc.system': 'aws-api',
        'rpc.service': 'DynamoDB',
        'rpc.method': op,
        'aws.dynamodb.table_names': [table],
        'aws.request_id': uuid(rnd).replace(/-/g, '').toUpperCase().slice(0, 20),
        'cloud.region': 'eu-west-1',
        'server.address': 'dynamodb.eu-west-1.amazonaws.com',
        'http.response.status_code': 200,
        'db.system': 'dynamodb',
        'db.operation.name': op,
      },
    }, ctx);
  }
  if (kind === 'sqs') {
    const queue = pick(rnd, QUEUES);
    const messageId = uuid(rnd);
    return tracer.startSpan(`${queue} send`, {
      kind: SpanKind.PRODUCER,
      startTime: start,
      attributes: {
        'rpc.system': 'aws-api',
        'rpc.service': 'SQS',
        'rpc.method': 'SendMessage',
        'messaging.system': 'aws_sqs',
        'messaging.destination.name': queue,
        'messaging.message.id': messageId,
        'messaging.operation.type': 'send',
        'aws.request_id': uuid(rnd),
        'server.address': 'sqs.eu-west-1.amazonaws.com',
        'nightjar.link.out': [`sqs:${messageId}`],
      },
    }, ctx);
  }
  const host = pick(rnd, HOSTS);
  return tracer.startSpan('POST', {
    kind: SpanKind.CLIENT,
    startTime: start,
    attributes: {
      'http.request.method': 'POST',
      'url.full': `https://${host}/v1/charges`,
      'server.address': host,
      'server.port': 443,
      'http.response.status_code': rnd() < 0.05 ? 502 : 200,
      'network.protocol.version': '1.1',
      'http.request.body.size': Math.floor(rnd() * 2000),
      'http.response.body.size': Math.floor(rnd() * 4000),
    },
  }, ctx);
}

/** OTLP ExportTraceServiceRequest bodies, one per chunk of at most `spansPerRequest` spans of one function. */
export function otlpTraceRequests(byFunction: Map<string, ReadableSpan[]>, format: 'protobuf' | 'json', spansPerRequest: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const spans of byFunction.values()) {
    for (let i = 0; i < spans.length; i += spansPerRequest) {
      const chunk = spans.slice(i, i + spansPerRequest);
      const body = format === 'protobuf' ? ProtobufTraceSerializer.serializeRequest(chunk) : JsonTraceSerializer.serializeRequest(chunk);
      if (body) out.push(body);
    }
  }
  return out;
}
