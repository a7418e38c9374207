// A Lambda context object as the Node.js runtime passes it, with a real deadline.

export const FUNCTION_ARN = 'arn:aws:lambda:eu-west-1:123456789012:function:orders';

export interface TestContext {
  awsRequestId: string;
  functionName: string;
  functionVersion: string;
  invokedFunctionArn: string;
  memoryLimitInMB: string;
  callbackWaitsForEmptyEventLoop: boolean;
  getRemainingTimeInMillis(): number;
}

export function lambdaContext(requestId: string, remainingMs = 30_000): TestContext {
  const deadline = Date.now() + remainingMs;
  return {
    awsRequestId: requestId,
    functionName: 'orders',
    functionVersion: '$LATEST',
    invokedFunctionArn: FUNCTION_ARN,
    memoryLimitInMB: '256',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
}

/** The environment the Lambda runtime sets, pointing the tracer at `endpoint`. */
export function lambdaEnv(endpoint: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    AWS_LAMBDA_FUNCTION_NAME: 'orders',
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
    AWS_REGION: 'eu-west-1',
    AWS_LAMBDA_LOG_STREAM_NAME: '2026/11/23/[$LATEST]abcdef',
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    DB_PASSWORD: 'hunter2-planted',
    TABLE_NAME: 'orders',
    NIGHTJAR_ENDPOINT: endpoint,
    ...extra,
  };
}
