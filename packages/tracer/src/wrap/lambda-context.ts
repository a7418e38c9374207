// What the tracer reads from the Lambda context object, defensively (never throws).
import { prop } from '../util/read.ts';

export interface LambdaContextInfo {
  requestId: string;
  functionName: string;
  functionVersion: string;
  invokedArn: string;
  accountId: string;
  memoryMb: number | undefined;
  /** context.getRemainingTimeInMillis(), when present. */
  remainingMs: number | undefined;
  /** context.xRayTraceId when the runtime sets it. */
  xRayTraceId: string | undefined;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function remaining(context: unknown): number | undefined {
  try {
    const f = prop(context, 'getRemainingTimeInMillis');
    if (typeof f !== 'function') return undefined;
    const ms: unknown = f.call(context);
    return typeof ms === 'number' && Number.isFinite(ms) && ms > 0 ? ms : undefined;
  } catch {
    return undefined;
  }
}

export function readLambdaContext(context: unknown): LambdaContextInfo {
  const invokedArn = str(prop(context, 'invokedFunctionArn'));
  const memory = Number(prop(context, 'memoryLimitInMB'));
  const xray = prop(context, 'xRayTraceId');
  return {
    requestId: str(prop(context, 'awsRequestId')),
    functionName: str(prop(context, 'functionName')),
    functionVersion: str(prop(context, 'functionVersion')),
    invokedArn,
    accountId: invokedArn.split(':')[4] ?? '',
    memoryMb: Number.isFinite(memory) && memory > 0 ? memory : undefined,
    remainingMs: remaining(context),
    xRayTraceId: typeof xray === 'string' ? xray : undefined,
  };
}
