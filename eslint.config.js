// Lint, and the layer rules of ARCHITECTURE.md: which package may import what.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const ALL = ['lambda-runtime', 'model', 'otlp', 'lambda-logs', 'store', 'ingest', 'assemble', 'detect', 'alert', 'api', 'web', 'server', 'cli', 'tracer', 'demo', 'testkit'];
const IO_MODULES = ['node:fs', 'node:fs/promises', 'node:http', 'node:https', 'node:net', 'node:child_process', 'node:worker_threads', 'fs', 'http', 'net'];

/** Who may import which workspace packages (beyond @nightjar/model, which everyone may use). */
const allowed = {
  model: [],
  otlp: ['model'],
  'lambda-logs': ['model'],
  store: ['model'],
  ingest: ['model', 'otlp', 'lambda-logs', 'assemble'],
  api: ['model', 'assemble'],
  web: ['model'],
  testkit: ['model', 'otlp'],
  demo: ['model', 'lambda-logs', 'testkit', 'lambda-runtime', 'tracer'],
  tracer: [],
  assemble: [],
  'lambda-runtime': [],
  server: ALL,
  cli: ALL,
};
const pure = new Set(['model', 'otlp', 'lambda-logs', 'assemble', 'detect']);

/** The npm name of a workspace folder (the tracer ships as @nightjar/lambda). */
const packageName = (dir) => (dir === 'tracer' ? '@nightjar/lambda' : `@nightjar/${dir}`);

function layerRule(pkg) {
  const forbidden = ALL.filter((p) => p !== pkg && p !== 'model' && !allowed[pkg].includes(p) && p !== 'testkit');
  const patterns = [];
  if (forbidden.length > 0) {
    patterns.push({ group: forbidden.map(packageName), message: `layer rule: packages/${pkg} may not import this package (see ARCHITECTURE.md)` });
  }
  if (pkg !== 'store') {
    patterns.push({ group: ['@clickhouse/*', 'chdb', 'chdb/*'], message: 'layer rule: only packages/store talks to ClickHouse' });
  }
  const paths = pure.has(pkg)
    ? IO_MODULES.map((name) => ({ name, message: `layer rule: packages/${pkg} is pure (no I/O); take data as arguments` }))
    : [];
  const restricted = { ...(patterns.length > 0 ? { patterns } : {}), ...(paths.length > 0 ? { paths } : {}) };
  return {
    files: [`packages/${pkg}/src/**/*.{ts,tsx}`],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: {
      'no-restricted-imports': Object.keys(restricted).length > 0 ? ['error', restricted] : 'off',
      ...(pkg === 'server' || pkg === 'cli'
        ? {}
        : {
            'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'layer rule: only server and cli read environment variables' }],
          }),
    },
  };
}

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '**/.nightjar/**', 'test-output/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  { files: ['packages/web/src/**/*.{ts,tsx}'], languageOptions: { globals: { ...globals.browser } } },
  ...Object.keys(allowed).map(layerRule),
);
