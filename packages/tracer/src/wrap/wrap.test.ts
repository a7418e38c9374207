// wrap() end to end: real handlers, a real local OTLP backend, spans decoded with @nightjar/otlp.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import type { SpanRow } from '@nightjar/model';
import { sqsEvent } from '../../test/aws-events.ts';
import { lambdaContext, lambdaEnv } from '../../test/lambda-context.ts';
import { refusingUrl, startBackend, type Backend, type BackendMode } from '../../test/otlp-backend.ts';
import { SCRUB_FAILED } from '../scrub/scrub-payload.ts';
import { ColdStart } from './cold-start.ts';
import { startChildSpan } from './current.ts';
import { STREAMING_MARKER, wrap, type WrapOptions } from './wrap.ts';

const backends: Backend[] = [];
after(async () => {
  for (const b of backends) await b.close();
});
async function backend(mode: BackendMode = 'ok'): Promise<Backend> {
  const b = await startBackend(mode);
  backends.push(b);
  return b;
}

function options(endpoint: string, extra: WrapOptions = {}, env: Record<string, string> = {}): WrapOptions & { logs: string[] } {
  const logs: string[] = [];
  return {
    env: lambdaEnv(endpoint, env),
    coldStart: new ColdStart(),
    exportTimeoutMs: 150,
    breaker: { threshold: 2, coolDownsMs: [60_000] },
    log: (l: string) => logs.push(l),
    logs,
    ...extra,
  };
}

function only(b: Backend, index = 0): SpanRow {
  const span = b.received[index]?.spans[0];
  assert.ok(span !== undefined, `no span in body ${index}`);
  return span;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('wrap: what the root span records', () => {
  test('an SQS batch: consumer span with faas.*, cloud.*, trigger attributes and nightjar.link.in', async () => {
    const b = await backend();
    const response = { batchItemFailures: [] };
    const handler = wrap(async (_event: unknown, _c: unknown) => response, options(b.url));
    const event = sqsEvent('orders-queue', [
      { messageId: 'm-1', body: '{"orderId":1}' },
      { messageId: 'm-2', body: '{"orderId":2}' },
    ]);
    const result = await handler(event, lambdaContext('req-sqs'));
    assert.equal(result, response);
    assert.equal(b.received.length, 1, 'exported before returning');
    const s = only(b);
    assert.equal(s.kind, 'consumer');
    assert.equal(s.name, 'orders');
    assert.equal(s.parentSpanId, '');
    assert.match(s.traceId, /^[\da-f]{32}$/);
    assert.equal(s.functionName, 'orders');
    assert.equal(s.requestId, 'req-sqs');
    assert.equal(s.coldStart, true);
    assert.equal(s.status, 'unset');
    const a = s.attributes;
    assert.equal(a['faas.trigger'], 'pubsub');
    assert.equal(a['faas.version'], '$LATEST');
    assert.equal(a['faas.max_memory'], String(256 * 1024 * 1024));
    assert.equal(a['cloud.region'], 'eu-west-1');
    assert.equal(a['cloud.account.id'], '123456789012');
    assert.equal(a['messaging.system'], 'aws_sqs');
    assert.equal(a['messaging.destination.name'], 'orders-queue');
    assert.equal(a['nightjar.invocation.status'], 'success');
    assert.deepEqual(s.linkIn, ['sqs:m-1', 'sqs:m-2', 'lambda:req-sqs']);
    assert.equal(JSON.parse(s.output).batchItemFailures.length, 0);
    assert.equal(JSON.parse(s.input).Records[1].messageId, 'm-2');
    assert.equal(s.resource['service.name'], 'orders');
    assert.equal(s.resource['cloud.platform'], 'aws_lambda');
    const envNames = JSON.parse(s.resource['nightjar.environment.names'] ?? '[]') as string[];
    assert.ok(envNames.includes('DB_PASSWORD') && envNames.includes('TABLE_NAME'));
    assert.equal(JSON.parse(s.resource['nightjar.environment'] ?? '{}').TABLE_NAME, 'orders');
  });

  test('planted secrets never leave the function (payloads and environment values)', async () => {
    const b = await backend();
    const handler = wrap(
      async (event: { password: string; token: string }, _c: unknown) => ({ statusCode: 200, user: { name: 'ann', password: event.password }, note: 'Authorization: Bearer hunter2-planted' }),
      options(b.url, {}, { EXTRA_SECRET: 'hunter2-planted' }),
    );
    const result = await handler({ password: 'hunter2-planted', token: 'hunter2-planted' }, lambdaContext('req-secret'));
    assert.equal(result.user.password, 'hunter2-planted', 'the handler result is untouched');
    const raw = b.received[0]?.raw;
    assert.ok(raw !== undefined && raw.length > 0);
    assert.equal(raw.includes('hunter2-planted'), false);
    const s = only(b);
    assert.match(s.input, /"password":"\[REDACTED\]"/);
    assert.match(s.output, /"password":"\[REDACTED\]"/);
    assert.equal(s.attributes['http.response.status_code'], '200');
  });

  test('the user and their tier from configured event paths (NIGHTJAR_USER_ID_PATHS, NIGHTJAR_USER_TIER_PATHS)', async () => {
    const b = await backend();
    const handler = wrap(async (_e: unknown, _c: unknown) => 'ok', options(b.url, {}, { NIGHTJAR_USER_ID_PATHS: 'session.user', NIGHTJAR_USER_TIER_PATHS: 'session.plan' }));
    await handler({ session: { user: 'u-9', plan: 'Enterprise' } }, lambdaContext('req-tier'));
    assert.equal(only(b).attributes['enduser.id'], 'u-9');
    assert.equal(only(b).attributes['nightjar.enduser.tier'], 'Enterprise');
  });

  test('payload capture can be turned off', async () => {
    const b = await backend();
    const handler = wrap(async (_e: unknown, _c: unknown) => 'out', options(b.url, {}, { NIGHTJAR_CAPTURE_PAYLOADS: 'false' }));
    await handler({ a: 1 }, lambdaContext('req-nocap'));
    assert.equal(only(b).input, '');
    assert.equal(only(b).output, '');
  });

  test('the trace continues from a sampled _X_AMZN_TRACE_ID, and is new when not sampled', async () => {
    const b = await backend();
    const opts = options(b.url);
    const env = opts.env as Record<string, string>;
    const handler = wrap(async (_e: unknown, _c: unknown) => 1, opts);
    env['_X_AMZN_TRACE_ID'] = 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1';
    await handler({}, lambdaContext('req-x1'));
    env['_X_AMZN_TRACE_ID'] = 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=0';
    await handler({}, lambdaContext('req-x2'));
    const [first, second] = [only(b, 0), only(b, 1)];
    assert.equal(first.traceId, '5759e988bd862e3fe1be46a994272793');
    assert.equal(first.parentSpanId, '53995c3f42cd8ad8');
    assert.notEqual(second.traceId, first.traceId);
    assert.equal(second.parentSpanId, '');
    assert.equal(second.coldStart, false);
  });

  test('a single SQS message with a sampled traceparent is the parent; a batch becomes span links', async () => {
    const b = await backend();
    const handler = wrap(async (_e: unknown, _c: unknown) => 1, options(b.url));
    const tp = (span: string) => `00-0af7651916cd43dd8448eb211c80319c-${span}-01`;
    await handler(sqsEvent('q', [{ messageId: 'one', body: '', traceparent: tp('b7ad6b7169203331') }]), lambdaContext('req-tp1'));
    await handler(
      sqsEvent('q', [
        { messageId: 'a', body: '', traceparent: tp('1111111111111111') },
        { messageId: 'b', body: '', traceparent: tp('2222222222222222') },
      ]),
      lambdaContext('req-tp2'),
    );
    const [single, batch] = [only(b, 0), only(b, 1)];
    assert.equal(single.traceId, '0af7651916cd43dd8448eb211c80319c');
    assert.equal(single.parentSpanId, 'b7ad6b7169203331');
    assert.notEqual(batch.traceId, '0af7651916cd43dd8448eb211c80319c');
    assert.deepEqual(
      batch.links.map((l) => [l.traceId, l.spanId]),
      [
        ['0af7651916cd43dd8448eb211c80319c', '1111111111111111'],
        ['0af7651916cd43dd8448eb211c80319c', '2222222222222222'],
      ],
    );
  });

  test('an HTTP 5xx response marks the span as an error', async () => {
    const b = await backend();
    const handler = wrap(async (_e: unknown, _c: unknown) => ({ statusCode: 502, body: 'bad gateway' }), options(b.url));
    const event = { version: '2.0', routeKey: 'GET /orders/{id}', rawPath: '/orders/7', requestContext: { http: { method: 'GET', path: '/orders/7' }, requestId: 'r' } };
    await handler(event, lambdaContext('req-http'));
    const s = only(b);
    assert.equal(s.kind, 'server');
    assert.equal(s.status, 'error');
    assert.equal(s.attributes['http.response.status_code'], '502');
  });
});

describe('wrap: the handler behaves exactly as without the tracer', () => {
  test('tracing off (no endpoint, or disabled): wrap returns the handler itself', () => {
    const h = async (_e: unknown, _c: unknown) => 1;
    assert.equal(wrap(h, { env: {} }), h);
    assert.equal(wrap(h, { env: { NIGHTJAR_ENDPOINT: 'http://127.0.0.1:1', NIGHTJAR_DISABLED: 'true' } }), h);
  });

  test('an async handler that throws: the same error object is rethrown, the span has the exception', async () => {
    const b = await backend();
    const boom = new TypeError('cannot read orderId of undefined');
    const handler = wrap(async (_e: unknown, _c: unknown) => {
      throw boom;
    }, options(b.url));
    const long = 'x'.repeat(5000);
    await assert.rejects(handler({ note: long }, lambdaContext('req-err')), (e) => e === boom);
    const s = only(b);
    assert.equal(s.status, 'error');
    assert.equal(s.statusMessage, 'cannot read orderId of undefined');
    assert.equal(s.errorType, 'TypeError');
    assert.equal(s.attributes['nightjar.invocation.status'], 'error');
    const ex = s.events.find((e) => e.name === 'exception');
    assert.equal(ex?.attributes['exception.message'], 'cannot read orderId of undefined');
    assert.match(ex?.attributes['exception.stacktrace'] ?? '', /TypeError: cannot read orderId[\s\S]*wrap\.test\.ts/);
    assert.ok(s.input.includes(long), 'a failed invocation keeps larger fields (8 KB)');
  });

  test('a handler that throws synchronously: the same error, as a rejection after the export', async () => {
    const b = await backend();
    const boom = new Error('sync');
    const handler = wrap((_e: unknown, _c: unknown) => {
      throw boom;
    }, options(b.url));
    await assert.rejects(Promise.resolve(handler({}, lambdaContext('req-sync'))), (e) => e === boom);
    assert.equal(only(b).status, 'error');
  });

  test('a callback handler calling back later: same arguments, after the span is exported', async () => {
    const b = await backend();
    const value = { ok: true };
    const handler = wrap((_e: unknown, _c: unknown, cb: (err: unknown, v?: unknown) => void) => {
      setTimeout(() => cb(null, value), 20);
    }, options(b.url));
    assert.equal(handler.length, 3);
    const args = await new Promise<unknown[]>((resolve) => {
      const returned = handler({}, lambdaContext('req-cb'), (...a: unknown[]) => {
        assert.equal(b.received.length, 1, 'exported before the callback');
        resolve(a);
      });
      assert.equal(returned, undefined);
    });
    assert.equal(args.length, 2);
    assert.equal(args[0], null);
    assert.equal(args[1], value);
    assert.equal(only(b).output, '{"ok":true}');
  });

  test('a callback handler reporting an error: the same error reaches the callback', async () => {
    const b = await backend();
    const err = new Error('cb failed');
    const handler = wrap((_e: unknown, _c: unknown, cb: (err: unknown) => void) => cb(err), options(b.url));
    const args = await new Promise<unknown[]>((resolve) => handler({}, lambdaContext('req-cberr'), (...a: unknown[]) => resolve(a)));
    assert.deepEqual(args.length, 1);
    assert.equal(args[0], err);
    assert.equal(only(b).status, 'error');
    assert.equal(only(b).errorType, 'Error');
  });

  test('a response-streaming handler keeps its markers and gets (event, stream, context)', async () => {
    const b = await backend();
    const stream = { written: [] as string[] };
    const inner = async (event: unknown, s: typeof stream, _c: unknown) => {
      s.written.push(JSON.stringify(event));
      return 'done';
    };
    const hwm = Symbol.for('aws.lambda.runtime.handler.highWaterMark');
    Object.assign(inner, { [STREAMING_MARKER]: 'response', [hwm]: 1024 });
    const handler = wrap(inner, options(b.url));
    assert.equal((handler as unknown as Record<symbol, unknown>)[STREAMING_MARKER], 'response');
    assert.equal((handler as unknown as Record<symbol, unknown>)[hwm], 1024);
    assert.equal(await handler({ q: 1 }, stream, lambdaContext('req-stream')), 'done');
    assert.deepEqual(stream.written, ['{"q":1}']);
    const s = only(b);
    assert.equal(s.requestId, 'req-stream');
    assert.equal(s.attributes['nightjar.response.streaming'], 'true');
  });

  test('tracer failures (hostile event, failing scrubber) never reach the handler or its result', async () => {
    const b = await backend();
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('getter trap');
        },
        ownKeys() {
          throw new Error('ownKeys trap');
        },
        getPrototypeOf() {
          throw new Error('prototype trap');
        },
      },
    );
    let seen: unknown;
    const value = { fine: true };
    const handler = wrap(
      async (event: unknown, _c: unknown) => {
        seen = event;
        return value;
      },
      options(b.url, {
        scrub: () => {
          throw new Error('scrubber forced to fail');
        },
      }),
    );
    assert.equal(await handler(hostile, lambdaContext('req-hostile')), value);
    assert.equal(seen, hostile);
    const s = only(b);
    assert.equal(s.requestId, 'req-hostile');
    assert.equal(s.input, SCRUB_FAILED);
    // a hostile context too: the handler still runs and returns its value
    const ctx = new Proxy({}, { get: () => { throw new Error('context trap'); } });
    assert.equal(await handler({}, ctx), value);
  });
});

describe('wrap: a backend that is down never holds the function', () => {
  async function overhead(handler: (e: unknown, c: unknown) => Promise<unknown>, n: number): Promise<number[]> {
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      await handler({ i }, lambdaContext(`req-${i}`));
      times.push(performance.now() - t0);
    }
    return times.sort((x, y) => x - y);
  }

  test('refused connections: identical result, small added time, then exports are skipped', async () => {
    const o = options(await refusingUrl());
    const value = { n: 1 };
    const handler = wrap(async (_e: unknown, _c: unknown) => value, o);
    const times = await overhead(handler, 22);
    assert.ok((times[times.length - 1] ?? Infinity) < 100, `slowest ${times.at(-1)} ms`);
    assert.ok((times[11] ?? Infinity) < 2, `median with the breaker open ${times[11]} ms`);
    assert.equal(await handler({}, lambdaContext('last')), value);
    assert.equal(o.logs.length, 2, o.logs.join('\n'));
  });

  test('a hanging backend: bounded by the export timeout, then the breaker skips exports', async () => {
    const b = await backend('hang');
    const handler = wrap(async (_e: unknown, _c: unknown) => 'v', options(b.url, { exportTimeoutMs: 100 }));
    const t0 = performance.now();
    assert.equal(await handler({}, lambdaContext('h1')), 'v');
    const first = performance.now() - t0;
    assert.ok(first >= 95 && first < 400, `first invocation ${first} ms`);
    await handler({}, lambdaContext('h2'));
    const times = await overhead(handler, 5);
    assert.ok((times[2] ?? Infinity) < 2, `median with the breaker open ${times[2]} ms`);
  });

  test('a backend answering 500: identical results, the breaker opens after the threshold', async () => {
    const b = await backend('error500');
    const handler = wrap(async (_e: unknown, _c: unknown) => 'v', options(b.url));
    for (let i = 0; i < 5; i++) assert.equal(await handler({}, lambdaContext(`e${i}`)), 'v');
    assert.equal(b.received.length, 2);
  });
});

describe('startChildSpan', () => {
  test('spans started inside the handler are exported under the root; open ones end as unfinished', async () => {
    const b = await backend();
    assert.equal(startChildSpan('outside', 'client').spanId, '0'.repeat(16));
    const handler = wrap(async (_e: unknown, _c: unknown) => {
      const send = startChildSpan('SQS.SendMessage', 'producer', { 'rpc.service': 'SQS' });
      await sleep(5);
      send.setAttribute('nightjar.link.out', ['sqs:abc']);
      send.end();
      startChildSpan('GET example.com', 'client');
      return 'ok';
    }, options(b.url));
    assert.equal(await handler({}, lambdaContext('req-child')), 'ok');
    const spans = b.received[0]?.spans ?? [];
    assert.equal(spans.length, 3);
    const [root, send, open] = spans;
    assert.ok(root !== undefined && send !== undefined && open !== undefined);
    assert.equal(send.parentSpanId, root.spanId);
    assert.equal(send.traceId, root.traceId);
    assert.equal(send.kind, 'producer');
    assert.deepEqual(send.linkOut, ['sqs:abc']);
    assert.ok(send.durationNs >= 4_000_000);
    assert.equal(open.attributes['nightjar.span.unfinished'], 'true');
    assert.equal(open.status, 'error');
  });
});
