// Query-string parsing with errors that name the bad parameter (answered 400).
import { STATUS_RANK, type InvocationStatus } from '@nightjar/model';

export class ApiRequestError extends Error {
  override name = 'ApiRequestError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** ISO 8601, epoch milliseconds, or relative "now-15m" / "now-2h" / "now-7d" / "now". */
export function parseTime(name: string, value: string | null, now: number): Date | undefined {
  if (value === null || value === '') return undefined;
  const rel = /^now(?:-(\d+)([smhd]))?$/.exec(value);
  if (rel) {
    const n = Number(rel[1] ?? 0);
    const unit = { s: 1e3, m: 60e3, h: 3600e3, d: 86400e3 }[rel[2] ?? 's'] ?? 1e3;
    return new Date(now - n * unit);
  }
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(ms)) throw new ApiRequestError(400, `parameter "${name}": "${value}" is not a time (ISO 8601, epoch ms or now-15m)`);
  return new Date(ms);
}

export function parseLimit(value: string | null, fallback: number, max: number): number {
  if (value === null || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new ApiRequestError(400, `parameter "limit": must be an integer from 1 to ${max}`);
  return n;
}

export function parseStatus(value: string | null): InvocationStatus | undefined {
  if (value === null || value === '' || value === 'all') return undefined;
  if (!(value in STATUS_RANK)) {
    throw new ApiRequestError(400, `parameter "status": "${value}" is not one of ${Object.keys(STATUS_RANK).join(', ')}`);
  }
  return value as InvocationStatus;
}

export function parseBool(name: string, value: string | null): boolean | undefined {
  if (value === null || value === '') return undefined;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new ApiRequestError(400, `parameter "${name}": must be true or false`);
}

const LEVELS: Record<string, number> = { trace: 1, debug: 5, info: 9, warn: 13, warning: 13, error: 17, fatal: 21 };

/** A level name (info, warn, error...) or an OTLP severity number, as the minimum severity. */
export function parseLevel(value: string | null): number | undefined {
  if (value === null || value === '' || value === 'all') return undefined;
  const named = LEVELS[value.toLowerCase()];
  if (named !== undefined) return named;
  const n = Number(value);
  if (Number.isInteger(n) && n >= 0 && n <= 24) return n;
  throw new ApiRequestError(400, `parameter "level": "${value}" is not one of ${Object.keys(LEVELS).join(', ')} or 0..24`);
}

export function parseHexId(name: string, value: string, length: number): string {
  const v = value.toLowerCase();
  if (v.length !== length || !/^[0-9a-f]+$/.test(v)) throw new ApiRequestError(400, `${name} must be ${length} hex digits`);
  return v;
}

/** A transaction list's status: its entry invocation's, ok or error. */
export function parseTxStatus(value: string | null): 'ok' | 'error' | undefined {
  if (value === null || value === '' || value === 'all') return undefined;
  if (value === 'ok' || value === 'error') return value;
  throw new ApiRequestError(400, `parameter "status": "${value}" is not one of ok, error, all`);
}
