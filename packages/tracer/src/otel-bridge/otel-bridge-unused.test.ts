// A function that has @opentelemetry/api installed but never loads it pays nothing: the bridge
// does not load the API (measured: ~12 ms of cold start) and registers nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { otelApiLoaded } from './install.ts';

test('otelApiLoaded looks for the API in the module cache', () => {
  assert.equal(otelApiLoaded({ '/var/task/node_modules/@opentelemetry/api/build/src/index.js': {} }), true);
  assert.equal(otelApiLoaded({ '/var/task/node_modules/@opentelemetry/api-logs/build/src/index.js': {} }), false);
  assert.equal(otelApiLoaded({}), false);
});

test('installed but unused: the API stays unloaded and the state is absent', () => {
  const install = fileURLToPath(new URL('./install.ts', import.meta.url));
  const repo = fileURLToPath(new URL('../../../..', import.meta.url)); // @opentelemetry/api resolves from here
  const script = `
    const { createRequire } = await import('node:module');
    const { installOtelBridge } = await import(${JSON.stringify(install)});
    const state = installOtelBridge({ LAMBDA_TASK_ROOT: ${JSON.stringify(repo)} }, () => {});
    const loaded = Object.keys(createRequire(${JSON.stringify(repo + '/x.js')}).cache).some((k) => k.includes('/@opentelemetry/api/'));
    console.log(JSON.stringify({ state, loaded }));`;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.deepEqual(JSON.parse(out.trim().split('\n').pop()!), { state: 'absent', loaded: false });
});
