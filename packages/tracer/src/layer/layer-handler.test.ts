// The layer handler in-process: the original loaded from NIGHTJAR_ORIGINAL_HANDLER, wrapped once;
// the original untraced when the tracer fails to load or to wrap; the runtime's errors otherwise.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLayerHandler, type TracerModule } from './layer-handler.ts';
import type { AnyHandler } from './load-original.ts';

describe('createLayerHandler', () => {
  let dir: string;
  const lines: string[] = [];
  const log = (l: string): void => void lines.push(l);
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'nightjar-layer-'));
    writeFileSync(path.join(dir, 'fn.cjs'), 'exports.api = { v1: { handler: async (e) => ({ echo: e }) } };\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  const env = (handler?: string): Record<string, string | undefined> => ({ LAMBDA_TASK_ROOT: dir, NIGHTJAR_ORIGINAL_HANDLER: handler });

  it('wraps the original handler (nested CommonJS export) exactly once', async () => {
    const wrapped: AnyHandler[] = [];
    const tracer: TracerModule = {
      wrap: (h) => {
        wrapped.push(h);
        return async (e: unknown) => ({ traced: await h(e) });
      },
    };
    const h = await createLayerHandler(env('fn.api.v1.handler'), async () => tracer, log);
    assert.equal(wrapped.length, 1);
    assert.deepEqual(await h({ n: 1 }), { traced: { echo: { n: 1 } } });
  });

  it('runs the original untraced when the tracer fails to load or to wrap', async () => {
    const loadFails = await createLayerHandler(env('fn.api.v1.handler'), () => Promise.reject(new Error('no tracer')), log);
    assert.deepEqual(await loadFails(2), { echo: 2 });
    const wrapThrows = await createLayerHandler(env('fn.api.v1.handler'), async () => ({ wrap: () => { throw new Error('wrap broke'); } }), log);
    assert.deepEqual(await wrapThrows(3), { echo: 3 });
    const wrapReturnsJunk = await createLayerHandler(env('fn.api.v1.handler'), async () => ({ wrap: () => 'junk' as unknown as AnyHandler }), log);
    assert.deepEqual(await wrapReturnsJunk(4), { echo: 4 });
    assert.equal(lines.filter((l) => l.includes('untraced')).length, 3);
  });

  it('fails as the runtime would when the original cannot be loaded, without touching the tracer', async () => {
    let loaded = false;
    const tracer = async (): Promise<TracerModule> => {
      loaded = true;
      return { wrap: (h) => h };
    };
    await assert.rejects(createLayerHandler(env('fn.api.v2.handler'), tracer, log), { name: 'Runtime.HandlerNotFound', message: 'fn.api.v2.handler is undefined or not exported' });
    await assert.rejects(createLayerHandler(env('missing.handler'), tracer, log), { name: 'Runtime.ImportModuleError', message: "Error: Cannot find module 'missing'" });
    await assert.rejects(createLayerHandler(env('nodot'), tracer, log), { name: 'Runtime.MalformedHandlerName', message: 'Bad handler nodot' });
    await assert.rejects(createLayerHandler(env(undefined), tracer, log), { name: 'Runtime.HandlerNotFound' });
    assert.equal(loaded, false);
  });
});
