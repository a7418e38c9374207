// buildShop: every function bundled into <out>/functions/<name>/index.mjs and loadable, the tracer
// bundled only where the catalog says wrap(), the layer built once, an unchanged tree reused.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildShop, type BuiltShop } from './build-functions.ts';
import { SHOP_FUNCTIONS } from './catalog.ts';

describe('buildShop', () => {
  let dir: string;
  let built: BuiltShop;

  before(async () => {
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
    dir = mkdtempSync(path.join(tmpdir(), 'shop-build-'));
    built = await buildShop(dir);
  });
  after(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('bundles every catalog function into functions/<name>/index.mjs, and each one loads with a handler', async () => {
    assert.equal(built.reused, false);
    assert.ok(built.durationMs > 0);
    console.log(`# built ${SHOP_FUNCTIONS.length} functions and the layer in ${built.durationMs} ms`);
    assert.deepEqual(Object.keys(built.functions).sort(), SHOP_FUNCTIONS.map((f) => f.name).sort());
    for (const f of SHOP_FUNCTIONS) {
      const b = built.functions[f.name];
      assert.ok(b, f.name);
      assert.equal(b.entry, path.join(dir, 'functions', f.name, 'index.mjs'));
      assert.equal(statSync(b.entry).size, b.bytes);
      const mod = (await import(pathToFileURL(b.entry).href)) as { handler?: unknown };
      assert.equal(typeof mod.handler, 'function', `${f.name} exports a handler`);
    }
  });

  it('bundles the AWS SDK in and the tracer only into wrap() functions', () => {
    const only = (name: string): string => readFileSync(built.functions[name]!.entry, 'utf8');
    for (const f of SHOP_FUNCTIONS) {
      const code = only(f.name);
      assert.doesNotMatch(code, /from ["']@aws-sdk\//, `${f.name}: no SDK import left`);
      assert.doesNotMatch(code, /from ["']@nightjar\//, `${f.name}: no workspace import left`);
      assert.equal(code.includes('NIGHTJAR_ENDPOINT'), f.tracing === 'wrap', `${f.name} (${f.tracing})`);
    }
    assert.match(only('daily-report'), /ScanCommand/);
  });

  it('builds the tracer layer: exec wrapper, handler module, extension', () => {
    const { tracer } = built;
    assert.equal(tracer.outDir, path.join(dir, 'tracer'));
    for (const file of [tracer.wrapper, tracer.extension, path.join(tracer.layerPackageDir, 'handler.mjs'), path.join(tracer.layerPackageDir, 'index.mjs')]) {
      assert.ok(existsSync(file), file);
    }
    assert.ok((statSync(tracer.wrapper).mode & 0o111) !== 0, 'the wrapper is executable');
  });

  it('reuses an unchanged build and rebuilds when forced', async () => {
    const again = await buildShop(dir);
    assert.equal(again.reused, true);
    assert.deepEqual(again.functions, built.functions);
    const forced = await buildShop(dir, { force: true });
    assert.equal(forced.reused, false);
    assert.ok(existsSync(forced.functions['orders-api']!.entry));
  });
});
