import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiRequestError, parseBool, parseHexId, parseLevel, parseLimit, parseStatus, parseTime } from './params.ts';
import { autoStep } from './api-handler.ts';

const NOW = Date.parse('2026-11-23T12:00:00Z');

test('times: ISO, epoch ms and relative', () => {
  assert.equal(parseTime('from', '2026-11-23T10:00:00Z', NOW)?.toISOString(), '2026-11-23T10:00:00.000Z');
  assert.equal(parseTime('from', String(NOW - 1000), NOW)?.getTime(), NOW - 1000);
  assert.equal(parseTime('from', 'now-15m', NOW)?.getTime(), NOW - 15 * 60e3);
  assert.equal(parseTime('from', 'now-7d', NOW)?.getTime(), NOW - 7 * 86400e3);
  assert.equal(parseTime('from', null, NOW), undefined);
  assert.throws(() => parseTime('from', 'yesterday', NOW), /parameter "from": "yesterday" is not a time/);
});

test('limit, status, bool, level and ids are validated with the parameter named', () => {
  assert.equal(parseLimit(null, 100, 1000), 100);
  assert.equal(parseLimit('5', 100, 1000), 5);
  assert.throws(() => parseLimit('0', 100, 1000), ApiRequestError);
  assert.throws(() => parseLimit('5000', 100, 1000), /from 1 to 1000/);
  assert.equal(parseStatus('timeout'), 'timeout');
  assert.equal(parseStatus('all'), undefined);
  assert.throws(() => parseStatus('exploded'), /parameter "status"/);
  assert.equal(parseBool('coldStart', 'true'), true);
  assert.throws(() => parseBool('coldStart', 'yes please'), /coldStart/);
  assert.equal(parseLevel('error'), 17);
  assert.equal(parseLevel('13'), 13);
  assert.throws(() => parseLevel('loud'), /parameter "level"/);
  assert.equal(parseHexId('trace id', 'ABCDEF0123456789ABCDEF0123456789', 32), 'abcdef0123456789abcdef0123456789');
  assert.throws(() => parseHexId('trace id', 'xyz', 32), /32 hex digits/);
});

test('chart steps are whole minutes giving at most ~120 points', () => {
  assert.equal(autoStep(60 * 60e3), 60);
  assert.equal(autoStep(24 * 3600e3), 15 * 60);
  assert.equal(autoStep(7 * 86400e3), 120 * 60);
});
