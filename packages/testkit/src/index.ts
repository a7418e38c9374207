export { seededRandom, pick, uuid } from './random.ts';
export { generateLambdaSpans, otlpTraceRequests, functionNames, type GeneratedInvocation, type LambdaSpanOptions } from './lambda-spans.ts';
export { SyntheticSpans, type SyntheticSpanOptions, type SyntheticBatch } from './synthetic-spans.ts';
export { transactionChain, type TransactionChain, type TransactionChainOptions } from './transaction-chain.ts';
