// Filters of the typed queries, shared by the store (which answers them) and the API (which
// builds them from query strings).
import type { InvocationStatus } from './rows.ts';

export interface TimeWindow {
  from: Date;
  to: Date;
}

export interface InvocationFilter {
  project: string;
  function?: string;
  status?: InvocationStatus;
  coldStart?: boolean;
  from?: Date;
  to?: Date;
  /** Only invocations that started before this (paging: pass the last item's start). */
  before?: Date;
  limit: number;
}

export interface LogFilter {
  project: string;
  /** Case-insensitive substring of the body. */
  text?: string;
  function?: string;
  requestId?: string;
  traceId?: string;
  /** Lowest OTLP severity number kept. */
  minSeverity?: number;
  from?: Date;
  to?: Date;
  limit: number;
}
