// Order statistics for the benchmark's figures.
export const round = (x: number): number => Math.round(x * 100) / 100;

/** Nearest-rank percentile (p in 0..1) of unsorted samples. */
export function percentile(samples: number[], p: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(s.length * p) - 1))] ?? NaN;
}

export const median = (samples: number[]): number => percentile(samples, 0.5);
