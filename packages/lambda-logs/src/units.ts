// Number-with-unit values of Lambda platform lines ("102.25 ms", "128 MB", "134217728 bytes"),
// normalised to milliseconds and megabytes. Lambda's "MB" is a mebibyte (128 MB = 134217728 bytes).

const VALUE = /^\s*(\d{1,15}(?:\.\d{1,9})?)\s*([A-Za-zµ]{0,8})\s*$/;

const DURATION_FACTOR: Record<string, number> = {
  '': 1,
  ms: 1,
  msec: 1,
  s: 1000,
  sec: 1000,
  secs: 1000,
  seconds: 1000,
  us: 0.001,
  µs: 0.001,
  ns: 0.000001,
};

const MEMORY_FACTOR: Record<string, number> = {
  mb: 1,
  mib: 1,
  m: 1,
  gb: 1024,
  gib: 1024,
  g: 1024,
  kb: 1 / 1024,
  kib: 1 / 1024,
  k: 1 / 1024,
  b: 1 / 1048576,
  byte: 1 / 1048576,
  bytes: 1 / 1048576,
};

/** Largest memory a Lambda function can have, in MB; a unitless figure above ten times this is bytes. */
const MAX_LAMBDA_MEMORY_MB = 10240;

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** "102.25 ms" -> 102.25, "1.5 s" -> 1500; null when the text is not a duration. */
export function parseDurationMs(text: string): number | null {
  const m = VALUE.exec(text);
  if (!m) return null;
  const factor = DURATION_FACTOR[(m[2] ?? '').toLowerCase()] ?? DURATION_FACTOR[m[2] ?? ''];
  if (factor === undefined) return null;
  const value = Number(m[1]);
  if (!Number.isFinite(value)) return null;
  return factor === 1 ? value : round3(value * factor);
}

/** "128 MB" -> 128, "134217728 bytes" -> 128, "1 GB" -> 1024; null when the text is not a size. */
export function parseMemoryMb(text: string): number | null {
  const m = VALUE.exec(text);
  if (!m) return null;
  const value = Number(m[1]);
  if (!Number.isFinite(value)) return null;
  const unit = (m[2] ?? '').toLowerCase();
  if (unit === '') return value > MAX_LAMBDA_MEMORY_MB * 10 ? round3(value / 1048576) : value;
  const factor = MEMORY_FACTOR[unit];
  if (factor === undefined) return null;
  return factor === 1 ? value : round3(value * factor);
}

/** A JSON metric value: a finite, non-negative number (or numeric string), else null. */
export function metricNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : null;
  if (typeof value === 'string' && /^\d{1,15}(?:\.\d{1,9})?$/.test(value.trim())) return Number(value.trim());
  return null;
}
