// What the API needs from storage. packages/store's queries satisfy it structurally; the API never
// imports the store (layer rule), so tests and other backends can stand in with real data.
import type {
  FunctionSeries,
  FunctionSummary,
  IngestErrorItem,
  InvocationItem,
  InvocationStatus,
  LogItem,
  SpanItem,
} from '@nightjar/model';

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
  before?: Date;
  limit: number;
}

export interface LogFilter {
  project: string;
  text?: string;
  function?: string;
  requestId?: string;
  traceId?: string;
  minSeverity?: number;
  from?: Date;
  to?: Date;
  limit: number;
}

export interface QueryPort {
  traceById(project: string, traceId: string): Promise<SpanItem[]>;
  listInvocations(filter: InvocationFilter): Promise<InvocationItem[]>;
  getInvocation(project: string, fn: string, requestId: string): Promise<InvocationItem | null>;
  spansForInvocation(project: string, requestId: string, traceId?: string): Promise<SpanItem[]>;
  searchLogs(filter: LogFilter): Promise<LogItem[]>;
  functionSummaries(q: { project: string } & TimeWindow): Promise<FunctionSummary[]>;
  functionSeries(q: { project: string; function: string; stepSeconds: number } & TimeWindow): Promise<FunctionSeries>;
  listIngestErrors(q: { project: string; limit: number }): Promise<IngestErrorItem[]>;
  tableStats(): Promise<unknown>;
}
