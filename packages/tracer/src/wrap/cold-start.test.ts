// faas.coldstart: the process's first invocation only (this file runs in its own process).
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { lambdaContext, lambdaEnv } from '../../test/lambda-context.ts';
import { startBackend } from '../../test/otlp-backend.ts';
import { ColdStart } from './cold-start.ts';
import { wrap } from './wrap.ts';

test('only the first invocation of the process is a cold start, across wrapped handlers', async () => {
  const b = await startBackend();
  after(() => b.close());
  const first = wrap(async (_e: unknown, _c: unknown) => 1, { env: lambdaEnv(b.url), log: () => undefined });
  const second = wrap(async (_e: unknown, _c: unknown) => 2, { env: lambdaEnv(b.url), log: () => undefined });
  await first({}, lambdaContext('c1'));
  await first({}, lambdaContext('c2'));
  await second({}, lambdaContext('c3'));
  assert.deepEqual(
    b.received.map((r) => [r.spans[0]?.requestId, r.spans[0]?.coldStart]),
    [
      ['c1', true],
      ['c2', false],
      ['c3', false],
    ],
  );
});

test('sandboxes initialised ahead of demand never report a cold start', () => {
  assert.equal(new ColdStart().take('provisioned-concurrency'), false);
  assert.equal(new ColdStart().take('snap-start'), false);
  const onDemand = new ColdStart();
  assert.equal(onDemand.take('on-demand'), true);
  assert.equal(onDemand.take('on-demand'), false);
  assert.equal(new ColdStart().take(undefined), true);
});
