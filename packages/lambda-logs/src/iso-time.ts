// ISO 8601 timestamps (as Lambda and the Telemetry API write them, up to nanosecond digits) to the
// unix-nanosecond digit strings of the model, without losing the sub-millisecond digits.

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,:](\d{1,9})\d*)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Unix nanoseconds as a digit string, or null when the text is not a valid ISO 8601 time after 1970. */
export function isoToNs(text: string): string | null {
  const m = ISO.exec(text.trim());
  if (!m) return null;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number) as [
    number, number, number, number, number, number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return null;
  let ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const zone = m[8];
  if (zone !== undefined && zone !== 'Z') {
    const digits = zone.replace(':', '');
    const offsetMin = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5));
    ms -= (zone.startsWith('-') ? -1 : 1) * offsetMin * 60000;
  }
  if (!Number.isFinite(ms) || ms < 0) return null;
  const fraction = (m[7] ?? '').padEnd(9, '0');
  const seconds = Math.floor(ms / 1000);
  return seconds === 0 ? String(Number(fraction)) : `${seconds}${fraction}`;
}

/** ns - ms, at microsecond precision; null when the result would be negative or the input is bad. */
export function subtractMsFromNs(ns: string, ms: number): string | null {
  if (!/^\d{1,30}$/.test(ns) || !Number.isFinite(ms) || ms < 0) return null;
  const us = Math.round(ms * 1000);
  if (!Number.isSafeInteger(us)) return null;
  const result = BigInt(ns) - BigInt(us) * 1000n;
  return result < 0n ? null : result.toString();
}

/** Order two unix-nanosecond digit strings (no leading zeros) without BigInt. */
export function compareNs(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}
