// @nightjar/lambda-runtime: a local AWS Lambda runtime (Runtime API, a process per instance, exec
// wrapper, timeouts, memory, platform log lines) for the tracer's tests and benchmark and the demo.
export { createLocalLambda } from './local-lambda.ts';
export type { LocalLambda, LocalLambdaOptions } from './local-lambda.ts';
export { LocalLambdaError } from './errors.ts';
export type { FunctionConfig, InvokeOptions, InvokeResult, InvokeStatus, LogEvent, LogListener, Architecture } from './types.ts';
export type { ResolvedConfig } from './function-runner.ts';
export { startInvokeApi, functionNameOf } from './invoke-api.ts';
export type { InvokeApiServer } from './invoke-api.ts';
