// @nightjar/lambda: the Nightjar tracer for AWS Lambda. Zero runtime dependencies (node: built-ins).
// This entry exports the pure core; wrap() (the handler wrapper) will be added here.
export * from './links/index.ts';
export * from './otlp/index.ts';
export * from './scrub/index.ts';
export * from './triggers/index.ts';
