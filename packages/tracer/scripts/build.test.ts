// The build: ESM and CommonJS bundles that import nothing but node: built-ins and load in a plain
// node process outside the repository, and the layer layout with an executable wrapper.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildTracer, type BuildResult } from './build.ts';

describe('buildTracer', () => {
  let root: string;
  let built: BuildResult;
  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'nightjar-build-'));
    built = await buildTracer(path.join(root, 'dist'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('writes the bundles and the layer layout', () => {
    const pkgDir = 'layer/nodejs/node_modules/@nightjar/lambda';
    for (const f of ['index.mjs', 'index.cjs', 'package.json', `${pkgDir}/index.mjs`, `${pkgDir}/index.cjs`, `${pkgDir}/handler.mjs`, `${pkgDir}/package.json`, 'layer/nightjar-wrapper']) {
      assert.ok(statSync(path.join(built.outDir, f)).isFile(), f);
    }
    assert.equal(statSync(built.wrapper).mode & 0o111, 0o111, 'the wrapper is executable');
    assert.equal(built.layerPackageDir, path.join(built.outDir, pkgDir));
    const manifest = JSON.parse(readFileSync(path.join(built.layerPackageDir, 'package.json'), 'utf8')) as { name: string; exports: unknown; dependencies?: unknown };
    assert.equal(manifest.name, '@nightjar/lambda');
    assert.equal(manifest.dependencies, undefined);
    assert.deepEqual(manifest.exports, { '.': { import: './index.mjs', require: './index.cjs' }, './handler': './handler.mjs' });
    for (const [file, bytes] of Object.entries(built.sizes)) assert.ok(bytes > 0 && bytes < 200_000, `${file}: ${bytes} bytes`);
  });

  it('the bundles import only node: built-ins (the handler imports the tracer lazily from ./index.mjs)', () => {
    const specifiers = (file: string): string[] => {
      const text = readFileSync(path.join(built.outDir, file), 'utf8');
      return [...text.matchAll(/(?:from\s*|import\s*\(\s*|require\s*\(\s*)["']([^"']+)["']/g)].map((m) => m[1] ?? '');
    };
    for (const file of ['index.mjs', 'index.cjs']) {
      const specs = specifiers(file);
      assert.ok(specs.length > 0, file);
      assert.deepEqual(specs.filter((s) => !s.startsWith('node:')), [], file);
    }
    const handlerSpecs = specifiers('layer/nodejs/node_modules/@nightjar/lambda/handler.mjs');
    assert.deepEqual(handlerSpecs.filter((s) => !s.startsWith('node:')), ['./index.mjs']);
  });

  it('both bundles load in a plain node process (no TypeScript loader, no node_modules) with the same API', () => {
    const script = `
      const esm = await import(${JSON.stringify(path.join(built.outDir, 'index.mjs'))});
      const { createRequire } = await import('node:module');
      const cjs = createRequire(import.meta.url)(${JSON.stringify(path.join(built.outDir, 'index.cjs'))});
      const names = (m) => Object.keys(m).filter((k) => k !== 'default' && k !== '__esModule').sort();
      const handler = async () => 1;
      console.log(JSON.stringify({ esm: names(esm), cjs: names(cjs), wrapType: typeof esm.wrap, same: cjs.wrap(handler, { disabled: true }) === handler }));
    `;
    const out = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } })) as { esm: string[]; cjs: string[]; wrapType: string; same: boolean };
    assert.deepEqual(out.cjs, out.esm);
    for (const name of ['wrap', 'startChildSpan', 'parseTrigger', 'scrubPayload', 'encodeTraceRequest']) assert.ok(out.esm.includes(name), name);
    assert.equal(out.wrapType, 'function');
    assert.equal(out.same, true);
  });
});
