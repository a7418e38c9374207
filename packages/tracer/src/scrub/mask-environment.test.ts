import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { maskEnvironment } from './mask-environment.ts';

test('names kept, secret values masked by name and by shape, undefined skipped', () => {
  const env = {
    AWS_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: 'ASIAQWERTYUIOPASDFGH',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    AWS_SESSION_TOKEN: 'IQoJb3JpZ2luX2VjEJr',
    STRIPE_API_KEY: 'sk_live_123',
    DB_PASSWORD: 'hunter2',
    UPSTREAM: 'https://svc:p4ss@api.example.com/v1',
    FEATURE_FLAG: 'on',
    GONE: undefined,
  };
  assert.deepEqual(maskEnvironment(env), {
    AWS_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: '[REDACTED]',
    AWS_SECRET_ACCESS_KEY: '[REDACTED]',
    AWS_SESSION_TOKEN: '[REDACTED]',
    STRIPE_API_KEY: '[REDACTED]',
    DB_PASSWORD: '[REDACTED]',
    UPSTREAM: 'https://svc:[REDACTED]@api.example.com/v1',
    FEATURE_FLAG: 'on',
  });
  assert.deepEqual(maskEnvironment({ MY_VAR: 'x' }, { secretPatterns: ['^MY_'] }), { MY_VAR: '[REDACTED]' });
});

test('property: every name survives, no secret-named value survives, never throws', () => {
  fc.assert(
    fc.property(fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), fc.option(fc.string({ maxLength: 80 }), { nil: undefined })), fc.string({ minLength: 4, maxLength: 30 }), (env, secret) => {
      const withSecret = { ...env, APP_SECRET: secret };
      const out = maskEnvironment(withSecret);
      for (const [k, v] of Object.entries(withSecret)) if (v !== undefined) assert.ok(Object.prototype.hasOwnProperty.call(out, k), k);
      assert.equal(out['APP_SECRET'], '[REDACTED]');
    }),
    { numRuns: 200 },
  );
});
