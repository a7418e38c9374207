// Without a resolvable @opentelemetry/api the bridge loads and registers nothing.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { lambdaContext, lambdaEnv } from '../../test/lambda-context.ts';
import { startBackend } from '../../test/otlp-backend.ts';
import { ColdStart } from '../wrap/cold-start.ts';
import { wrap } from '../wrap/wrap.ts';
import { installOtelBridge, loadOtelApi } from './install.ts';
import { OTEL_GLOBAL_KEY } from './otel-types.ts';

test('no @opentelemetry/api under LAMBDA_TASK_ROOT: wrap() works, nothing is loaded or registered', async () => {
  const taskRoot = mkdtempSync(join(tmpdir(), 'nightjar-no-otel-'));
  assert.equal(loadOtelApi([taskRoot]), undefined);
  const b = await startBackend('ok');
  try {
    const logs: string[] = [];
    const env = lambdaEnv(b.url, { LAMBDA_TASK_ROOT: taskRoot });
    const handler = wrap(async (_event: unknown, _c: unknown) => 'ok', { env, coldStart: new ColdStart(), log: (l) => logs.push(l) });
    assert.equal(await handler({}, lambdaContext('req-absent')), 'ok');
    assert.equal(b.received[0]?.spans.length, 1);
    assert.equal(installOtelBridge(env, () => undefined), 'absent', 'the first wrap() found no API');
    assert.equal((globalThis as Record<symbol, unknown>)[OTEL_GLOBAL_KEY], undefined, 'no OpenTelemetry globals');
    assert.ok(!Object.keys((await import('node:module')).createRequire(import.meta.url).cache).some((k) => k.includes('@opentelemetry')), 'the API was not loaded');
    assert.deepEqual(logs, []);
  } finally {
    await b.close();
  }
});

test('no LAMBDA_TASK_ROOT: nothing to resolve from', () => {
  assert.equal(loadOtelApi([]), undefined);
});
