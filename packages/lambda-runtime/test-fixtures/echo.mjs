// ESM handler: returns what it saw (event, context, environment, trace header) and logs a line.
export const handler = async (event, context) => {
  console.log('received', JSON.stringify(event));
  console.warn('multi\nline');
  return {
    event,
    pid: process.pid,
    traceId: process.env._X_AMZN_TRACE_ID,
    remainingMs: context.getRemainingTimeInMillis(),
    context: {
      awsRequestId: context.awsRequestId,
      functionName: context.functionName,
      functionVersion: context.functionVersion,
      invokedFunctionArn: context.invokedFunctionArn,
      memoryLimitInMB: context.memoryLimitInMB,
      logGroupName: context.logGroupName,
      logStreamName: context.logStreamName,
      clientContext: context.clientContext,
      identity: context.identity,
      callbackWaitsForEmptyEventLoop: context.callbackWaitsForEmptyEventLoop,
    },
    env: Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('AWS_') || k.startsWith('LAMBDA_') || ['_HANDLER', 'TZ', 'MY_SETTING', 'WRAPPED_BY'].includes(k))),
  };
};

export const nested = { deeper: { handler: async () => 'nested-ok' } };
