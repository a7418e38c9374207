// Builds the tracer as plain JavaScript a Lambda can load, with no imports but node: built-ins:
//   <outDir>/index.mjs, <outDir>/index.cjs                      the package (ESM and CommonJS)
//   <outDir>/layer/nodejs/node_modules/@nightjar/lambda/...     the layer (package + handler.mjs)
//   <outDir>/layer/nightjar-wrapper                             the AWS_LAMBDA_EXEC_WRAPPER script
//   <outDir>/layer/extensions/nightjar                          the Lambda extension (one executable JS file)
// Usage: node --import tsx packages/tracer/scripts/build.ts [outDir]   (default packages/tracer/dist)
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const src = path.join(packageDir, 'src');

export interface BuildResult {
  outDir: string;
  layerDir: string;
  /** The layer's package folder (nodejs/node_modules/@nightjar/lambda). */
  layerPackageDir: string;
  wrapper: string;
  /** The external extension (/opt/extensions/nightjar): bundled CommonJS with a node shebang, executable. */
  extension: string;
  /** Bytes of each built file, by path relative to outDir. */
  sizes: Record<string, number>;
}

const common: BuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  minify: true,
  keepNames: true,
  legalComments: 'none',
  logLevel: 'silent',
  write: true,
};

/** The layer's handler imports the tracer lazily from its sibling file, never bundled in. */
const tracerStaysExternal: Plugin = {
  name: 'tracer-external',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/index\.ts$/ }, () => ({ path: './index.mjs', external: true }));
  },
};

export async function buildTracer(outDir = path.join(packageDir, 'dist')): Promise<BuildResult> {
  rmSync(outDir, { recursive: true, force: true });
  const layerDir = path.join(outDir, 'layer');
  const layerPackageDir = path.join(layerDir, 'nodejs', 'node_modules', '@nightjar', 'lambda');
  mkdirSync(layerPackageDir, { recursive: true });
  const extension = path.join(layerDir, 'extensions', 'nightjar');
  mkdirSync(path.dirname(extension), { recursive: true });
  const entry = path.join(src, 'index.ts');
  await Promise.all([
    build({ ...common, entryPoints: [entry], format: 'esm', outfile: path.join(outDir, 'index.mjs') }),
    build({ ...common, entryPoints: [entry], format: 'cjs', outfile: path.join(outDir, 'index.cjs') }),
    build({ ...common, entryPoints: [path.join(src, 'layer', 'handler.ts')], format: 'esm', outfile: path.join(layerPackageDir, 'handler.mjs'), plugins: [tracerStaysExternal] }),
    // Lambda runs every file in /opt/extensions: one self-contained executable, CommonJS (no extension, no package.json)
    build({ ...common, entryPoints: [path.join(src, 'extension', 'extension-main.ts')], format: 'cjs', outfile: extension, banner: { js: '#!/usr/bin/env node' } }),
  ]);
  chmodSync(extension, 0o755);
  const pkg = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { name: string; version: string; description: string; license: string };
  const manifest = {
    name: pkg.name,
    version: pkg.version,
    description: pkg.description,
    license: pkg.license,
    main: './index.cjs',
    module: './index.mjs',
    exports: { '.': { import: './index.mjs', require: './index.cjs' }, './handler': './handler.mjs' },
    sideEffects: false,
  };
  const files = ['index.mjs', 'index.cjs'];
  for (const f of files) copyFileSync(path.join(outDir, f), path.join(layerPackageDir, f));
  writeFileSync(path.join(outDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(path.join(layerPackageDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const wrapper = path.join(layerDir, 'nightjar-wrapper');
  copyFileSync(path.join(src, 'layer', 'nightjar-wrapper.sh'), wrapper);
  chmodSync(wrapper, 0o755);
  const sizes: Record<string, number> = {};
  for (const p of [...files, 'layer/nodejs/node_modules/@nightjar/lambda/handler.mjs', 'layer/nightjar-wrapper', 'layer/extensions/nightjar']) {
    sizes[p] = statSync(path.join(outDir, p)).size;
  }
  return { outDir, layerDir, layerPackageDir, wrapper, extension, sizes };
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const r = await buildTracer(process.argv[2] === undefined ? undefined : path.resolve(process.argv[2]));
  for (const [file, bytes] of Object.entries(r.sizes)) console.log(`${path.join(path.relative(process.cwd(), r.outDir), file)}\t${(bytes / 1024).toFixed(1)} KB`);
}
