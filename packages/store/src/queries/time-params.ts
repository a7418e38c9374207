// Times into query parameters (epoch milliseconds as Int64 text, converted by the SQL) and back.
import { nsToIso } from '@nightjar/model';

export function ms(d: Date): string {
  const t = d.getTime();
  if (!Number.isFinite(t)) throw new RangeError('invalid Date');
  return String(Math.floor(t));
}

export function isoOrNull(ns: string | null): string | null {
  return ns === null || ns === '' ? null : nsToIso(ns);
}

/** Nullable numbers come back as numbers or null (floats are not quoted). */
export function numOrNull(v: number | string | null): number | null {
  return v === null ? null : Number(v);
}
