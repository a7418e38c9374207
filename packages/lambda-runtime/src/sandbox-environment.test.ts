// sandboxEnvironment: each new sandbox gets its own values (e.g. the port its extension listens on),
// on top of the function's environment.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { createLocalLambda } from './local-lambda.ts';

const codeDir = fileURLToPath(new URL('../test-fixtures', import.meta.url));
let n = 0;
const lambda = createLocalLambda({
  functions: [{ name: 'echo', handler: 'echo.handler', codeDir, environment: { MY_SETTING: 'function-wide' }, sandboxEnvironment: () => ({ MY_SETTING: `sandbox-${++n}` }) }],
});
after(() => lambda.close());

test('two sandboxes at once get different per-sandbox values; a warm sandbox keeps its own', async () => {
  const [a, b] = await Promise.all([lambda.invoke('echo', {}), lambda.invoke('echo', {})]);
  const env = (r: typeof a) => (r.payload as { env: Record<string, string> }).env.MY_SETTING;
  assert.notEqual((a.payload as { pid: number }).pid, (b.payload as { pid: number }).pid);
  assert.deepEqual(new Set([env(a), env(b)]), new Set(['sandbox-1', 'sandbox-2']));
  const c = await lambda.invoke('echo', {});
  assert.equal(c.coldStart, false);
  assert.ok(['sandbox-1', 'sandbox-2'].includes(env(c) ?? ''));
  assert.equal(n, 2);
});
