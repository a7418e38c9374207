// The time window every list and chart uses: a relative range ("15m", "1h", "24h", "7d") kept in
// the URL (?range=1h) and resolved against "now" at fetch time.

export interface RangeOption {
  key: string;
  label: string;
}

export const RANGE_OPTIONS: readonly RangeOption[] = [
  { key: '15m', label: '15 m' },
  { key: '1h', label: '1 h' },
  { key: '6h', label: '6 h' },
  { key: '24h', label: '24 h' },
  { key: '7d', label: '7 d' },
];

/** The API's own default window is the last 24 hours; the UI starts there too. */
export const DEFAULT_RANGE = '24h';

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };
const MAX_RANGE_MS = 90 * 86_400_000;

/** Milliseconds of a range key like "15m", "6h", "7d"; null when the text is not a range. */
export function rangeMs(key: string): number | null {
  const m = /^(\d{1,4})([mhd])$/.exec(key.trim());
  if (!m) return null;
  const n = Number(m[1]);
  const unit = UNIT_MS[m[2] ?? ''];
  if (!unit || n <= 0) return null;
  const ms = n * unit;
  return ms > MAX_RANGE_MS ? null : ms;
}

/** The range named by the URL, or the default when absent or malformed. */
export function parseRange(value: string | null | undefined): string {
  if (value && rangeMs(value) !== null) return value.trim();
  return DEFAULT_RANGE;
}

export function rangeLabel(key: string): string {
  const preset = RANGE_OPTIONS.find((o) => o.key === key);
  if (preset) return preset.label;
  return key.replace(/^(\d+)([mhd])$/, '$1 $2');
}

export interface TimeWindow {
  range: string;
  fromMs: number;
  toMs: number;
  from: string;
  to: string;
}

export function rangeWindow(range: string, nowMs: number): TimeWindow {
  const ms = rangeMs(range) ?? (rangeMs(DEFAULT_RANGE) as number);
  const fromMs = nowMs - ms;
  return { range, fromMs, toMs: nowMs, from: new Date(fromMs).toISOString(), to: new Date(nowMs).toISOString() };
}

const NICE_STEPS = [60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];

/**
 * Chart step in seconds for a window: about `buckets` bars, never finer than the one-minute rollup,
 * rounded to a step people read easily (1, 2, 5, 10, 15, 30 min, 1, 2, 3, 6, 12 h, 1 d).
 */
export function seriesStepSeconds(windowMs: number, buckets = 60): number {
  const raw = windowMs / 1000 / buckets;
  for (const step of NICE_STEPS) if (step >= raw) return step;
  return NICE_STEPS[NICE_STEPS.length - 1] ?? 86400;
}
