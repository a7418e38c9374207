// @nightjar/lambda-logs: Lambda platform data (CloudWatch Logs via Firehose, Telemetry API events)
// -> the model's rows. Pure: no I/O; time and data come in as arguments.

// Firehose HTTP endpoint envelope
export { decodeFirehoseRequest, firehoseResponse, FirehoseEnvelopeError } from './firehose-envelope.ts';
export type { FirehoseRequest, EnvelopeOptions } from './firehose-envelope.ts';

// One Firehose record -> CloudWatch Logs subscription payloads
export { decodeCloudWatchRecord, DEFAULT_MAX_DECOMPRESSED_BYTES } from './cloudwatch-record.ts';
export type { CloudWatchRecordResult, RecordOptions } from './cloudwatch-record.ts';
export type { CloudWatchLogsPayload, CloudWatchLogEvent } from './cloudwatch-types.ts';
export { parseFirehoseRecord, appendBatch } from './firehose-record.ts';

// Payloads and telemetry batches -> rows
export { parseCloudWatchPayload } from './cloudwatch-payload.ts';
export type { CloudWatchContext } from './cloudwatch-payload.ts';
export { parseTelemetryEvents } from './telemetry.ts';
export type { TelemetryContext } from './telemetry.ts';

// Single lines
export { parseLogLine, parseAppRecord } from './parse-line.ts';
export type * from './parsed-line.ts';
export { lambdaTarget } from './log-group.ts';
export type { LogTarget } from './log-group.ts';

// Helpers
export { xrayToOtelTraceId, traceIdFromAmznTraceHeader, normaliseTraceId } from './xray.ts';
export { severityFromLevel } from './severity.ts';
export type { Severity } from './severity.ts';
export { statusFromErrorType, statusFromPlatform } from './status.ts';
export { parseDurationMs, parseMemoryMb } from './units.ts';
export { isoToNs } from './iso-time.ts';
export {
  estimateCostUsd,
  LAMBDA_PRICES_AS_OF,
  LAMBDA_PRICE_REGION,
  LAMBDA_REQUEST_PRICE_USD,
  LAMBDA_GB_SECOND_PRICE_USD,
} from './cost.ts';
export type { Architecture, CostInput } from './cost.ts';

// Test-data generators: exactly what Lambda prints (for the demo traffic generator and tests)
export * from './fixtures/build.ts';
export * from './fixtures/simulate.ts';
