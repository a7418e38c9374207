// When the timeout timer fires: remaining - max(500 ms, min(remaining / 10, 3 s)), at least 0.

export function timeoutDelayMs(remainingMs: number): number {
  const margin = Math.max(500, Math.min(remainingMs / 10, 3_000));
  return Math.max(0, Math.floor(remainingMs - margin));
}
