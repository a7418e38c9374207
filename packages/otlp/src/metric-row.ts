// One decoded data point -> MetricRow (shared by the protobuf and JSON paths).
import type { Attributes, MetricRow, MetricType } from '@nightjar/model';
import type { ResourceInfo } from './resource.ts';

export const TEMPORALITY_NAMES = ['AGGREGATION_TEMPORALITY_UNSPECIFIED', 'AGGREGATION_TEMPORALITY_DELTA', 'AGGREGATION_TEMPORALITY_CUMULATIVE'];

/** OTLP AggregationTemporality number -> 'delta' | 'cumulative' | ''. */
export function temporalityOf(n: number): string {
  return n === 1 ? 'delta' : n === 2 ? 'cumulative' : '';
}

/** What every point of one metric shares. */
export interface MetricInfo {
  name: string;
  description: string;
  unit: string;
  type: MetricType;
  temporality: string;
  isMonotonic: boolean;
}

export interface PointFields {
  /** Decimal unix nanos, '0' when absent. */
  timeNs: string;
  startNs: string;
  attributes: Attributes;
  value: number;
  count: number;
  sum: number;
  min: number | null;
  max: number | null;
  bounds: number[];
  bucketCounts: number[];
}

/** The row, or a reason string when the point must be rejected. */
export function toMetricRow(project: string, m: MetricInfo, p: PointFields, resource: ResourceInfo): MetricRow | string {
  if (p.timeNs === '0') return `metric "${m.name.slice(0, 80)}": data point without time_unix_nano`;
  return {
    project,
    timeNs: p.timeNs,
    startNs: p.startNs,
    name: m.name,
    description: m.description,
    unit: m.unit,
    type: m.type,
    service: resource.service,
    attributes: p.attributes,
    resource: resource.attributes,
    value: p.value,
    count: p.count,
    sum: p.sum,
    min: p.min,
    max: p.max,
    bounds: p.bounds,
    bucketCounts: p.bucketCounts,
    isMonotonic: m.isMonotonic,
    temporality: m.temporality,
  };
}

/** Summary quantiles -> the row's layout: bounds = quantiles, bucketCounts = values; min/max from q0/q1. */
export function summaryLayout(quantiles: number[], values: number[]): { min: number | null; max: number | null } {
  let min: number | null = null;
  let max: number | null = null;
  for (let i = 0; i < quantiles.length; i++) {
    if (quantiles[i] === 0) min = values[i] ?? null;
    if (quantiles[i] === 1) max = values[i] ?? null;
  }
  return { min, max };
}
