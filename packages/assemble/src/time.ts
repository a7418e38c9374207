// Times: spans carry startNs (string of ns since the epoch); invocations an ISO start.

/** Start of a span in ms since the epoch (float; sub-µs precision is not needed). */
export function spanStartMs(s: { startNs: string; start: string }): number {
  const ns = Number(s.startNs);
  if (Number.isFinite(ns) && ns > 0) return ns / 1e6;
  const ms = Date.parse(s.start);
  return Number.isFinite(ms) ? ms : 0;
}

export function isoStartMs(iso: string | null): number | null {
  if (iso === null) return null;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : null;
}

export function toIso(ms: number): string {
  return new Date(Math.round(ms)).toISOString();
}

/** Adds ms to an ns string without losing precision. */
export function shiftNs(startNs: string, ms: number): string {
  try {
    return (BigInt(startNs) + BigInt(Math.round(ms * 1e6))).toString();
  } catch {
    return startNs;
  }
}

export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? null;
}
