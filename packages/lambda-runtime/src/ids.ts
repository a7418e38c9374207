// Identifiers as Lambda makes them: request ids (UUID v4), log stream names and X-Ray trace headers.
import { randomBytes, randomUUID } from 'node:crypto';

export function newRequestId(): string {
  return randomUUID();
}

/** "2024/01/31/[$LATEST]0123456789abcdef0123456789abcdef" (UTC date of the instance's start). */
export function newLogStreamName(version: string, now: Date): string {
  const y = now.getUTCFullYear();
  const m = String(now.getUTCMonth() + 1).padStart(2, '0');
  const d = String(now.getUTCDate()).padStart(2, '0');
  return `${y}/${m}/${d}/[${version}]${randomBytes(16).toString('hex')}`;
}

/** A sampled X-Ray trace header: "Root=1-<8 hex epoch s>-<24 hex>;Parent=<16 hex>;Sampled=1". */
export function newTraceHeader(nowMs: number): string {
  const epoch = Math.floor(nowMs / 1000).toString(16).padStart(8, '0');
  return `Root=1-${epoch}-${randomBytes(12).toString('hex')};Parent=${randomBytes(8).toString('hex')};Sampled=1`;
}
