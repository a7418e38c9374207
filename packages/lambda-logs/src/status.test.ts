import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statusFromErrorType, statusFromPlatform, worseStatus } from './status.ts';

test('error types map to statuses', () => {
  assert.equal(statusFromErrorType('Runtime.OutOfMemory', false), 'out_of_memory');
  assert.equal(statusFromErrorType('Runtime.ExitError', false), 'crash');
  assert.equal(statusFromErrorType('Runtime.ExitError', true), 'out_of_memory', 'exit with memory full is OOM');
  assert.equal(statusFromErrorType('Runtime.ImportModuleError', false), 'init_error');
  assert.equal(statusFromErrorType('Runtime.HandlerNotFound', false), 'init_error');
  assert.equal(statusFromErrorType('Sandbox.Timedout', false), 'timeout');
  assert.equal(statusFromErrorType('TypeError', false), 'error');
});

test('platform status words', () => {
  assert.equal(statusFromPlatform(null, null, false), 'success');
  assert.equal(statusFromPlatform('success', null, false), 'success');
  assert.equal(statusFromPlatform('timeout', null, false), 'timeout');
  assert.equal(statusFromPlatform('error', 'Runtime.OutOfMemory', false), 'out_of_memory');
  assert.equal(statusFromPlatform('failure', null, false), 'crash');
  assert.equal(statusFromPlatform('Error', 'Handled', false), 'error');
  assert.equal(statusFromPlatform('weird', null, false), null);
});

test('the worse status wins, as in the store merge', () => {
  assert.equal(worseStatus('success', 'timeout'), 'timeout');
  assert.equal(worseStatus('out_of_memory', 'crash'), 'out_of_memory');
  assert.equal(worseStatus(null, 'error'), 'error');
  assert.equal(worseStatus('error', null), 'error');
});
