// Concurrency gets its own processes; idle instances are reused, then reaped; the exec wrapper is
// honoured.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { createLocalLambda } from './local-lambda.ts';

const codeDir = fileURLToPath(new URL('../test-fixtures', import.meta.url));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('instance pool', () => {
  const lambda = createLocalLambda({
    idleTimeoutMs: 400,
    functions: [
      { name: 'sleeper', handler: 'failing.sleeps', codeDir },
      { name: 'wrapped', handler: 'echo.handler', codeDir, environment: { AWS_LAMBDA_EXEC_WRAPPER: `${codeDir}/wrapper.sh` } },
      { name: 'wrapped-by-option', handler: 'echo.handler', codeDir, execWrapper: `${codeDir}/wrapper.sh` },
      { name: 'deployable', handler: 'echo.handler', codeDir },
      { name: 'reserved', handler: 'failing.sleeps', codeDir, reservedConcurrency: 1 },
    ],
  });
  after(() => lambda.close());

  it('runs two concurrent invocations in two instances, then reuses a warm one', async () => {
    const [a, b] = await Promise.all([lambda.invoke('sleeper', { ms: 150 }), lambda.invoke('sleeper', { ms: 150 })]);
    const pa = (a.payload as { pid: number }).pid;
    const pb = (b.payload as { pid: number }).pid;
    assert.notEqual(pa, pb);
    assert.equal(a.coldStart && b.coldStart, true);
    assert.notEqual(a.logStreamName, b.logStreamName);
    assert.equal(lambda.instanceCount('sleeper'), 2);
    const c = await lambda.invoke('sleeper', { ms: 1 });
    assert.equal(c.coldStart, false);
    assert.ok([pa, pb].includes((c.payload as { pid: number }).pid));
  });

  it('reaps idle instances after the idle time (their processes end) and starts cold again', async () => {
    const r = await lambda.invoke('sleeper', { ms: 1 });
    const pid = (r.payload as { pid: number }).pid;
    await sleep(700);
    assert.equal(lambda.instanceCount('sleeper'), 0);
    assert.equal(alive(pid), false);
    const again = await lambda.invoke('sleeper', { ms: 1 });
    assert.equal(again.coldStart, true);
  });

  it('throttles invocations beyond reserved concurrency (429 TooManyRequestsException)', async () => {
    const [a, b] = await Promise.all([lambda.invoke('reserved', { ms: 100 }), lambda.invoke('reserved', { ms: 100 })]);
    assert.equal(a.status, 'success');
    assert.equal(b.status, 'throttled');
    assert.equal(b.statusCode, 429);
    assert.equal(b.errorType, 'TooManyRequestsException');
    assert.equal(lambda.instanceCount('reserved'), 1);
    const c = await lambda.invoke('reserved', { ms: 1 });
    assert.equal(c.status, 'success');
  });

  it('deploy() replaces a function: its instances stop, the next invocation runs the new version cold', async () => {
    const before = await lambda.invoke('deployable', {});
    const oldPid = (before.payload as { pid: number }).pid;
    await lambda.deploy({ name: 'deployable', handler: 'echo.handler', codeDir, version: '2', environment: { MY_SETTING: 'v2' } });
    assert.equal(alive(oldPid), false);
    const after = await lambda.invoke('deployable', {});
    assert.equal(after.coldStart, true);
    assert.equal(after.executedVersion, '2');
    assert.equal((after.payload as { env: Record<string, string> }).env['MY_SETTING'], 'v2');
  });

  it('launches the runtime through AWS_LAMBDA_EXEC_WRAPPER with the runtime command as its arguments', async () => {
    for (const name of ['wrapped', 'wrapped-by-option']) {
      const r = await lambda.invoke(name, {});
      const env = (r.payload as { env: Record<string, string> }).env;
      assert.equal(env['WRAPPED_BY'], 'nightjar-wrapper', name);
      assert.equal(env['AWS_LAMBDA_EXEC_WRAPPER'], `${codeDir}/wrapper.sh`);
    }
  });
});
