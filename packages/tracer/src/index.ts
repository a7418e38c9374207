// @nightjar/lambda: the Nightjar tracer for AWS Lambda. Zero runtime dependencies (node: built-ins).
export { readConfig, type TracerConfig } from './config.ts';
export * from './export/index.ts';
export { instrumentOutbound } from './instrument/index.ts';
export * from './links/index.ts';
export * from './otlp/index.ts';
export * from './scrub/index.ts';
export * from './triggers/index.ts';
export * from './wrap/index.ts';
