// The function's code registered its own TracerProvider before wrap(): it is left alone (logged
// once); the bridge still provides the ContextManager nobody registered.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { context, INVALID_SPAN_CONTEXT, trace, type Tracer, type TracerProvider } from '@opentelemetry/api';
import { lambdaContext, lambdaEnv } from '../../test/lambda-context.ts';
import { startBackend } from '../../test/otlp-backend.ts';
import { ColdStart } from '../wrap/cold-start.ts';
import { wrap } from '../wrap/wrap.ts';
import { installOtelBridge } from './install.ts';

const TASK_ROOT = fileURLToPath(new URL('../..', import.meta.url));

test("a TracerProvider registered by the user's code is kept; logged once; their tracer is used", async () => {
  const requested: string[] = [];
  const started: string[] = [];
  const userTracer = {
    startSpan(name: string) {
      started.push(name);
      return trace.wrapSpanContext(INVALID_SPAN_CONTEXT);
    },
  } as unknown as Tracer;
  const userProvider: TracerProvider = {
    getTracer(name) {
      requested.push(name);
      return userTracer;
    },
  };
  assert.equal(trace.setGlobalTracerProvider(userProvider), true);
  const b = await startBackend('ok');
  try {
    const logs: string[] = [];
    const env = lambdaEnv(b.url, { LAMBDA_TASK_ROOT: TASK_ROOT });
    const opts = { env, coldStart: new ColdStart(), log: (l: string) => logs.push(l) };
    const handler = wrap(async (_event: unknown, _c: unknown) => {
      trace.getTracer('app').startSpan('theirs').end();
      return context.active() !== undefined;
    }, opts);
    wrap(async (_event: unknown, _c: unknown) => 'second', opts);
    assert.equal(await handler({}, lambdaContext('req-existing')), true);
    assert.deepEqual(requested, ['app'], "the user's provider served the tracer");
    assert.deepEqual(started, ['theirs']);
    assert.equal(logs.length, 1, logs.join('\n'));
    assert.match(logs[0] ?? '', /already has a TracerProvider registered/);
    assert.equal(installOtelBridge(env, () => undefined), 'partial');
    const spans = b.received[0]?.spans ?? [];
    assert.deepEqual(spans.map((s) => s.name), ['orders'], 'their span is not in our trace');
  } finally {
    await b.close();
  }
});
