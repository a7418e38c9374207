/// <reference types="node" />
process.env.TZ = 'UTC';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatAgo, formatAxisTime, formatTime, formatTimestamp } from './format-time';

const now = Date.parse('2025-11-23T18:40:00.000Z');

test('times of today show the clock with milliseconds', () => {
  assert.equal(formatTime('2025-11-23T18:39:12.345Z', now), '18:39:12.345');
});

test('other days add the date', () => {
  assert.equal(formatTime('2025-11-21T08:00:00.007Z', now), 'Nov 21 08:00:00.007');
  assert.equal(formatTime('2024-11-21T08:00:00.007Z', now), '2024 Nov 21 08:00:00.007');
  assert.equal(formatTime(null, now), '—');
  assert.equal(formatTime('not a date', now), '—');
});

test('full timestamps', () => {
  assert.equal(formatTimestamp('2025-11-23T18:39:12.345Z'), '2025-11-23 18:39:12.345');
});

test('relative ages', () => {
  assert.equal(formatAgo('2025-11-23T18:39:58.000Z', now), 'just now');
  assert.equal(formatAgo('2025-11-23T18:39:18.000Z', now), '42 s ago');
  assert.equal(formatAgo('2025-11-23T18:35:00.000Z', now), '5 min ago');
  assert.equal(formatAgo('2025-11-23T15:40:00.000Z', now), '3 h ago');
  assert.equal(formatAgo('2025-11-20T18:40:00.000Z', now), '3 d ago');
});

test('axis labels', () => {
  assert.equal(formatAxisTime(now, 3600_000), '18:40');
  assert.equal(formatAxisTime(now, 7 * 24 * 3600_000), 'Nov 23 18:00');
});
