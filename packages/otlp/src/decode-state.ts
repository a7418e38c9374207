// What one decode call accumulates: rows, the rejected-record count with its first reason, and
// what the limits dropped. Shared by the protobuf and JSON decoders of every signal.
import type { DecodeStats, OtlpLimits } from './limits.ts';
import { emptyStats } from './limits.ts';

export interface DecodeResult<T> {
  rows: T[];
  /** Records rejected alone (the rest of the request is kept). */
  rejected: number;
  /** The first rejection's reason, '' when none. */
  rejectReason: string;
  stats: DecodeStats;
}

/** What the attribute decoders need from the decode state. */
export interface Budget {
  readonly limits: OtlpLimits;
  readonly stats: DecodeStats;
}

export class DecodeState<T> implements Budget {
  readonly rows: T[] = [];
  rejected = 0;
  rejectReason = '';
  readonly stats: DecodeStats = emptyStats();

  constructor(
    readonly project: string,
    readonly limits: OtlpLimits,
  ) {}

  reject(reason: string): void {
    if (this.rejected === 0) this.rejectReason = reason;
    this.rejected++;
  }

  result(): DecodeResult<T> {
    return { rows: this.rows, rejected: this.rejected, rejectReason: this.rejectReason, stats: this.stats };
  }
}

/** A record's name cut short for a reject reason. */
export function shortName(name: string): string {
  return name.length > 80 ? name.slice(0, 80) + '…' : name;
}
