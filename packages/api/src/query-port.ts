// What the API needs from storage. packages/store's queries satisfy it structurally; the API never
// imports the store (layer rule), so tests and other backends can stand in with real data.
import type {
  FailingKeysOf,
  FunctionImpact,
  FunctionSeries,
  FunctionSummary,
  IngestErrorItem,
  InvocationItem,
  InvocationFilter,
  LogFilter,
  TimeWindow,
  LogItem,
  ServiceMap,
  SpanItem,
  TransactionFilter,
  TransactionListItem,
} from '@nightjar/model';

/** The raw material of one transaction (packages/store's gatherTransaction). */
export interface GatheredTransaction {
  spans: SpanItem[];
  invocations: InvocationItem[];
  traceIds: string[];
  truncated: boolean;
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
  gatherTransaction(project: string, anyId: string): Promise<GatheredTransaction | null>;
  /** failingKeys: the failing records' stitching keys of a failing batch (walked upstream alone). */
  impact(project: string, q: { function: string; from: Date; to: Date; limit?: number; failingKeys?: FailingKeysOf }): Promise<FunctionImpact>;
  listTransactions(f: TransactionFilter): Promise<TransactionListItem[]>;
  serviceMap(q: { project: string } & TimeWindow): Promise<ServiceMap>;
}
