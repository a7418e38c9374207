// The catalog and toFunctionConfig: wrap() functions get only environment, exec-wrapper functions
// the layer's wrapper and NODE_PATH, the extension where asked, untraced functions no tracer settings.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { BuiltShop } from './build-functions.ts';
import { SHOP_FUNCTIONS, toFunctionConfig, type ShopEnv } from './catalog.ts';
import { ENV } from './resources.ts';

const resources = Object.fromEntries(Object.keys(ENV).map((k) => [k, `value-of-${k}`])) as ShopEnv;
const build: BuiltShop = {
  outDir: '/build',
  functions: Object.fromEntries(SHOP_FUNCTIONS.map((f) => [f.name, { dir: `/build/functions/${f.name}`, entry: `/build/functions/${f.name}/index.mjs`, bytes: 1 }])),
  tracer: { outDir: '/build/tracer', layerDir: '/build/tracer/layer', layerPackageDir: '/build/tracer/layer/nodejs/node_modules/@nightjar/lambda', wrapper: '/build/tracer/layer/nightjar-wrapper', extension: '/build/tracer/layer/extensions/nightjar', sizes: {} },
  durationMs: 1,
  reused: false,
};
const env = { AWS_ENDPOINT_URL: 'http://127.0.0.1:1', NIGHTJAR_ENDPOINT: 'http://127.0.0.1:2' };
const config = (name: string, extraEnv?: Record<string, string>) => {
  const f = SHOP_FUNCTIONS.find((x) => x.name === name);
  assert.ok(f, name);
  return toFunctionConfig(f, build, { env, resources, version: '3', ...(extraEnv === undefined ? {} : { extraEnv }) });
};

describe('shop catalog', () => {
  it('lists the eleven functions with the briefed memory, timeouts and tracing', () => {
    const summary = Object.fromEntries(SHOP_FUNCTIONS.map((f) => [f.name, `${f.memoryMb}/${f.tracing}${f.telemetryExtension ? '+ext' : ''}`]));
    assert.deepEqual(summary, {
      'orders-api': '256/wrap', 'avatars-api': '256/exec-wrapper', 'fraud-check': '128/wrap', 'process-payment': '512/exec-wrapper+ext',
      'order-events': '256/exec-wrapper', notify: '256/wrap', inventory: '256/exec-wrapper', 'avatar-resize': '512/wrap',
      clickstream: '128/exec-wrapper', 'daily-report': '1024/none', 'lunch-reminder': '128/wrap',
    });
    const timeouts = Object.fromEntries(SHOP_FUNCTIONS.map((f) => [f.name, f.timeoutSeconds]));
    assert.equal(timeouts['orders-api'], 6);
    assert.equal(timeouts['process-payment'], 5);
    assert.equal(timeouts.notify, 4);
    assert.equal(timeouts['daily-report'], 30);
  });

  it('a wrap() function: code dir, its own variables, user id paths, no wrapper', () => {
    const c = config('notify', { CONTACT_VALIDATION: 'strict' });
    assert.equal(c.codeDir, '/build/functions/notify');
    assert.equal(c.handler, 'index.handler');
    assert.equal(c.version, '3');
    assert.equal(c.execWrapper, undefined);
    assert.equal(c.environment?.MESSAGING_PROVIDER_URL, 'value-of-messagingProviderUrl');
    assert.equal(c.environment?.NIGHTJAR_ENDPOINT, 'http://127.0.0.1:2');
    assert.equal(c.environment?.CONTACT_VALIDATION, 'strict');
    assert.equal(c.environment?.NIGHTJAR_USER_ID_PATHS, 'Records.0.body.Message.to.userId');
    assert.equal(c.environment?.ORDERS_TABLE, undefined, 'only the variables it reads');
  });

  it('an exec-wrapper function: the layer wrapper and NODE_PATH; the extension only for process-payment', () => {
    const avatars = config('avatars-api');
    assert.equal(avatars.execWrapper, '/build/tracer/layer/nightjar-wrapper');
    assert.equal(avatars.environment?.NODE_PATH, path.join('/build/tracer/layer', 'nodejs', 'node_modules'));
    assert.equal(avatars.extensions, undefined);
    const pay = config('process-payment');
    assert.deepEqual(pay.extensions, ['/build/tracer/layer/extensions/nightjar']);
    assert.equal(pay.environment?.NIGHTJAR_EXTENSION, 'true');
    assert.equal(pay.environment?.FRAUD_CHECK_FUNCTION, 'value-of-fraudCheckFunction');
  });

  it('an untraced function gets no tracer settings at all', () => {
    const c = config('daily-report');
    assert.equal(c.execWrapper, undefined);
    assert.equal(c.extensions, undefined);
    assert.deepEqual(Object.keys(c.environment ?? {}).filter((k) => k.startsWith('NIGHTJAR_')), []);
    assert.equal(c.environment?.AWS_ENDPOINT_URL, 'http://127.0.0.1:1');
    assert.equal(c.environment?.REPORTS_BUCKET, 'value-of-reportsBucket');
  });

  it('every function reads only variables the resources define', () => {
    const known = new Set<string>(Object.values(ENV));
    for (const f of SHOP_FUNCTIONS) for (const k of Object.keys(f.env(resources))) assert.ok(known.has(k), `${f.name}: ${k}`);
  });
});
