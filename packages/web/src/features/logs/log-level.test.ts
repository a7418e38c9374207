/// <reference types="node" />
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { logLevel } from './log-level';

test('severity numbers win', () => {
  assert.equal(logLevel(17, 'INFO'), 'error');
  assert.equal(logLevel(9, ''), 'info');
  assert.equal(logLevel(13, ''), 'warn');
  assert.equal(logLevel(5, ''), 'debug');
  assert.equal(logLevel(1, ''), 'trace');
  assert.equal(logLevel(24, ''), 'fatal');
});

test('severity text when the number is unspecified', () => {
  assert.equal(logLevel(0, 'ERROR'), 'error');
  assert.equal(logLevel(0, 'Warning'), 'warn');
  assert.equal(logLevel(0, 'info'), 'info');
  assert.equal(logLevel(0, 'CRITICAL'), 'fatal');
  assert.equal(logLevel(0, ''), 'unknown');
});
