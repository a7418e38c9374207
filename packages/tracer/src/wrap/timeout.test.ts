// The timeout timer: fires at remaining - max(500 ms, min(remaining/10, 3 s)), marks the
// invocation, ends open child spans as unfinished and flushes while the handler still runs.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { lambdaContext, lambdaEnv } from '../../test/lambda-context.ts';
import { startBackend, type Backend } from '../../test/otlp-backend.ts';
import { ColdStart } from './cold-start.ts';
import { startChildSpan } from './current.ts';
import { timeoutDelayMs } from './timeout-delay.ts';
import { wrap } from './wrap.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const backends: Backend[] = [];
after(async () => {
  for (const b of backends) await b.close();
});

test('timeoutDelayMs: the margin is max(500 ms, min(remaining / 10, 3 s))', () => {
  assert.equal(timeoutDelayMs(700), 200);
  assert.equal(timeoutDelayMs(3_000), 2_500);
  assert.equal(timeoutDelayMs(10_000), 9_000);
  assert.equal(timeoutDelayMs(60_000), 57_000);
  assert.equal(timeoutDelayMs(900_000), 897_000);
  assert.equal(timeoutDelayMs(300), 0);
});

test('a handler running into its deadline: the span is flushed as a timeout while it still runs', async () => {
  const b = await startBackend();
  backends.push(b);
  let finished = false;
  const handler = wrap(
    async (_e: unknown, _c: unknown) => {
      const call = startChildSpan('DynamoDB.PutItem', 'client');
      await sleep(450);
      call.end();
      finished = true;
      return 'late';
    },
    { env: lambdaEnv(b.url), coldStart: new ColdStart(), exportTimeoutMs: 150, log: () => undefined },
  );
  const t0 = performance.now();
  const pending = handler({}, lambdaContext('req-timeout', 700));
  const [got] = await b.waitFor(1, 1_000);
  const at = performance.now() - t0;
  assert.equal(finished, false, 'flushed before the handler finished');
  assert.ok(at >= 190 && at < 420, `flushed after ${at} ms`);
  const [root, child] = got?.spans ?? [];
  assert.ok(root !== undefined && child !== undefined);
  assert.equal(root.status, 'error');
  assert.equal(root.statusMessage, 'invocation about to time out');
  assert.equal(root.attributes['nightjar.invocation.status'], 'timeout');
  assert.equal(child.parentSpanId, root.spanId);
  assert.equal(child.attributes['nightjar.span.unfinished'], 'true');
  assert.equal(await pending, 'late', 'the handler result is still returned');
  await sleep(30);
  assert.equal(b.received.length, 1, 'exported once');
});

test('a handler finishing in time clears the timer: one export, marked success', async () => {
  const b = await startBackend();
  backends.push(b);
  const handler = wrap(async (_e: unknown, _c: unknown) => 'quick', { env: lambdaEnv(b.url), coldStart: new ColdStart(), log: () => undefined });
  assert.equal(await handler({}, lambdaContext('req-quick', 600)), 'quick');
  await sleep(200);
  assert.equal(b.received.length, 1);
  assert.equal(b.received[0]?.spans[0]?.attributes['nightjar.invocation.status'], 'success');
});
