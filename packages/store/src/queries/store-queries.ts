// Every read the API needs, returning the model's API types. Satisfies @nightjar/api's QueryPort.
import type { FunctionImpact, FunctionSeries, FunctionSummary, IngestErrorItem, InvocationItem, LogItem, ServiceMap, SpanItem, TransactionFilter, TransactionListItem } from '@nightjar/model';
import type { Db } from '../db.ts';
import { ImpactQueries, type ImpactQuery } from './impact-queries.ts';
import { InvocationQueries, type InvocationFilter } from './invocation-queries.ts';
import { LogQueries, type LogFilter } from './log-queries.ts';
import { MiscQueries, type TableStats } from './misc-queries.ts';
import { RollupQueries, type TimeWindow } from './rollup-queries.ts';
import { ServiceMapQueries } from './service-map-queries.ts';
import { ResourceCache } from './span-items.ts';
import { TraceQueries } from './trace-queries.ts';
import { TransactionQueries, type GatherBounds, type GatheredTransaction, type WalkMode } from './transaction-queries.ts';

export type { ImpactQuery, InvocationFilter, LogFilter, TableStats, TimeWindow, GatherBounds, GatheredTransaction };

export class StoreQueries {
  private readonly traces: TraceQueries;
  private readonly invocations: InvocationQueries;
  private readonly logs: LogQueries;
  private readonly rollups: RollupQueries;
  private readonly misc: MiscQueries;
  private readonly transactions: TransactionQueries;
  private readonly impacts: ImpactQueries;
  private readonly maps: ServiceMapQueries;

  constructor(db: Db) {
    this.traces = new TraceQueries(db, new ResourceCache(db));
    this.invocations = new InvocationQueries(db);
    this.logs = new LogQueries(db);
    this.rollups = new RollupQueries(db);
    this.misc = new MiscQueries(db);
    this.transactions = new TransactionQueries(db, this.traces, this.invocations);
    this.impacts = new ImpactQueries(db);
    this.maps = new ServiceMapQueries(db, this.rollups);
  }

  traceById(project: string, traceId: string): Promise<SpanItem[]> {
    return this.traces.traceById(project, traceId);
  }

  /** Spans of several traces at once (for stitching transactions). */
  tracesById(project: string, traceIds: string[]): Promise<SpanItem[]> {
    return this.traces.traces(project, traceIds.map((t) => t.toLowerCase()));
  }

  /**
   * The spans and invocations of the transaction an id belongs to (see transaction-queries.ts), or
   * null. `mode` forces a way of walking (the default tries the window first).
   */
  gatherTransaction(project: string, anyId: string, bounds?: GatherBounds, mode?: WalkMode): Promise<GatheredTransaction | null> {
    return this.transactions.gather(project, anyId, bounds, mode);
  }

  /** The service map over a window (see service-map-queries.ts). */
  serviceMap(q: { project: string } & TimeWindow): Promise<ServiceMap> {
    return this.maps.serviceMap(q);
  }

  /** What a function's failures in a window reached: entries and users upstream (see impact-queries.ts). */
  impact(project: string, q: ImpactQuery): Promise<FunctionImpact> {
    return this.impacts.impact(project, q);
  }

  /** Entry invocations (transactions) newest first. */
  listTransactions(f: TransactionFilter): Promise<TransactionListItem[]> {
    return this.impacts.listTransactions(f);
  }

  spansForInvocation(project: string, requestId: string, traceId?: string): Promise<SpanItem[]> {
    return this.traces.spansForInvocation(project, requestId, traceId);
  }

  listInvocations(filter: InvocationFilter): Promise<InvocationItem[]> {
    return this.invocations.listInvocations(filter);
  }

  getInvocation(project: string, fn: string, requestId: string): Promise<InvocationItem | null> {
    return this.invocations.getInvocation(project, fn, requestId);
  }

  searchLogs(filter: LogFilter): Promise<LogItem[]> {
    return this.logs.searchLogs(filter);
  }

  functionSummaries(q: { project: string } & TimeWindow): Promise<FunctionSummary[]> {
    return this.rollups.functionSummaries(q);
  }

  functionSeries(q: { project: string; function: string; stepSeconds: number } & TimeWindow): Promise<FunctionSeries> {
    return this.rollups.functionSeries(q);
  }

  listIngestErrors(q: { project: string; limit: number }): Promise<IngestErrorItem[]> {
    return this.misc.listIngestErrors(q);
  }

  tableStats(): Promise<TableStats[]> {
    return this.misc.tableStats();
  }
}
