export { createIngestHandler, type IngestHandler, type IngestOptions } from './ingest-handler.ts';
export { DEFAULT_LIMITS, type IngestLimits } from './limits.ts';
export { IngestHttpError, SinkOverloadedError } from './errors.ts';
export type { RowSink } from './sink.ts';
export { IngestCounters, type SignalCounts } from './counters.ts';
