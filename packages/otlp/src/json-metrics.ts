// ExportMetricsServiceRequest (OTLP/JSON) -> MetricRow[], with the same rules as the protobuf path.
import type { MetricRow, MetricType } from '@nightjar/model';
import type { DecodeState } from './decode-state.ts';
import { expToExplicit } from './exp-histogram.ts';
import { jArray, jAttributes, jBool, jCount, jDouble, jEnum, jInt, jObject, jOptDouble, jResource, jString, jU64, parseJsonBody, pick, type JsonObject } from './json-common.ts';
import { summaryLayout, TEMPORALITY_NAMES, temporalityOf, toMetricRow, type MetricInfo, type PointFields } from './metric-row.ts';
import type { ResourceInfo } from './resource.ts';

type State = DecodeState<MetricRow>;

export function decodeMetricsJson(body: Uint8Array, s: State): void {
  const root = parseJsonBody(body);
  for (const rmv of jArray(pick(root, 'resourceMetrics', 'resource_metrics'), 'resourceMetrics')) {
    const rm = jObject(rmv, 'ResourceMetrics');
    if (rm === null) continue;
    const resource = jResource(rm.resource, s);
    for (const smv of jArray(pick(rm, 'scopeMetrics', 'scope_metrics'), 'scopeMetrics')) {
      const sm = jObject(smv, 'ScopeMetrics');
      if (sm === null) continue;
      for (const mv of jArray(sm.metrics, 'metrics')) {
        const m = jObject(mv, 'Metric');
        if (m !== null) readMetric(m, s, resource);
      }
    }
  }
}

const DATA_KEYS: readonly [string, string, MetricType][] = [
  ['gauge', 'gauge', 'gauge'],
  ['sum', 'sum', 'sum'],
  ['histogram', 'histogram', 'histogram'],
  ['exponentialHistogram', 'exponential_histogram', 'exponential_histogram'],
  ['summary', 'summary', 'summary'],
];

function readMetric(o: JsonObject, s: State, resource: ResourceInfo): void {
  const name = jString(o.name, 'metric.name');
  const description = jString(o.description, 'metric.description');
  const unit = jString(o.unit, 'metric.unit');
  for (const [camel, snake, type] of DATA_KEYS) {
    const data = jObject(pick(o, camel, snake), `metric.${camel}`);
    if (data === null) continue;
    const info: MetricInfo = {
      name,
      description,
      unit,
      type,
      temporality:
        type === 'gauge' || type === 'summary'
          ? ''
          : temporalityOf(jEnum(pick(data, 'aggregationTemporality', 'aggregation_temporality'), TEMPORALITY_NAMES, 'aggregationTemporality')),
      isMonotonic: type === 'sum' ? jBool(pick(data, 'isMonotonic', 'is_monotonic'), 'isMonotonic') : false,
    };
    for (const pv of jArray(pick(data, 'dataPoints', 'data_points'), 'dataPoints')) {
      const po = jObject(pv, 'DataPoint');
      if (po === null) continue;
      const p = readPoint(po, s, type);
      const row = name === '' ? 'metric without a name' : toMetricRow(s.project, info, p, resource);
      if (typeof row === 'string') s.reject(row);
      else s.rows.push(row);
    }
    return; // a oneof: the first data field present wins
  }
}

function numbers(v: unknown, what: string, read: (x: unknown, what: string) => number): number[] {
  const items = jArray(v, what);
  const out = new Array<number>(items.length);
  for (let i = 0; i < items.length; i++) out[i] = read(items[i], what);
  return out;
}

function readPoint(o: JsonObject, s: State, type: MetricType): PointFields {
  const p: PointFields = {
    timeNs: jU64(pick(o, 'timeUnixNano', 'time_unix_nano'), 'dataPoint.timeUnixNano'),
    startNs: jU64(pick(o, 'startTimeUnixNano', 'start_time_unix_nano'), 'dataPoint.startTimeUnixNano'),
    attributes: {},
    value: 0,
    count: 0,
    sum: 0,
    min: null,
    max: null,
    bounds: [],
    bucketCounts: [],
  };
  jAttributes(o.attributes, s, p.attributes, 0, null);
  if (type === 'gauge' || type === 'sum') {
    const asInt = pick(o, 'asInt', 'as_int');
    const asDouble = pick(o, 'asDouble', 'as_double');
    if (asDouble !== undefined && asDouble !== null) p.value = jDouble(asDouble, 'asDouble');
    else if (asInt !== undefined && asInt !== null) p.value = jDouble(asInt, 'asInt');
    return p;
  }
  p.count = jCount(o.count, 'dataPoint.count');
  p.sum = jDouble(o.sum, 'dataPoint.sum');
  if (type === 'summary') {
    for (const qv of jArray(pick(o, 'quantileValues', 'quantile_values'), 'quantileValues')) {
      const q = jObject(qv, 'ValueAtQuantile');
      if (q === null) continue;
      p.bounds.push(jDouble(q.quantile, 'quantile'));
      p.bucketCounts.push(jDouble(q.value, 'value'));
    }
    const mm = summaryLayout(p.bounds, p.bucketCounts);
    p.min = mm.min;
    p.max = mm.max;
    return p;
  }
  p.min = jOptDouble(o.min, 'dataPoint.min');
  p.max = jOptDouble(o.max, 'dataPoint.max');
  if (type === 'histogram') {
    p.bucketCounts = numbers(pick(o, 'bucketCounts', 'bucket_counts'), 'bucketCounts', jCount);
    p.bounds = numbers(pick(o, 'explicitBounds', 'explicit_bounds'), 'explicitBounds', jDouble);
    return p;
  }
  const pos = jObject(o.positive, 'positive');
  const neg = jObject(o.negative, 'negative');
  const explicit = expToExplicit(
    jInt(o.scale, 'scale'),
    jCount(pick(o, 'zeroCount', 'zero_count'), 'zeroCount'),
    jDouble(pick(o, 'zeroThreshold', 'zero_threshold'), 'zeroThreshold'),
    pos === null ? 0 : jInt(pos.offset, 'positive.offset'),
    pos === null ? [] : numbers(pick(pos, 'bucketCounts', 'bucket_counts'), 'positive.bucketCounts', jCount),
    neg === null ? 0 : jInt(neg.offset, 'negative.offset'),
    neg === null ? [] : numbers(pick(neg, 'bucketCounts', 'bucket_counts'), 'negative.bucketCounts', jCount),
  );
  p.bounds = explicit.bounds;
  p.bucketCounts = explicit.counts;
  return p;
}
