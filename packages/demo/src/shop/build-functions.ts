// Builds the shop as deployment packages: each function bundled by esbuild (AWS SDK and, for wrap()
// functions, @nightjar/lambda inside) into <outDir>/functions/<name>/index.mjs, plus the tracer's
// layer once into <outDir>/tracer; all in parallel, skipped when the sources' content hash is unchanged.
import { build } from 'esbuild';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildTracer, type BuildResult } from '@nightjar/lambda/build';
import { SHOP_FUNCTIONS } from './catalog.ts';
import { sourceStamp } from './source-stamp.ts';

export const FUNCTIONS_SRC = fileURLToPath(new URL('../../functions', import.meta.url));
const TRACER_DIR = fileURLToPath(new URL('../../../tracer', import.meta.url));
const LOCKFILE = fileURLToPath(new URL('../../../../package-lock.json', import.meta.url));

export interface BuiltFunction {
  /** The function's code folder (LAMBDA_TASK_ROOT). */
  dir: string;
  /** <dir>/index.mjs */
  entry: string;
  bytes: number;
}

export interface BuiltShop {
  outDir: string;
  functions: Record<string, BuiltFunction>;
  tracer: BuildResult;
  /** Wall time of this build (0 when reused). */
  durationMs: number;
  /** The previous build was still current and was reused. */
  reused: boolean;
}

/** ESM bundles of CommonJS dependencies still call require() for node built-ins. */
const REQUIRE_SHIM = "import { createRequire as __njCreateRequire } from 'node:module'; const require = __njCreateRequire(import.meta.url);";

async function bundle(name: string, dir: string, outDir: string): Promise<BuiltFunction> {
  const fnDir = path.join(outDir, 'functions', name);
  const entry = path.join(fnDir, 'index.mjs');
  await build({
    entryPoints: [path.join(FUNCTIONS_SRC, dir, 'index.ts')],
    outfile: entry,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    minify: false,
    keepNames: true,
    legalComments: 'none',
    banner: { js: REQUIRE_SHIM },
    logLevel: 'silent',
  });
  return { dir: fnDir, entry, bytes: statSync(entry).size };
}

function reusable(outDir: string, stamp: string): BuiltShop | undefined {
  const manifest = path.join(outDir, 'build.json');
  if (!existsSync(manifest)) return undefined;
  try {
    const prev = JSON.parse(readFileSync(manifest, 'utf8')) as { stamp: string; shop: BuiltShop };
    const files = [...Object.values(prev.shop.functions).map((f) => f.entry), prev.shop.tracer.wrapper, prev.shop.tracer.extension];
    if (prev.stamp !== stamp || Object.keys(prev.shop.functions).length !== SHOP_FUNCTIONS.length || !files.every((f) => existsSync(f))) return undefined;
    return { ...prev.shop, durationMs: 0, reused: true };
  } catch {
    return undefined;
  }
}

export async function buildShop(outDir: string, opts: { force?: boolean } = {}): Promise<BuiltShop> {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const stamp = sourceStamp([FUNCTIONS_SRC, path.join(TRACER_DIR, 'src'), path.join(TRACER_DIR, 'scripts', 'build.ts'), LOCKFILE, path.join(here, 'build-functions.ts'), path.join(here, 'catalog.ts')]);
  const previous = opts.force === true ? undefined : reusable(outDir, stamp);
  if (previous !== undefined) return previous;
  const started = performance.now();
  rmSync(path.join(outDir, 'build.json'), { force: true });
  rmSync(path.join(outDir, 'functions'), { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const [tracer, ...built] = await Promise.all([
    buildTracer(path.join(outDir, 'tracer')),
    ...SHOP_FUNCTIONS.map((f) => bundle(f.name, f.dir, outDir)),
  ]);
  const functions: Record<string, BuiltFunction> = {};
  SHOP_FUNCTIONS.forEach((f, i) => {
    const b = built[i];
    if (b !== undefined) functions[f.name] = b;
  });
  const shop: BuiltShop = { outDir, functions, tracer, durationMs: Math.round(performance.now() - started), reused: false };
  writeFileSync(path.join(outDir, 'build.json'), `${JSON.stringify({ stamp, shop }, null, 2)}\n`);
  return shop;
}
