// Colour band of an error rate (0..1): how alarming it looks in tables and headline figures.

export type Severity = 'none' | 'ok' | 'warn' | 'bad';

export function errorRateSeverity(rate: number | null | undefined, invocations = 1): Severity {
  if (rate === null || rate === undefined || !Number.isFinite(rate) || invocations === 0) return 'none';
  if (rate === 0) return 'ok';
  if (rate < 0.05) return 'warn';
  return 'bad';
}
