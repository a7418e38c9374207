// A warm instance serves many invocations over one keep-alive connection to the Runtime API
// without leaking listeners (a per-/next socket listener used to trip MaxListenersExceededWarning),
// and so do its extensions' long polls of the Extensions API.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { createLocalLambda } from './local-lambda.ts';

const codeDir = fileURLToPath(new URL('../test-fixtures', import.meta.url));
const lambda = createLocalLambda({
  functions: [
    { name: 'echo', handler: 'echo.handler', codeDir },
    { name: 'echo-ext', handler: 'echo.handler', codeDir, extensions: [`${codeDir}/extensions/minimal.mjs`] },
  ],
});
after(() => lambda.close());

for (const fn of ['echo', 'echo-ext'])
test(`25 invocations of one warm ${fn} instance: one process, no listener warnings`, async () => {
  const warnings: string[] = [];
  const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
  process.on('warning', onWarning);
  try {
    const results = [];
    for (let i = 0; i < 25; i++) results.push(await lambda.invoke(fn, { i }));
    assert.equal(results.filter((r) => r.coldStart).length, 1);
    assert.equal(new Set(results.map((r) => r.logStreamName)).size, 1);
    assert.equal(lambda.instanceCount(fn), 1);
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(warnings.filter((w) => w.includes('MaxListeners')), []);
  } finally {
    process.off('warning', onWarning);
  }
});
