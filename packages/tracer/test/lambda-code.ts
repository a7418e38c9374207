// Function code for the tests that run through @nightjar/lambda-runtime: the tracer built into a
// temp dir (bundles + layer) and code folders holding real .mjs/.cjs/.js handlers, as users deploy them.
import { build } from 'esbuild';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildTracer, type BuildResult } from '../scripts/build.ts';
import type { InvokeResult } from '@nightjar/lambda-runtime';

export interface LambdaCode {
  root: string;
  built: BuildResult;
  /** A folder of handlers that know nothing of the tracer (used with the layer). */
  plainDir: string;
  /** Handlers that wrap themselves, with the built package in node_modules/@nightjar/lambda. */
  wrappedDir: string;
  /** One esbuild bundle (handler + tracer), nothing else in the folder. */
  bundledDir: string;
  remove(): void;
}

const PLAIN: Record<string, string> = {
  'package.json': '{ "type": "module" }\n',
  'esm.mjs': `
export const handler = async (event, context) => {
  if (event.fail) throw new TypeError('bad input: ' + event.fail);
  if (event.sleepMs) await new Promise((r) => setTimeout(r, event.sleepMs));
  return { ok: true, got: event, fn: context.functionName };
};
export const nested = { deep: { handler: async () => 'nested' } };
export const notAFunction = 42;
`,
  'app.js': `export async function handler(event) { return { style: 'js-esm', got: event }; }\n`,
  'legacy.cjs': `exports.handler = (event, context, callback) => { setTimeout(() => callback(null, { style: 'cjs-callback', got: event }), 5); };\n`,
  'init-throws.mjs': `throw new RangeError('config missing at init');\n`,
};

const WRAPPED: Record<string, string> = {
  'cjs.cjs': `
const { wrap } = require('@nightjar/lambda');
exports.handler = wrap(async (event) => {
  if (event.fail) throw new SyntaxError('cjs failure ' + event.fail);
  return { style: 'cjs', got: event };
});
`,
  'callback.cjs': `
const { wrap } = require('@nightjar/lambda');
exports.handler = wrap((event, context, callback) => {
  setTimeout(() => (event.fail ? callback(new RangeError('callback failure')) : callback(null, { style: 'callback', got: event })), 5);
});
`,
};

const BUNDLED_SOURCE = `
import { wrap } from '@nightjar/lambda';
export const handler = wrap(async (event, context) => ({ bundled: true, got: event, left: context.getRemainingTimeInMillis() > 0 }));
`;

function writeAll(dir: string, files: Record<string, string>): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
}

export async function makeLambdaCode(): Promise<LambdaCode> {
  const root = mkdtempSync(path.join(tmpdir(), 'nightjar-tracer-'));
  const built = await buildTracer(path.join(root, 'dist'));
  const plainDir = path.join(root, 'plain');
  writeAll(plainDir, PLAIN);
  const wrappedDir = path.join(root, 'wrapped');
  writeAll(wrappedDir, WRAPPED);
  cpSync(built.layerPackageDir, path.join(wrappedDir, 'node_modules', '@nightjar', 'lambda'), { recursive: true });
  // the user's project: the source next to the installed package; the deployed folder holds the bundle only
  writeFileSync(path.join(wrappedDir, 'bundle-me.mjs'), BUNDLED_SOURCE);
  const bundledDir = path.join(root, 'bundled');
  await build({
    entryPoints: [path.join(wrappedDir, 'bundle-me.mjs')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    outfile: path.join(bundledDir, 'index.mjs'),
    logLevel: 'silent',
  });
  return { root, built, plainDir, wrappedDir, bundledDir, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** What must be equal with and without the tracer: the outcome, the error and the response. */
export function outcomeOf(r: InvokeResult): unknown {
  const p = r.payload as { errorType?: unknown; errorMessage?: unknown } | null;
  // the platform's own messages name the request id ("RequestId: <id> Error: Task timed out ...")
  const message = typeof p?.errorMessage === 'string' ? p.errorMessage.replaceAll(r.requestId, '<request id>') : p?.errorMessage;
  const error = r.functionError === undefined ? undefined : { errorType: p?.errorType, errorMessage: message };
  return { statusCode: r.statusCode, status: r.status, functionError: r.functionError, errorType: r.errorType, payload: error ?? r.payload };
}
