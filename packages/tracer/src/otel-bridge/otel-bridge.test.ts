// The @opentelemetry/api bridge with the real API (1.9.1): wrap()-ed handlers that use
// trace.getTracer().startActiveSpan(...) export the user's spans in the invocation's trace.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { after, describe, test } from 'node:test';
import { context, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import type { SpanRow } from '@nightjar/model';
import { lambdaContext, lambdaEnv } from '../../test/lambda-context.ts';
import { startBackend, type Backend } from '../../test/otlp-backend.ts';
import { ColdStart } from '../wrap/cold-start.ts';
import { startChildSpan } from '../wrap/current.ts';
import { wrap, type WrapOptions } from '../wrap/wrap.ts';
import { installOtelBridge } from './install.ts';

const TASK_ROOT = fileURLToPath(new URL('../..', import.meta.url)); // packages/tracer: resolves @opentelemetry/api

const backends: Backend[] = [];
after(async () => {
  for (const b of backends) await b.close();
});
async function backend(): Promise<Backend> {
  const b = await startBackend('ok');
  backends.push(b);
  return b;
}

const logs: string[] = [];
function options(endpoint: string): WrapOptions {
  return {
    env: lambdaEnv(endpoint, { LAMBDA_TASK_ROOT: TASK_ROOT }),
    coldStart: new ColdStart(),
    exportTimeoutMs: 500,
    log: (l: string) => logs.push(l),
  };
}

function byName(spans: SpanRow[], name: string): SpanRow {
  const s = spans.find((x) => x.name === name);
  assert.ok(s !== undefined, `no span named ${name} in ${spans.map((x) => x.name).join(', ')}`);
  return s;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('otel bridge: user spans through @opentelemetry/api', () => {
  test('before any wrap(), the API has no provider: spans are non-recording', () => {
    const span = trace.getTracer('x').startSpan('early');
    assert.equal(span.isRecording(), false);
    span.end();
  });

  test('startActiveSpan nesting: root -> work -> nested, attributes, events, status, kind', async () => {
    const b = await backend();
    const handler = wrap(async (_event: unknown, _c: unknown) => {
      const tracer = trace.getTracer('orders-code', '2.1.0');
      return tracer.startActiveSpan('work', async (span: Span) => {
        assert.equal(span.isRecording(), true);
        assert.equal(trace.getActiveSpan(), span);
        span.setAttribute('s', 'text');
        span.setAttributes({ n: 42, d: 1.5, b: true, sa: ['a', 'b'], na: [1, 2], ba: [true, false] });
        span.setAttribute('bad', { nested: 'object' } as unknown as string);
        span.addEvent('cache-miss', { key: 'k1' });
        await sleep(2);
        await tracer.startActiveSpan('nested', { kind: SpanKind.CLIENT, attributes: { 'peer.service': 'db' } }, async (inner: Span) => {
          assert.equal(trace.getActiveSpan(), inner);
          inner.updateName('nested-renamed');
          inner.recordException(new Error('db timeout'));
          inner.setStatus({ code: SpanStatusCode.ERROR, message: 'db failed' });
          await sleep(1);
          inner.end();
        });
        assert.equal(trace.getActiveSpan(), span, 'the outer span is active again');
        span.setStatus({ code: SpanStatusCode.OK });
        span.end();
        assert.equal(span.isRecording(), false);
        return { statusCode: 200 };
      });
    }, options(b.url));
    const result = await handler({}, lambdaContext('req-otel-1'));
    assert.deepEqual(result, { statusCode: 200 });
    assert.deepEqual(logs, []);
    const spans = b.received[0]?.spans ?? [];
    assert.equal(spans.length, 3);
    const root = byName(spans, 'orders');
    const work = byName(spans, 'work');
    const nested = byName(spans, 'nested-renamed');
    assert.equal(root.parentSpanId, '');
    assert.equal(work.traceId, root.traceId);
    assert.equal(nested.traceId, root.traceId);
    assert.equal(work.parentSpanId, root.spanId);
    assert.equal(nested.parentSpanId, work.spanId);
    assert.equal(work.kind, 'internal');
    assert.equal(nested.kind, 'client');
    assert.equal(work.status, 'ok');
    assert.equal(nested.status, 'error');
    assert.equal(nested.statusMessage, 'db failed');
    assert.equal(nested.errorType, 'Error');
    assert.equal(nested.events[0]?.name, 'exception');
    assert.equal(nested.events[0]?.attributes['exception.message'], 'db timeout');
    assert.equal(nested.attributes['peer.service'], 'db');
    const a = work.attributes;
    assert.equal(a['s'], 'text');
    assert.equal(a['n'], '42');
    assert.equal(a['d'], '1.5');
    assert.equal(a['b'], 'true');
    assert.equal(a['otel.scope.name'], 'orders-code');
    assert.equal(a['otel.scope.version'], '2.1.0');
    assert.ok(!('bad' in a), 'an invalid attribute value is ignored');
    assert.deepEqual(JSON.parse(a['sa'] ?? ''), ['a', 'b']);
    assert.deepEqual(JSON.parse(a['na'] ?? ''), ['1', '2'], 'number arrays as string arrays');
    assert.deepEqual(JSON.parse(a['ba'] ?? ''), ['true', 'false']);
    assert.deepEqual(work.events.map((e) => [e.name, e.attributes['key']]), [['cache-miss', 'k1']]);
    assert.ok(BigInt(nested.startNs) >= BigInt(work.startNs));
    assert.ok(work.durationNs >= nested.durationNs);
    assert.equal(root.status, 'unset', 'the handler succeeded');
  });

  test('the active span without a user span is the root span: attributes, events, its span context', async () => {
    const b = await backend();
    const injected: Record<string, string> = {};
    const handler = wrap(async (_event: unknown, _c: unknown) => {
      const active = trace.getActiveSpan();
      assert.ok(active !== undefined);
      active.setAttribute('user.plan', 'pro');
      active.addEvent('checkpoint');
      active.end(); // does not end the invocation
      const sc = active.spanContext();
      injected['traceparent'] = `00-${sc.traceId}-${sc.spanId}-0${sc.traceFlags}`;
      const manual = trace.getTracer('x').startSpan('manual');
      manual.end();
      return 'ok';
    }, options(b.url));
    await handler({}, lambdaContext('req-otel-2'));
    const spans = b.received[0]?.spans ?? [];
    const root = byName(spans, 'orders');
    assert.equal(root.attributes['user.plan'], 'pro');
    assert.ok(root.events.some((e) => e.name === 'checkpoint'));
    assert.equal(byName(spans, 'manual').parentSpanId, root.spanId);
    assert.equal(injected['traceparent'], `00-${root.traceId}-${root.spanId}-01`);
  });

  test('context.with, explicit parents, root: true, and our instrumentation spans under the root', async () => {
    const b = await backend();
    const handler = wrap(async (_event: unknown, _c: unknown) => {
      const tracer = trace.getTracer('x');
      const parent = tracer.startSpan('parent');
      const ctx = trace.setSpan(context.active(), parent);
      await context.with(ctx, async () => {
        await sleep(1);
        tracer.startSpan('in-with').end();
      });
      tracer.startSpan('explicit', {}, ctx).end();
      context.with(ctx, () => tracer.startSpan('detached', { root: true }).end());
      context.with(ROOT_CONTEXT, () => tracer.startSpan('from-root-context').end());
      startChildSpan('ours', 'client').end();
      parent.end();
      return 'ok';
    }, options(b.url));
    await handler({}, lambdaContext('req-otel-3'));
    const spans = b.received[0]?.spans ?? [];
    const root = byName(spans, 'orders');
    const parent = byName(spans, 'parent');
    assert.equal(parent.parentSpanId, root.spanId);
    assert.equal(byName(spans, 'in-with').parentSpanId, parent.spanId);
    assert.equal(byName(spans, 'explicit').parentSpanId, parent.spanId);
    assert.equal(byName(spans, 'detached').parentSpanId, root.spanId, 'root: true -> under the invocation');
    assert.equal(byName(spans, 'from-root-context').parentSpanId, root.spanId);
    assert.equal(byName(spans, 'ours').parentSpanId, root.spanId);
    for (const s of spans) assert.equal(s.traceId, root.traceId);
  });

  test('concurrent invocations keep their own traces and parents', async () => {
    const b = await backend();
    const handler = wrap(async (event: { n: number }, _c: unknown) => {
      const tracer = trace.getTracer('x');
      return tracer.startActiveSpan(`outer-${event.n}`, async (outer: Span) => {
        await sleep(5 - event.n);
        tracer.startActiveSpan(`inner-${event.n}`, (inner: Span) => inner.end());
        outer.end();
        return event.n;
      });
    }, options(b.url));
    const results = await Promise.all([1, 2, 3].map((n) => handler({ n }, lambdaContext(`req-c${n}`))));
    assert.deepEqual(results, [1, 2, 3]);
    const all = b.received.flatMap((r) => r.spans);
    for (const n of [1, 2, 3]) {
      const outer = byName(all, `outer-${n}`);
      const inner = byName(all, `inner-${n}`);
      const root = all.find((s) => s.requestId === `req-c${n}`);
      assert.ok(root !== undefined);
      assert.equal(outer.traceId, root.traceId);
      assert.equal(outer.parentSpanId, root.spanId);
      assert.equal(inner.parentSpanId, outer.spanId);
    }
  });

  test('a user span left open ends with the invocation, marked unfinished; a throwing handler keeps its error', async () => {
    const b = await backend();
    const boom = new Error('boom');
    const handler = wrap(async (_event: unknown, _c: unknown) => {
      trace.getTracer('x').startSpan('left-open');
      throw boom;
    }, options(b.url));
    await assert.rejects(handler({}, lambdaContext('req-otel-4')), (e) => e === boom);
    const spans = b.received[0]?.spans ?? [];
    assert.equal(byName(spans, 'left-open').attributes['nightjar.span.unfinished'], 'true');
    assert.equal(byName(spans, 'orders').status, 'error');
  });

  test('outside an invocation user spans are non-recording and harmless', () => {
    const tracer = trace.getTracer('x');
    const span = tracer.startSpan('outside');
    assert.equal(span.isRecording(), false);
    span.setAttribute('a', 1).addEvent('e').setStatus({ code: SpanStatusCode.ERROR }).updateName('n');
    span.recordException(new Error('x'));
    span.end();
    const result = tracer.startActiveSpan('outside-active', (s: Span) => {
      assert.equal(s.isRecording(), false);
      s.end();
      return 7;
    });
    assert.equal(result, 7);
    assert.equal(trace.getActiveSpan(), undefined);
  });

  test('installed once per process; a later wrap() does not register again', () => {
    assert.equal(installOtelBridge({ LAMBDA_TASK_ROOT: TASK_ROOT }, (l) => logs.push(l)), 'installed');
    assert.deepEqual(logs, []);
  });
});
