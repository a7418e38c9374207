#!/usr/bin/env node
// The README's test command: type-check, lint, then every *.test.ts beside the code, through
// node:test (each file in its own process, so chdb's one-process-per-data-dir rule holds).
// Usage: node scripts/test.mjs [--no-check] [path-substring ...]
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const skipChecks = args.includes('--no-check');
const filters = args.filter((a) => !a.startsWith('--'));

function run(cmd, cmdArgs) {
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit' });
  return r.status ?? 1;
}

function findTests(dir, out) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) findTests(p, out);
    else if (name.endsWith('.test.ts')) out.push(relative(root, p));
  }
  return out;
}

if (!skipChecks && filters.length === 0) {
  console.log('# typecheck');
  if (run('npx', ['tsc', '-p', 'tsconfig.json']) !== 0) process.exit(1);
  if (run('npx', ['tsc', '-p', 'packages/web/tsconfig.json']) !== 0) process.exit(1);
  console.log('# lint');
  if (run('npx', ['eslint', '.']) !== 0) process.exit(1);
}

let files = findTests(join(root, 'packages'), []).sort();
if (filters.length > 0) files = files.filter((f) => filters.some((s) => f.includes(s)));
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}
console.log(`# ${files.length} test files`);
const status = run(process.execPath, [
  '--import', 'tsx',
  '--test',
  '--test-concurrency=2',
  '--test-timeout=300000',
  '--test-reporter=spec', '--test-reporter-destination=stdout',
  '--test-reporter=./scripts/summary-reporter.mjs', '--test-reporter-destination=stdout',
  ...files,
]);
process.exit(status);
