// Conversions between the unix-nanosecond strings used in rows and the forms around them.

/** Milliseconds since the epoch (may be fractional) -> unix nanoseconds as a digit string. */
export function msToNs(ms: number): string {
  // A double holds an epoch in ms to about 0.2 µs, so round to whole microseconds.
  const us = Math.round(ms * 1000);
  return String(us) + '000';
}

/** Unix nanoseconds digit string -> milliseconds since the epoch (fractional part dropped past µs). */
export function nsToMs(ns: string): number {
  if (ns.length <= 6) return Number(ns) / 1e6;
  return Number(ns.slice(0, -6)) + Number(ns.slice(-6)) / 1e6;
}

/** Unix nanoseconds digit string -> ISO 8601 with milliseconds. */
export function nsToIso(ns: string): string {
  return new Date(Math.floor(nsToMs(ns))).toISOString();
}

/** Unix nanoseconds digit string -> the "seconds.nanoseconds" text ClickHouse reads for DateTime64(9). */
export function nsToClickHouse(ns: string): string {
  const padded = ns.padStart(10, '0');
  return `${padded.slice(0, -9)}.${padded.slice(-9)}`;
}
