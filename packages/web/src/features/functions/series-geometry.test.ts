/// <reference types="node" />
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SeriesPoint } from '@nightjar/model';
import { chartGeometry, niceCeil, timeTickPositions } from './series-geometry';

const box = { width: 640, height: 200, left: 40, right: 40, top: 10, bottom: 30 };
const from = Date.parse('2025-11-23T17:00:00.000Z');
const to = Date.parse('2025-11-23T18:00:00.000Z');
const pt = (min: number, invocations: number, errors: number, p95Ms: number | null): SeriesPoint => ({
  t: new Date(from + min * 60_000).toISOString(),
  invocations,
  errors,
  coldStarts: 0,
  p95Ms,
});

test('nice axis maxima', () => {
  assert.equal(niceCeil(0), 1);
  assert.equal(niceCeil(7), 10);
  assert.equal(niceCeil(18), 20);
  assert.equal(niceCeil(230), 250);
  assert.equal(niceCeil(0.3), 0.5);
  assert.equal(niceCeil(100), 100);
});

test('bars are placed by time and scaled to the maximum', () => {
  const g = chartGeometry([pt(30, 5, 1, 120), pt(0, 10, 0, 80)], from, to, 60, box);
  assert.equal(g.countMax, 10);
  assert.equal(g.durationMax, 200);
  assert.equal(g.bars.length, 2);
  const [first, second] = g.bars;
  assert.ok(first && second);
  // sorted by time: the 10-invocation bucket at minute 0 comes first and fills the plot height
  assert.equal(first.point.invocations, 10);
  assert.equal(first.height, 160);
  assert.equal(first.errorHeight, 0);
  assert.equal(second.height, 80);
  assert.equal(second.errorHeight, 16);
  assert.ok(second.x > first.x + 250 && second.x < first.x + 300);
});

test('p95 line breaks at missing values', () => {
  const g = chartGeometry([pt(0, 1, 0, 100), pt(1, 1, 0, null), pt(2, 1, 0, 50), pt(3, 1, 0, 50)], from, to, 60, box);
  assert.equal((g.p95Path.match(/M/g) ?? []).length, 2);
  assert.equal((g.p95Path.match(/L/g) ?? []).length, 1);
  assert.equal(g.p95Dots.length, 3);
});

test('empty series still yields axes', () => {
  const g = chartGeometry([], from, to, 60, box);
  assert.equal(g.bars.length, 0);
  assert.equal(g.p95Path, '');
  assert.equal(g.countTicks.length, 5);
  assert.ok(g.timeTicks.length > 0);
});

test('time ticks are round', () => {
  const ticks = timeTickPositions(from + 1000, to, 6);
  assert.deepEqual(ticks.map((t) => new Date(t).toISOString().slice(11, 16)), ['17:10', '17:20', '17:30', '17:40', '17:50', '18:00']);
});
