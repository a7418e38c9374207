// The context object the Lambda Node.js runtime passes to handlers, built from /next's headers and
// the function's environment.

function parseJsonHeader(value) {
  if (typeof value !== 'string' || value === '') return undefined;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

export function buildContext(headers, env, callbacks) {
  const deadlineMs = Number(headers['lambda-runtime-deadline-ms']);
  const context = {
    callbackWaitsForEmptyEventLoop: true,
    functionName: env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION,
    invokedFunctionArn: headers['lambda-runtime-invoked-function-arn'],
    memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    awsRequestId: headers['lambda-runtime-aws-request-id'],
    logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME,
    identity: parseJsonHeader(headers['lambda-runtime-cognito-identity']),
    clientContext: parseJsonHeader(headers['lambda-runtime-client-context']),
    getRemainingTimeInMillis: () => Math.max(0, deadlineMs - Date.now()),
    succeed: (result) => callbacks.done(null, result),
    fail: (error) => callbacks.done(error ?? 'handled', undefined),
    done: (error, result) => callbacks.done(error, result),
  };
  return context;
}
