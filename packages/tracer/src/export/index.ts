export { CircuitBreaker, DEFAULT_BREAKER, type BreakerOptions, type BreakerState } from './circuit-breaker.ts';
export { Exporter, type ExporterOptions, type ExportResult } from './exporter.ts';
