import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bucketValue, histogramQuantiles } from './duration-histogram.ts';

/** The bucket of a value, as bucketSql() computes it. */
const bucket = (ms: number) => Math.max(0, Math.round(Math.log(ms) / Math.log(1.05)) + 200);

test('a bucket value is within 2.5% of every duration filed in it', () => {
  for (const ms of [0.07, 1, 3.3, 17, 99.9, 250, 1000, 2999, 900_000]) {
    const v = bucketValue(bucket(ms));
    assert.ok(Math.abs(v - ms) / ms <= 0.025, `${ms} -> ${v}`);
  }
});

test('nearest-rank quantiles from a histogram', () => {
  const hist: Record<string, number> = {};
  for (let ms = 1; ms <= 100; ms++) hist[bucket(ms)] = (hist[bucket(ms)] ?? 0) + 1;
  const [p50, p95, p99] = histogramQuantiles(hist, [0.5, 0.95, 0.99]);
  for (const [got, want] of [[p50, 50], [p95, 95], [p99, 99]] as const) assert.ok(got != null && Math.abs(got - want) / want <= 0.025, `${got} vs ${want}`);
  assert.deepEqual(histogramQuantiles({}, [0.5]), [null]);
  assert.deepEqual(histogramQuantiles({ [bucket(3000)]: '4' }, [0.5, 0.99]), [bucketValue(bucket(3000)).toPrecision(4), bucketValue(bucket(3000)).toPrecision(4)].map(Number));
});
