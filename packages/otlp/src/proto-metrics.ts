// ExportMetricsServiceRequest (protobuf) -> MetricRow[], one row per data point. Field numbers
// (opentelemetry-proto metrics.proto):
//   ExportMetricsServiceRequest { resource_metrics=1 }  ResourceMetrics { resource=1, scope_metrics=2 }
//   ScopeMetrics { scope=1, metrics=2 }
//   Metric { name=1, description=2, unit=3, gauge=5, sum=7, histogram=9, exponential_histogram=10,
//            summary=11, metadata=12 }
//   Gauge { data_points=1 }  Sum { data_points=1, aggregation_temporality=2, is_monotonic=3 }
//   Histogram / ExponentialHistogram { data_points=1, aggregation_temporality=2 }  Summary { data_points=1 }
//   NumberDataPoint { attributes=7, start_time_unix_nano=2, time_unix_nano=3, as_double=4, as_int=6 (sfixed64) }
//   HistogramDataPoint { attributes=9, start=2, time=3, count=4 (fixed64), sum=5, bucket_counts=6
//            (fixed64, packed), explicit_bounds=7 (double, packed), min=11, max=12 }
//   ExponentialHistogramDataPoint { attributes=1, start=2, time=3, count=4, sum=5, scale=6 (sint32),
//            zero_count=7 (fixed64), positive=8, negative=9, min=12, max=13, zero_threshold=14 }
//   Buckets { offset=1 (sint32), bucket_counts=2 (uint64, packed) }
//   SummaryDataPoint { attributes=7, start=2, time=3, count=4, sum=5, quantile_values=6 }
//   ValueAtQuantile { quantile=1, value=2 }
import type { MetricRow, MetricType } from '@nightjar/model';
import type { DecodeState } from './decode-state.ts';
import { expToExplicit } from './exp-histogram.ts';
import { i64ToNumber, u64ToDecimal, u64ToNumber } from './int64.ts';
import { summaryLayout, temporalityOf, toMetricRow, type MetricInfo, type PointFields } from './metric-row.ts';
import { readKeyValue } from './proto-common.ts';
import type { ProtoReader } from './proto-reader.ts';
import { walkExportRequest } from './proto-envelope.ts';
import type { ResourceInfo } from './resource.ts';

type State = DecodeState<MetricRow>;

const DATA_TYPES: Record<number, MetricType> = {
  42: 'gauge',
  58: 'sum',
  74: 'histogram',
  82: 'exponential_histogram',
  90: 'summary',
};

export function decodeMetricsProto(body: Uint8Array, s: State): void {
  walkExportRequest(body, s, readMetric);
}

function readMetric(r: ProtoReader, s: State, end: number, resource: ResourceInfo): void {
  let name = '';
  let description = '';
  let unit = '';
  let type: MetricType | undefined;
  let dataStart = -1;
  let dataEnd = -1;
  while (r.pos < end) {
    const tag = r.varint32();
    if (tag === 10) name = r.str(r.len(end));
    else if (tag === 18) description = r.str(r.len(end));
    else if (tag === 26) unit = r.str(r.len(end));
    else if (DATA_TYPES[tag] !== undefined) {
      type = DATA_TYPES[tag];
      const n = r.len(end);
      dataStart = r.pos;
      dataEnd = dataStart + n;
      r.pos = dataEnd;
    } else r.skip(tag);
  }
  r.expectEnd(end);
  if (type === undefined) return;
  // First pass: the settings that apply to every point, wherever they sit on the wire.
  let temporality = 0;
  let isMonotonic = false;
  r.pos = dataStart;
  while (r.pos < dataEnd) {
    const tag = r.varint32();
    if (tag === 16) temporality = r.varint32();
    else if (tag === 24 && type === 'sum') isMonotonic = r.varint32() !== 0;
    else r.skip(tag);
  }
  r.expectEnd(dataEnd);
  const info: MetricInfo = {
    name,
    description,
    unit,
    type,
    temporality: type === 'gauge' || type === 'summary' ? '' : temporalityOf(temporality),
    isMonotonic,
  };
  r.pos = dataStart;
  while (r.pos < dataEnd) {
    const tag = r.varint32();
    if (tag === 10) {
      const n = r.len(dataEnd);
      const pointEnd = r.pos + n;
      const p =
        type === 'gauge' || type === 'sum'
          ? readNumberPoint(r, s, pointEnd)
          : type === 'histogram'
            ? readHistogramPoint(r, s, pointEnd)
            : type === 'exponential_histogram'
              ? readExpHistogramPoint(r, s, pointEnd)
              : readSummaryPoint(r, s, pointEnd);
      const row = name === '' ? 'metric without a name' : toMetricRow(s.project, info, p, resource);
      if (typeof row === 'string') s.reject(row);
      else s.rows.push(row);
    } else r.skip(tag);
  }
  r.expectEnd(dataEnd);
  r.pos = end;
}

function newPoint(): PointFields {
  return { timeNs: '0', startNs: '0', attributes: {}, value: 0, count: 0, sum: 0, min: null, max: null, bounds: [], bucketCounts: [] };
}

/** Common point fields: time, start time and attributes (tag differs per point type). Returns the new attribute count, or -1 when the tag is not one of them. */
function commonField(r: ProtoReader, s: State, end: number, tag: number, attrTag: number, p: PointFields, count: number): number {
  if (tag === 25) {
    r.fixed64();
    p.timeNs = u64ToDecimal(r.lo, r.hi);
  } else if (tag === 17) {
    r.fixed64();
    p.startNs = u64ToDecimal(r.lo, r.hi);
  } else if (tag === attrTag) {
    const n = r.len(end);
    return readKeyValue(r, s, r.pos + n, p.attributes, count, null);
  } else return -1;
  return count;
}

function readNumberPoint(r: ProtoReader, s: State, end: number): PointFields {
  const p = newPoint();
  let count = 0;
  while (r.pos < end) {
    const tag = r.varint32();
    const c = commonField(r, s, end, tag, 58, p, count);
    if (c >= 0) count = c;
    else if (tag === 33) p.value = r.double();
    else if (tag === 49) {
      r.fixed64();
      p.value = i64ToNumber(r.lo, r.hi);
    } else r.skip(tag);
  }
  r.expectEnd(end);
  return p;
}

function fixed64Number(r: ProtoReader): number {
  r.fixed64();
  return u64ToNumber(r.lo, r.hi);
}

/** A repeated fixed64 (packed or not) appended to `out`. */
function readFixed64s(r: ProtoReader, end: number, packed: boolean, out: number[]): void {
  if (!packed) {
    out.push(fixed64Number(r));
    return;
  }
  const n = r.len(end);
  if (n % 8 !== 0) r.fail('packed fixed64 length is not a multiple of 8');
  const stop = r.pos + n;
  while (r.pos < stop) out.push(fixed64Number(r));
}

/** A repeated double (packed or not) appended to `out`. */
function readDoubles(r: ProtoReader, end: number, packed: boolean, out: number[]): void {
  if (!packed) {
    out.push(r.double());
    return;
  }
  const n = r.len(end);
  if (n % 8 !== 0) r.fail('packed double length is not a multiple of 8');
  const stop = r.pos + n;
  while (r.pos < stop) out.push(r.double());
}

function readHistogramPoint(r: ProtoReader, s: State, end: number): PointFields {
  const p = newPoint();
  let count = 0;
  while (r.pos < end) {
    const tag = r.varint32();
    const c = commonField(r, s, end, tag, 74, p, count);
    if (c >= 0) count = c;
    else if (tag === 33) p.count = fixed64Number(r);
    else if (tag === 41) p.sum = r.double();
    else if (tag === 50 || tag === 49) readFixed64s(r, end, tag === 50, p.bucketCounts);
    else if (tag === 58 || tag === 57) readDoubles(r, end, tag === 58, p.bounds);
    else if (tag === 89) p.min = r.double();
    else if (tag === 97) p.max = r.double();
    else r.skip(tag);
  }
  r.expectEnd(end);
  return p;
}

function zigzag32(v: number): number {
  return (v >>> 1) ^ -(v & 1);
}

interface Buckets {
  offset: number;
  counts: number[];
}

function readBuckets(r: ProtoReader, end: number): Buckets {
  const b: Buckets = { offset: 0, counts: [] };
  while (r.pos < end) {
    const tag = r.varint32();
    if (tag === 8) b.offset = zigzag32(r.varint32());
    else if (tag === 18) {
      const n = r.len(end);
      const stop = r.pos + n;
      while (r.pos < stop) {
        r.varint64();
        b.counts.push(u64ToNumber(r.lo, r.hi));
      }
      r.expectEnd(stop);
    } else if (tag === 16) {
      r.varint64();
      b.counts.push(u64ToNumber(r.lo, r.hi));
    } else r.skip(tag);
  }
  r.expectEnd(end);
  return b;
}

const NO_BUCKETS: Buckets = { offset: 0, counts: [] };

function readExpHistogramPoint(r: ProtoReader, s: State, end: number): PointFields {
  const p = newPoint();
  let count = 0;
  let scale = 0;
  let zeroCount = 0;
  let zeroThreshold = 0;
  let positive = NO_BUCKETS;
  let negative = NO_BUCKETS;
  while (r.pos < end) {
    const tag = r.varint32();
    const c = commonField(r, s, end, tag, 10, p, count);
    if (c >= 0) count = c;
    else if (tag === 33) p.count = fixed64Number(r);
    else if (tag === 41) p.sum = r.double();
    else if (tag === 48) scale = zigzag32(r.varint32());
    else if (tag === 57) zeroCount = fixed64Number(r);
    else if (tag === 66 || tag === 74) {
      const n = r.len(end);
      const b = readBuckets(r, r.pos + n);
      if (tag === 66) positive = b;
      else negative = b;
    } else if (tag === 97) p.min = r.double();
    else if (tag === 105) p.max = r.double();
    else if (tag === 113) zeroThreshold = r.double();
    else r.skip(tag);
  }
  r.expectEnd(end);
  const explicit = expToExplicit(scale, zeroCount, zeroThreshold, positive.offset, positive.counts, negative.offset, negative.counts);
  p.bounds = explicit.bounds;
  p.bucketCounts = explicit.counts;
  return p;
}

function readSummaryPoint(r: ProtoReader, s: State, end: number): PointFields {
  const p = newPoint();
  let count = 0;
  while (r.pos < end) {
    const tag = r.varint32();
    const c = commonField(r, s, end, tag, 58, p, count);
    if (c >= 0) count = c;
    else if (tag === 33) p.count = fixed64Number(r);
    else if (tag === 41) p.sum = r.double();
    else if (tag === 50) {
      const n = r.len(end);
      const qEnd = r.pos + n;
      let quantile = 0;
      let value = 0;
      while (r.pos < qEnd) {
        const t = r.varint32();
        if (t === 9) quantile = r.double();
        else if (t === 17) value = r.double();
        else r.skip(t);
      }
      r.expectEnd(qEnd);
      p.bounds.push(quantile);
      p.bucketCounts.push(value);
    } else r.skip(tag);
  }
  r.expectEnd(end);
  const mm = summaryLayout(p.bounds, p.bucketCounts);
  p.min = mm.min;
  p.max = mm.max;
  return p;
}
