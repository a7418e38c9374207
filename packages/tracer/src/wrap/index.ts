export { ColdStart } from './cold-start.ts';
export { startChildSpan } from './current.ts';
export type { ChildSpan, SpanStatus } from './invocation.ts';
export { timeoutDelayMs } from './timeout-delay.ts';
export { STREAMING_MARKER, wrap, type WrapOptions } from './wrap.ts';
