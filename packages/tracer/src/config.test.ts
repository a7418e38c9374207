import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_EXPORT_TIMEOUT_MS, readConfig } from './config.ts';

function read(env: Record<string, string>) {
  const warnings: string[] = [];
  const config = readConfig(env, (line) => warnings.push(line));
  return { config, warnings };
}

test('defaults: no endpoint means tracing is off; payloads captured, 2 KB fields', () => {
  const { config, warnings } = read({});
  assert.deepEqual(config, {
    endpoint: undefined,
    token: undefined,
    capturePayloads: true,
    captureConsole: true,
    maxFieldBytes: 2048,
    secretPatterns: [],
    userIdPaths: [],
    userTierPaths: [],
    exportTimeoutMs: DEFAULT_EXPORT_TIMEOUT_MS,
    disabled: false,
  });
  assert.deepEqual(warnings, []);
});

test('every variable is read', () => {
  const { config, warnings } = read({
    NIGHTJAR_ENDPOINT: 'https://nightjar.example.com/',
    NIGHTJAR_TOKEN: 'tok',
    NIGHTJAR_CAPTURE_PAYLOADS: 'false',
    NIGHTJAR_MAX_FIELD_BYTES: '512',
    NIGHTJAR_SECRET_PATTERNS: 'iban, ^pin$',
    NIGHTJAR_USER_ID_PATHS: 'body.user.id, requestContext.authorizer.lambda.userId',
    NIGHTJAR_USER_TIER_PATHS: 'requestContext.authorizer.lambda.plan, body.account.tier',
    NIGHTJAR_EXPORT_TIMEOUT_MS: '150',
    NIGHTJAR_DISABLED: 'yes',
  });
  assert.deepEqual(warnings, []);
  assert.equal(config.endpoint, 'https://nightjar.example.com');
  assert.equal(config.token, 'tok');
  assert.equal(config.capturePayloads, false);
  assert.equal(config.maxFieldBytes, 512);
  assert.deepEqual(config.secretPatterns.map(String), ['/iban/i', '/^pin$/i']);
  assert.deepEqual(config.userIdPaths, ['body.user.id', 'requestContext.authorizer.lambda.userId']);
  assert.deepEqual(config.userTierPaths, ['requestContext.authorizer.lambda.plan', 'body.account.tier']);
  assert.equal(config.exportTimeoutMs, 150);
  assert.equal(config.disabled, true);
});

test('bad values: one warning naming the variable, then the default; never throws', () => {
  const { config, warnings } = read({
    NIGHTJAR_ENDPOINT: 'ftp://x',
    NIGHTJAR_CAPTURE_PAYLOADS: 'maybe',
    NIGHTJAR_MAX_FIELD_BYTES: '-3',
    NIGHTJAR_SECRET_PATTERNS: 'ok,(unclosed',
    NIGHTJAR_EXPORT_TIMEOUT_MS: '1.5s',
    NIGHTJAR_DISABLED: '2',
    NIGHTJAR_USER_TIER_PATHS: 'ok.path,a..b,.lead',
  });
  assert.equal(config.endpoint, undefined);
  assert.equal(config.capturePayloads, true);
  assert.equal(config.maxFieldBytes, 2048);
  assert.deepEqual(config.secretPatterns.map(String), ['/ok/i']);
  assert.equal(config.exportTimeoutMs, DEFAULT_EXPORT_TIMEOUT_MS);
  assert.equal(config.disabled, false);
  assert.deepEqual(config.userTierPaths, ['ok.path']);
  assert.equal(warnings.length, 7);
  for (const name of ['NIGHTJAR_ENDPOINT', 'NIGHTJAR_CAPTURE_PAYLOADS', 'NIGHTJAR_MAX_FIELD_BYTES', 'NIGHTJAR_SECRET_PATTERNS', 'NIGHTJAR_EXPORT_TIMEOUT_MS', 'NIGHTJAR_DISABLED', 'NIGHTJAR_USER_TIER_PATHS']) {
    assert.equal(warnings.filter((w) => w.includes(name)).length, 1, name);
  }
  assert.ok(warnings.every((w) => !w.includes('\n')));
});

test('a hostile environment object yields the defaults', () => {
  const env = new Proxy({} as Record<string, string>, {
    get() {
      throw new Error('no');
    },
  });
  assert.equal(readConfig(env, () => undefined).endpoint, undefined);
});
