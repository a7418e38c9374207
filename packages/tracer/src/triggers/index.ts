export { parseTrigger } from './parse-trigger.ts';
export { parseAwsTraceHeader, parseTraceparent } from './trace-context.ts';
export { readPath } from './user-id.ts';
export type { FaasTrigger, TraceContextCandidate, TriggerAttributeValue, TriggerConfig, TriggerInfo, TriggerSource } from './types.ts';
