// The environment variables Lambda sets for a function's runtime process, then the function's own.
import { dirname } from 'node:path';
import type { Architecture } from './types.ts';

export interface EnvironmentSpec {
  functionName: string;
  version: string;
  memoryMb: number;
  region: string;
  handler: string;
  taskRoot: string;
  logStreamName: string;
  runtimeApi: string;
  architecture: Architecture;
  nodePath: string;
  own: Record<string, string>;
}

export function lambdaEnvironment(s: EnvironmentSpec): Record<string, string> {
  const major = process.versions.node.split('.')[0] ?? '20';
  return {
    PATH: `${dirname(s.nodePath)}:/usr/local/bin:/usr/bin/:/bin:/opt/bin`,
    LANG: 'en_US.UTF-8',
    TZ: ':UTC',
    LAMBDA_TASK_ROOT: s.taskRoot,
    LAMBDA_RUNTIME_DIR: dirname(s.nodePath),
    _HANDLER: s.handler,
    AWS_EXECUTION_ENV: `AWS_Lambda_nodejs${major}.x`,
    AWS_LAMBDA_FUNCTION_NAME: s.functionName,
    AWS_LAMBDA_FUNCTION_VERSION: s.version,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(s.memoryMb),
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${s.functionName}`,
    AWS_LAMBDA_LOG_STREAM_NAME: s.logStreamName,
    AWS_LAMBDA_RUNTIME_API: s.runtimeApi,
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_REGION: s.region,
    AWS_DEFAULT_REGION: s.region,
    AWS_ACCESS_KEY_ID: 'ASIALOCALLAMBDAFAKE0',
    AWS_SECRET_ACCESS_KEY: 'local-lambda-fake-secret-access-key-000000',
    AWS_SESSION_TOKEN: 'local-lambda-fake-session-token',
    AWS_XRAY_CONTEXT_MISSING: 'LOG_ERROR',
    AWS_XRAY_DAEMON_ADDRESS: '169.254.79.129:2000',
    _AWS_XRAY_DAEMON_ADDRESS: '169.254.79.129',
    _AWS_XRAY_DAEMON_PORT: '2000',
    ...s.own,
  };
}
