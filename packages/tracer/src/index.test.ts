// The package entry exposes the core modules, and the shipped code imports only node: built-ins.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import * as api from './index.ts';

test('the entry exports the core API', () => {
  for (const name of ['parseTrigger', 'producerLinkKeys', 'dynamoHash', 'addStepFunctionsLink', 'readStepFunctionsLink', 'scrubPayload', 'maskEnvironment', 'encodeTraceRequest', 'wrap', 'startChildSpan', 'readConfig', 'timeoutDelayMs']) {
    assert.equal(typeof (api as Record<string, unknown>)[name], 'function', name);
  }
});

test('zero runtime dependencies: non-test sources import only node: built-ins and relative files', () => {
  const dir = new URL('.', import.meta.url).pathname;
  const files: string[] = [];
  const walk = (d: string): void => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (n.endsWith('.ts') && !n.endsWith('.test.ts')) files.push(p);
    }
  };
  walk(dir);
  assert.ok(files.length > 10);
  for (const f of files) {
    for (const m of readFileSync(f, 'utf8').matchAll(/^(?:import|export)[^'"]*from\s+'([^']+)'/gm)) {
      const spec = m[1] ?? '';
      assert.ok(spec.startsWith('node:') || spec.startsWith('./') || spec.startsWith('../'), `${f} imports ${spec}`);
    }
  }
  const pkg = JSON.parse(readFileSync(join(dir, '..', 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  assert.deepEqual(pkg.dependencies ?? {}, {});
});
