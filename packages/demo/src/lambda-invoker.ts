// The local Lambda runtime seen through the LambdaInvoker contract of the local AWS services.
import type { LocalLambda } from '@nightjar/lambda-runtime';
import type { LambdaInvoker } from './aws/types.ts';

export function localInvoker(lambda: LocalLambda): LambdaInvoker {
  return {
    async invoke(functionName, event, opts = {}) {
      const r = await lambda.invoke(functionName, event, {
        ...(opts.requestId !== undefined ? { requestId: opts.requestId } : {}),
        ...(opts.traceHeader !== undefined ? { traceHeader: opts.traceHeader } : {}),
        ...(opts.clientContext !== undefined ? { clientContext: opts.clientContext } : {}),
      });
      return {
        requestId: r.requestId,
        status: r.status,
        payload: r.payload,
        statusCode: r.statusCode,
        ...(r.functionError !== undefined ? { functionError: r.functionError } : {}),
        executedVersion: r.executedVersion,
      };
    },
    has: (functionName) => lambda.getFunction(functionName) !== undefined,
  };
}
