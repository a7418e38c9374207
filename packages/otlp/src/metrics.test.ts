import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ValueType } from '@opentelemetry/api';
import { AggregationTemporality, AggregationType, DataPointType, type ResourceMetrics } from '@opentelemetry/sdk-metrics';
import type { MetricRow } from '@nightjar/model';
import { decodeMetrics } from './decode.ts';
import { ProtoWriter } from './proto-writer.ts';
import { flatAttrs, hrToNs } from '../test/expected.ts';
import { meterWith, serializeMetrics, type Format } from '../test/sdk.ts';

const RESOURCE = { 'service.name': 'orders', 'faas.name': 'orders-prod' };
const EXP_VALUES = [0.5, 1, 2, 3, 3.5, 100, 250, 0];

async function collected(temporality?: AggregationTemporality): Promise<ResourceMetrics> {
  const { meter, collect } = meterWith(
    RESOURCE,
    { views: [{ instrumentName: 'latency.exp', aggregation: { type: AggregationType.EXPONENTIAL_HISTOGRAM, options: { maxSize: 20 } } }] },
    temporality === undefined ? undefined : { aggregationTemporalitySelector: () => temporality },
  );
  const requests = meter.createCounter('requests', { description: 'handled requests', unit: '{request}', valueType: ValueType.INT });
  requests.add(3, { route: '/a' });
  requests.add(2, { route: '/b', cold: true });
  meter.createCounter('bytes', { unit: 'By' }).add(1.5);
  const inflight = meter.createUpDownCounter('inflight', { valueType: ValueType.INT });
  inflight.add(5);
  inflight.add(-7);
  meter.createGauge('temperature', { unit: 'Cel' }).record(21.5, { room: 'x', floor: 2 });
  meter.createObservableGauge('memory.used').addCallback((r) => r.observe(123456789, { kind: 'heap' }));
  const latency = meter.createHistogram('latency', { unit: 'ms', advice: { explicitBucketBoundaries: [10, 100, 1000] } });
  for (const v of [5, 50, 500, 5000, 50]) latency.record(v, { fn: 'checkout' });
  const exp = meter.createHistogram('latency.exp', { unit: 's' });
  for (const v of EXP_VALUES) exp.record(v);
  return collect();
}

/** The reference rows, read off the SDK's own data (exponential buckets are checked separately). */
function expectedRows(rm: ResourceMetrics, project: string): MetricRow[] {
  const rows: MetricRow[] = [];
  const resource = flatAttrs(rm.resource.attributes);
  for (const sm of rm.scopeMetrics) {
    for (const m of sm.metrics) {
      const type = (['histogram', 'exponential_histogram', 'gauge', 'sum'] as const)[m.dataPointType];
      const temporality = m.dataPointType === DataPointType.GAUGE ? '' : m.aggregationTemporality === AggregationTemporality.DELTA ? 'delta' : 'cumulative';
      for (const dp of m.dataPoints) {
        const base = {
          project,
          timeNs: hrToNs(dp.endTime),
          startNs: hrToNs(dp.startTime),
          name: m.descriptor.name,
          description: m.descriptor.description,
          unit: m.descriptor.unit,
          type,
          service: resource['service.name'] ?? '',
          attributes: flatAttrs(dp.attributes),
          resource,
          isMonotonic: m.dataPointType === DataPointType.SUM ? m.isMonotonic : false,
          temporality,
        };
        const v = dp.value;
        if (typeof v === 'number') {
          rows.push({ ...base, value: v, count: 0, sum: 0, min: null, max: null, bounds: [], bucketCounts: [] });
        } else if ('buckets' in v) {
          rows.push({ ...base, value: 0, count: v.count, sum: v.sum ?? 0, min: v.min ?? null, max: v.max ?? null, bounds: v.buckets.boundaries, bucketCounts: v.buckets.counts });
        } else {
          rows.push({ ...base, value: 0, count: v.count, sum: v.sum ?? 0, min: v.min ?? null, max: v.max ?? null, bounds: [], bucketCounts: [] });
        }
      }
    }
  }
  return rows;
}

function withoutExpBuckets(rows: MetricRow[]): MetricRow[] {
  return rows.map((r) => (r.type === 'exponential_histogram' ? { ...r, bounds: [], bucketCounts: [] } : r));
}

for (const format of ['protobuf', 'json'] as Format[]) {
  for (const temporality of [undefined, AggregationTemporality.DELTA]) {
    test(`${format}: every data point of real SDK metrics becomes a row (${temporality === undefined ? 'cumulative' : 'delta'})`, async () => {
      const rm = await collected(temporality);
      const r = decodeMetrics(serializeMetrics(rm, format), format, { project: 'p' });
      assert.equal(r.rejected, 0);
      assert.deepEqual(withoutExpBuckets(r.rows), expectedRows(rm, 'p'));
      const sum = r.rows.find((x) => x.name === 'requests' && x.attributes.route === '/b');
      assert.equal(sum?.value, 2);
      assert.equal(sum?.isMonotonic, true);
      assert.equal(sum?.temporality, temporality === undefined ? 'cumulative' : 'delta');
      assert.equal(sum?.attributes.cold, 'true');
      assert.equal(sum?.unit, '{request}');
      assert.equal(r.rows.find((x) => x.name === 'inflight')?.value, -2);
      assert.equal(r.rows.find((x) => x.name === 'inflight')?.isMonotonic, false);
      const hist = r.rows.find((x) => x.name === 'latency');
      assert.deepEqual(hist?.bounds, [10, 100, 1000]);
      assert.deepEqual(hist?.bucketCounts, [1, 2, 1, 1]);
      assert.equal(hist?.count, 5);
      assert.equal(hist?.sum, 5605);
      assert.equal(hist?.min, 5);
      assert.equal(hist?.max, 5000);
      assert.equal(r.rows.find((x) => x.name === 'temperature')?.type, 'gauge');
      assert.equal(r.rows.find((x) => x.name === 'temperature')?.temporality, '');
    });
  }

  test(`${format}: an exponential histogram becomes explicit buckets holding every recorded value`, async () => {
    const rm = await collected();
    const row = decodeMetrics(serializeMetrics(rm, format), format, { project: 'p' }).rows.find((x) => x.name === 'latency.exp');
    assert.ok(row);
    assert.equal(row.count, EXP_VALUES.length);
    assert.equal(row.min, 0);
    assert.equal(row.max, 250);
    assert.equal(row.bucketCounts.length, row.bounds.length + 1);
    assert.equal(row.bucketCounts.reduce((a, b) => a + b, 0), EXP_VALUES.length);
    for (let i = 1; i < row.bounds.length; i++) assert.ok(row.bounds[i]! > row.bounds[i - 1]!, 'bounds ascend');
    for (const v of EXP_VALUES) {
      let i = 0;
      while (i < row.bounds.length && v > row.bounds[i]!) i++;
      assert.ok(row.bucketCounts[i]! > 0, `bucket of ${v} is not empty`);
    }
  });
}

// The JS SDK emits no summaries and no negative exponential buckets: these are built by hand,
// in protobuf with the wire writer and in JSON, and must give the same rows.
function halves(n: bigint): [number, number] {
  return [Number(n & 0xffffffffn), Number(n >> 32n)];
}

function kv(key: string, value: string): ProtoWriter {
  return new ProtoWriter().string(1, key).message(2, new ProtoWriter().string(1, value));
}

function handBuiltProto(): Uint8Array {
  const summaryPoint = new ProtoWriter()
    .message(7, kv('op', 'get'))
    .fixed64(2, ...halves(1700000000000000000n))
    .fixed64(3, ...halves(1700000000000000001n))
    .fixed64(4, 10, 0)
    .double(5, 12.5)
    .message(6, new ProtoWriter().double(1, 0).double(2, 0.1))
    .message(6, new ProtoWriter().double(1, 0.5).double(2, 1.2))
    .message(6, new ProtoWriter().double(1, 1).double(2, 3.4));
  const zz = (n: number) => (n >= 0 ? 2 * n : -2 * n - 1);
  const expPoint = new ProtoWriter()
    .fixed64(3, ...halves(1700000000000000001n))
    .fixed64(4, 6, 0)
    .double(5, -1.5)
    .tag(6, 0).varint(zz(0)) // scale 0: base 2
    .fixed64(7, 1, 0) // zero count
    .message(8, new ProtoWriter().tag(1, 0).varint(zz(1)).bytes(2, Uint8Array.from([2, 1]))) // (2,4]:2 (4,8]:1
    .message(9, new ProtoWriter().tag(1, 0).varint(zz(-1)).bytes(2, Uint8Array.from([1, 1]))); // [-1,-0.5):1 [-2,-1):1
  const noTime = new ProtoWriter().fixed64(4, 1, 0);
  const metrics = [
    new ProtoWriter().string(1, 'rpc.latency').string(3, 's').message(11, new ProtoWriter().message(1, summaryPoint)),
    new ProtoWriter().message(10, new ProtoWriter().tag(2, 0).varint(1).message(1, expPoint)).string(1, 'signed.exp'),
    new ProtoWriter().string(1, 'untimed').message(11, new ProtoWriter().message(1, noTime)),
    new ProtoWriter().message(5, new ProtoWriter().message(1, new ProtoWriter().fixed64(3, 1, 0).double(4, 1))),
  ];
  const scope = new ProtoWriter();
  for (const m of metrics) scope.message(2, m);
  const resource = new ProtoWriter().message(1, kv('service.name', 'legacy'));
  // The resource after its scope metrics: field order on the wire is free.
  return new ProtoWriter().message(1, new ProtoWriter().message(2, scope).message(1, resource)).finish();
}

function handBuiltJson(): Uint8Array {
  const t = '1700000000000000001';
  return new TextEncoder().encode(
    JSON.stringify({
      resource_metrics: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'legacy' } }] },
          scope_metrics: [
            {
              metrics: [
                {
                  name: 'rpc.latency',
                  unit: 's',
                  summary: {
                    dataPoints: [
                      {
                        attributes: [{ key: 'op', value: { stringValue: 'get' } }],
                        startTimeUnixNano: '1700000000000000000',
                        timeUnixNano: t,
                        count: '10',
                        sum: 12.5,
                        quantileValues: [{ quantile: 0, value: 0.1 }, { quantile: 0.5, value: 1.2 }, { quantile: 1, value: 3.4 }],
                      },
                    ],
                  },
                },
                {
                  name: 'signed.exp',
                  exponential_histogram: {
                    aggregation_temporality: 'AGGREGATION_TEMPORALITY_DELTA',
                    data_points: [
                      { time_unix_nano: t, count: 6, sum: -1.5, scale: 0, zero_count: '1', positive: { offset: 1, bucket_counts: ['2', 1] }, negative: { offset: -1, bucketCounts: [1, 1] } },
                    ],
                  },
                },
                { name: 'untimed', summary: { dataPoints: [{ count: 1 }] } },
                { gauge: { dataPoints: [{ timeUnixNano: 1, asDouble: 1 }] } },
              ],
            },
          ],
        },
      ],
    }),
  );
}

test('summaries and signed exponential histograms decode the same from protobuf and JSON', () => {
  const fromProto = decodeMetrics(handBuiltProto(), 'protobuf', { project: 'p' });
  const fromJson = decodeMetrics(handBuiltJson(), 'json', { project: 'p' });
  assert.deepEqual(fromProto, fromJson);
  assert.equal(fromProto.rejected, 2, 'the point without time and the nameless metric');
  assert.equal(fromProto.rejectReason, 'metric "untimed": data point without time_unix_nano');
  const [summary, exp] = fromProto.rows;
  assert.deepEqual(summary, {
    project: 'p',
    timeNs: '1700000000000000001',
    startNs: '1700000000000000000',
    name: 'rpc.latency',
    description: '',
    unit: 's',
    type: 'summary',
    service: 'legacy',
    attributes: { op: 'get' },
    resource: { 'service.name': 'legacy' },
    value: 0,
    count: 10,
    sum: 12.5,
    min: 0.1,
    max: 3.4,
    bounds: [0, 0.5, 1],
    bucketCounts: [0.1, 1.2, 3.4],
    isMonotonic: false,
    temporality: '',
  });
  assert.equal(exp?.type, 'exponential_histogram');
  assert.equal(exp?.temporality, 'delta');
  assert.equal(exp?.count, 6);
  assert.equal(exp?.sum, -1.5);
  assert.equal(exp?.min, null);
  assert.deepEqual(exp?.bounds, [-2, -1, -0.5, 2, 4, 8]);
  assert.deepEqual(exp?.bucketCounts, [0, 1, 1, 1, 2, 1, 0]);
});
