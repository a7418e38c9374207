// TTL of every table, in one place: the CREATE statements use it and applyRetention() moves existing
// tables to new retention settings (ALTER ... MODIFY TTL) when the configured days change.
import type { ResolvedOptions } from '../config.ts';

export type Retention = Pick<ResolvedOptions, 'retentionDays' | 'longRetentionDays'>;

export type RetentionTier = 'short' | 'long';

export const TABLE_TTL: Record<string, { tier: RetentionTier; extraDays: number; expr: string }> = {
  spans: { tier: 'short', extraDays: 0, expr: 'toDateTime(timestamp)' },
  span_resources: { tier: 'short', extraDays: 1, expr: 'last_seen' },
  trace_index: { tier: 'short', extraDays: 1, expr: 'first' },
  link_index: { tier: 'short', extraDays: 1, expr: 'time' },
  trace_links: { tier: 'short', extraDays: 1, expr: 'time' },
  link_times: { tier: 'short', extraDays: 1, expr: 'time' },
  logs: { tier: 'short', extraDays: 0, expr: 'toDateTime(timestamp)' },
  metrics: { tier: 'short', extraDays: 0, expr: 'toDateTime(timestamp)' },
  ingest_errors: { tier: 'short', extraDays: 0, expr: 'toDateTime(timestamp)' },
  invocations: { tier: 'long', extraDays: 0, expr: 'bucket' },
  function_minutes: { tier: 'long', extraDays: 0, expr: 'minute' },
  service_edges: { tier: 'long', extraDays: 0, expr: 'minute' },
  service_edges_hourly: { tier: 'long', extraDays: 0, expr: 'hour' },
};

export function ttlClause(table: string, o: Retention): string {
  const t = TABLE_TTL[table];
  if (!t) throw new Error(`no TTL defined for table ${table}`);
  const days = (t.tier === 'short' ? o.retentionDays : o.longRetentionDays) + t.extraDays;
  return `TTL ${t.expr} + INTERVAL ${days} DAY`;
}
