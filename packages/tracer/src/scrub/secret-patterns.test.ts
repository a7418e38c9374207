import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compilePatterns, isSecretKey } from './secret-patterns.ts';

test('secret key names', () => {
  const secret = ['password', 'passwordHash', 'DB_PASSWORD', 'db_pass', 'pwd', 'client_secret', 'accessToken', 'refresh_token', 'x-api-key', 'apiKey', 'API_KEY', 'private_key', 'AWS_SECRET_ACCESS_KEY', 'credentials', 'Authorization', 'authorisation', 'X-Amz-Signature', 'sessionId', 'Cookie', 'set-cookie', 'auth', 'x-amz-security-token', 'otp', 'pin'];
  const plain = ['passenger', 'bypass', 'key', 'Key', 'Bucket', 'orderId', 'author', 'pinned', 'email', 'name', 'description', 'keyboard', 'spinner'];
  for (const k of secret) assert.ok(isSecretKey(k), `${k} should be secret`);
  for (const k of plain) assert.ok(!isSecretKey(k), `${k} should not be secret`);
});

test('extra patterns: RegExp or source text, invalid ones skipped', () => {
  const extra = compilePatterns(['^internal', /ref$/g, '([']);
  assert.equal(extra.length, 2);
  assert.ok(isSecretKey('INTERNAL_ID', extra));
  assert.ok(isSecretKey('order_ref', extra));
  assert.ok(!isSecretKey('orderRef', extra), 'a RegExp keeps its own flags (no i)');
  assert.ok(isSecretKey('order_ref', extra), 'a global pattern keeps no state between calls');
  assert.ok(!isSecretKey('external', extra));
});
