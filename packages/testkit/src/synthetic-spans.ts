// Realistic Lambda-shaped SpanRows without an SDK in the way, for store benchmarks (and the lead's
// end-to-end benchmark): ~50 functions, a few routes each, random 16-byte trace ids, traces of 1-10
// spans (a SERVER or CONSUMER root plus DynamoDB / SQS / S3 / HTTP client spans), about 10
// attributes per span (faas.*, cloud.*, http.*, aws.*, rpc.*), nanosecond timestamps, 3% errors
// with an exception event, 5% cold starts. Seeded: the same options give the same rows.
import type { Attributes, InvocationRow, SpanEvent, SpanRow } from '@nightjar/model';
import { seededRandom } from './random.ts';

export interface SyntheticSpanOptions {
  project?: string;
  /** Distinct Lambda functions (default 50). */
  functions?: number;
  seed?: number;
  /** Start of the first trace, ms since the epoch (default: now minus one hour). */
  startMs?: number;
  /** Traces (invocations) started per second of simulated time (default 2000). */
  tracesPerSecond?: number;
  /** Fill input/output of root spans with a small JSON payload (default false: capture is opt-in). */
  payloads?: boolean;
}

export interface SyntheticBatch {
  spans: SpanRow[];
  /** One 'tracer' InvocationRow per trace (the root span's view of the invocation). */
  invocations: InvocationRow[];
  /** Trace ids generated in this batch, in order. */
  traceIds: string[];
}

interface FunctionShape {
  name: string;
  routes: string[];
  trigger: 'http' | 'pubsub';
  memoryMb: number;
  version: string;
  /** One resource per function instance (container), shared by its spans as an OTLP decoder does. */
  resources: Attributes[];
  tables: string[];
  queues: string[];
}

const STEMS = ['orders', 'payments', 'users', 'cart', 'checkout', 'inventory', 'search', 'avatar', 'reports', 'notifications', 'shipping', 'invoices', 'auth', 'catalog', 'reviews', 'recommendations', 'emails'];
const SUFFIXES = ['api', 'worker', 'sync', 'processor', 'handler'];
const ROUTE_SHAPES = ['/{stem}', '/{stem}/{id}', '/{stem}/{id}/items', '/{stem}/search', '/health'];
const HOSTS = ['api.stripe.com', 'hooks.slack.com', 'api.sendgrid.com', 'maps.googleapis.com'];
const BUCKETS = ['uploads-prod', 'reports-archive', 'thumbnails'];
const ERRORS: { type: string; message: string }[] = [
  { type: 'PaymentDeclined', message: 'card declined by provider' },
  { type: 'ConditionalCheckFailedException', message: 'The conditional request failed' },
  { type: 'TypeError', message: "Cannot read properties of undefined (reading 'id')" },
  { type: 'TimeoutError', message: 'Connection timed out after 3000 ms' },
];

const HEX = '0123456789abcdef';

/**
 * Generates complete traces in batches: `next(n)` returns whole traces totalling at least n spans.
 * Simulated time advances with the traces, so consecutive batches look like a live stream.
 */
export class SyntheticSpans {
  private readonly rnd: () => number;
  private readonly project: string;
  private readonly fns: FunctionShape[];
  private readonly spacingNs: number;
  private readonly payloads: boolean;
  /** Simulated clock: unix ns as a Number of microseconds plus a separate ns remainder. */
  private clockUs: number;

  constructor(opts: SyntheticSpanOptions = {}) {
    this.rnd = seededRandom(opts.seed ?? 1);
    this.project = opts.project ?? 'default';
    this.payloads = opts.payloads ?? false;
    this.clockUs = Math.round((opts.startMs ?? Date.now() - 3_600_000) * 1000);
    this.spacingNs = 1e9 / (opts.tracesPerSecond ?? 2000);
    this.fns = Array.from({ length: opts.functions ?? 50 }, (_, i) => this.makeFunction(i));
  }

  next(minSpans: number): SyntheticBatch {
    const out: SyntheticBatch = { spans: [], invocations: [], traceIds: [] };
    while (out.spans.length < minSpans) this.trace(out);
    return out;
  }

  private hex(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += HEX[(this.rnd() * 16) | 0];
    return s;
  }

  private uuid(): string {
    const h = this.hex(32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }

  private pick<T>(items: readonly T[]): T {
    return items[(this.rnd() * items.length) | 0]!;
  }

  private makeFunction(i: number): FunctionShape {
    const stem = STEMS[i % STEMS.length]!;
    const name = `${stem}-${SUFFIXES[Math.floor(i / STEMS.length) % SUFFIXES.length]!}${i >= STEMS.length * SUFFIXES.length ? `-${i}` : ''}`;
    const trigger = i % 3 === 2 ? 'pubsub' : 'http';
    const memoryMb = [128, 256, 512, 1024, 1769][i % 5]!;
    const version = String(1 + (i % 17));
    const routes = ROUTE_SHAPES.slice(0, 2 + (i % 4)).map((r) => r.replace('{stem}', stem));
    const resource: Attributes = {
      'service.name': name,
      'faas.name': name,
      'faas.version': version,
      'faas.max_memory': String(memoryMb * 1024 * 1024),
      'cloud.provider': 'aws',
      'cloud.platform': 'aws_lambda',
      'cloud.region': i % 7 === 0 ? 'us-east-1' : 'eu-west-1',
      'cloud.account.id': '123456789012',
      'telemetry.sdk.language': 'nodejs',
      'telemetry.sdk.name': 'opentelemetry',
      'telemetry.sdk.version': '2.2.0',
    };
    const resources = Array.from({ length: 2 + (i % 6) }, () => ({ ...resource, 'faas.instance': `2026/11/23/[${version}]${this.hex(32)}` }));
    return { name, routes, trigger, memoryMb, version, resources, tables: [`${stem}`, `${stem}-index`], queues: [`${stem}-events`, `${stem}-dlq`] };
  }

  private nsAt(offsetNs: number): string {
    // clockUs (integer µs) + offset, with a random sub-µs remainder like an hrtime-based SDK.
    const totalNs = Math.floor(offsetNs) + ((this.rnd() * 1000) | 0);
    const us = this.clockUs + Math.floor(totalNs / 1000);
    const ns = totalNs % 1000;
    return `${us}${String(ns).padStart(3, '0')}`;
  }

  private trace(out: SyntheticBatch): void {
    // Skewed traffic: a few functions are much busier than the rest.
    const fn = this.fns[Math.floor(Math.pow(this.rnd(), 2) * this.fns.length)]!;
    this.clockUs += Math.max(1, Math.round((this.spacingNs * (0.5 + this.rnd())) / 1000));
    const traceId = this.hex(32);
    const rootId = this.hex(16);
    const requestId = this.uuid();
    const coldStart = this.rnd() < 0.05;
    const failed = this.rnd() < 0.03;
    const resource = this.pick(fn.resources);
    // 1-10 spans per trace, mostly 3-6.
    const children = Math.min(9, Math.floor(this.rnd() * 4) + Math.floor(this.rnd() * 4) + (this.rnd() < 0.15 ? 3 : 0));
    let offsetNs = (coldStart ? 150e6 + this.rnd() * 600e6 : 0) + 1e6 + this.rnd() * 3e6;
    const spans: SpanRow[] = [];
    for (let c = 0; c < children; c++) {
      const child = this.child(fn, traceId, rootId, requestId, resource, offsetNs);
      spans.push(child);
      offsetNs += child.durationNs + this.rnd() * 2e6;
    }
    const rootDuration = Math.round(offsetNs + 1e6 + this.rnd() * 2e6);
    const route = this.pick(fn.routes);
    const error = failed ? this.pick(ERRORS) : null;
    const attributes: Attributes =
      fn.trigger === 'http'
        ? {
            'faas.trigger': 'http',
            'http.request.method': this.pick(['GET', 'GET', 'GET', 'POST', 'PUT']),
            'url.path': route.replace('{id}', String((this.rnd() * 100000) | 0)),
            'http.response.status_code': failed ? '500' : '200',
            'user_agent.original': this.pick(['Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X)', 'okhttp/4.12.0', 'Amazon CloudFront']),
            'aws.lambda.invoked_arn': `arn:aws:lambda:${resource['cloud.region']!}:123456789012:function:${fn.name}`,
            'cloud.account.id': '123456789012',
          }
        : {
            'faas.trigger': 'pubsub',
            'messaging.system': 'aws_sqs',
            'messaging.operation.type': 'process',
            'messaging.destination.name': fn.queues[0]!,
            'messaging.batch.message_count': '1',
            'aws.lambda.invoked_arn': `arn:aws:lambda:${resource['cloud.region']!}:123456789012:function:${fn.name}`,
            'cloud.account.id': '123456789012',
          };
    const linkIn = fn.trigger === 'pubsub' ? [`sqs:${this.uuid()}`] : [];
    const startNs = this.nsAt(0);
    const events: SpanEvent[] = error
      ? [
          {
            timeNs: this.nsAt(rootDuration - 5e5),
            name: 'exception',
            attributes: {
              'exception.type': error.type,
              'exception.message': error.message,
              'exception.stacktrace': `${error.type}: ${error.message}\n    at handler (/var/task/index.mjs:${(this.rnd() * 200) | 0}:11)\n    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)`,
            },
          },
        ]
      : [];
    const root: SpanRow = {
      project: this.project,
      traceId,
      spanId: rootId,
      parentSpanId: '',
      traceState: '',
      name: fn.trigger === 'http' ? `${attributes['http.request.method']!} ${route}` : `${fn.queues[0]!} process`,
      service: fn.name,
      kind: fn.trigger === 'http' ? 'server' : 'consumer',
      startNs,
      durationNs: rootDuration,
      status: error ? 'error' : 'unset',
      statusMessage: error ? error.message : '',
      scopeName: '@nightjar/lambda',
      scopeVersion: '0.1.0',
      attributes,
      resource,
      events,
      links: [],
      functionName: fn.name,
      requestId,
      coldStart,
      httpRoute: fn.trigger === 'http' ? route : '',
      errorType: error ? error.type : '',
      linkOut: [],
      linkIn,
      input: this.payloads ? JSON.stringify({ path: attributes['url.path'] ?? '', id: (this.rnd() * 1e6) | 0 }) : '',
      output: this.payloads ? JSON.stringify({ statusCode: failed ? 500 : 200 }) : '',
    };
    out.spans.push(root, ...spans);
    out.traceIds.push(traceId);
    out.invocations.push({
      project: this.project,
      function: fn.name,
      requestId,
      source: 'tracer',
      version: fn.version,
      region: resource['cloud.region'] ?? null,
      architecture: 'arm64',
      startNs,
      durationMs: Math.round(rootDuration / 1e3) / 1e3,
      billedDurationMs: null,
      memorySizeMb: fn.memoryMb,
      maxMemoryUsedMb: null,
      initDurationMs: coldStart ? Math.round((150 + this.rnd() * 600) * 1000) / 1000 : null,
      restoreDurationMs: null,
      coldStart,
      status: error ? 'error' : 'success',
      errorType: error ? error.type : null,
      errorMessage: error ? error.message : null,
      costUsd: null,
      traceId,
    });
  }

  private child(fn: FunctionShape, traceId: string, parent: string, requestId: string, resource: Attributes, offsetNs: number): SpanRow {
    const r = this.rnd();
    const base = {
      project: this.project,
      traceId,
      spanId: this.hex(16),
      parentSpanId: parent,
      traceState: '',
      service: fn.name,
      startNs: this.nsAt(offsetNs),
      status: 'unset' as const,
      statusMessage: '',
      scopeName: '@opentelemetry/instrumentation-aws-sdk',
      scopeVersion: '0.78.0',
      resource,
      events: [],
      links: [],
      functionName: fn.name,
      requestId,
      coldStart: false,
      httpRoute: '',
      errorType: '',
      linkOut: [] as string[],
      linkIn: [] as string[],
      input: '',
      output: '',
    };
    if (r < 0.45) {
      const op = this.pick(['GetItem', 'GetItem', 'Query', 'PutItem', 'UpdateItem']);
      const table = this.pick(fn.tables);
      return {
        ...base,
        name: `DynamoDB.${op}`,
        kind: 'client',
        durationNs: Math.round(3e6 + this.rnd() * 25e6),
        attributes: {
          'rpc.system': 'aws-api',
          'rpc.service': 'DynamoDB',
          'rpc.method': op,
          'db.system': 'dynamodb',
          'db.operation.name': op,
          'aws.dynamodb.table_names': `["${table}"]`,
          'aws.request_id': this.hex(52).toUpperCase(),
          'cloud.region': resource['cloud.region'] ?? '',
          'server.address': `dynamodb.${resource['cloud.region'] ?? ''}.amazonaws.com`,
          'http.response.status_code': '200',
        },
      };
    }
    if (r < 0.65) {
      const queue = this.pick(fn.queues);
      const messageId = this.uuid();
      return {
        ...base,
        name: `${queue} send`,
        kind: 'producer',
        durationNs: Math.round(8e6 + this.rnd() * 30e6),
        attributes: {
          'rpc.system': 'aws-api',
          'rpc.service': 'SQS',
          'rpc.method': 'SendMessage',
          'messaging.system': 'aws_sqs',
          'messaging.destination.name': queue,
          'messaging.message.id': messageId,
          'messaging.operation.type': 'send',
          'aws.request_id': this.uuid(),
          'server.address': `sqs.${resource['cloud.region'] ?? ''}.amazonaws.com`,
          'http.response.status_code': '200',
        },
        linkOut: [`sqs:${messageId}`],
      };
    }
    if (r < 0.8) {
      const bucket = this.pick(BUCKETS);
      const op = this.pick(['GetObject', 'PutObject']);
      const amzId = this.hex(16).toUpperCase();
      return {
        ...base,
        name: `S3.${op}`,
        kind: 'client',
        durationNs: Math.round(10e6 + this.rnd() * 80e6),
        attributes: {
          'rpc.system': 'aws-api',
          'rpc.service': 'S3',
          'rpc.method': op,
          'aws.s3.bucket': bucket,
          'aws.s3.key': `${fn.name}/${this.hex(8)}.json`,
          'aws.request_id': amzId,
          'cloud.region': resource['cloud.region'] ?? '',
          'server.address': `${bucket}.s3.amazonaws.com`,
          'http.response.status_code': '200',
        },
        linkOut: op === 'PutObject' ? [`s3:${bucket}/${fn.name}:${amzId}`] : [],
      };
    }
    const host = this.pick(HOSTS);
    const status = this.rnd() < 0.03 ? '502' : '200';
    return {
      ...base,
      name: 'POST',
      kind: 'client',
      status: status === '200' ? 'unset' : 'error',
      durationNs: Math.round(20e6 + this.rnd() * 200e6),
      attributes: {
        'http.request.method': 'POST',
        'url.full': `https://${host}/v1/${this.pick(['charges', 'messages', 'events'])}`,
        'server.address': host,
        'server.port': '443',
        'http.response.status_code': status,
        'network.protocol.version': '1.1',
        'http.request.body.size': String((this.rnd() * 2000) | 0),
        'http.response.body.size': String((this.rnd() * 4000) | 0),
      },
    };
  }
}
