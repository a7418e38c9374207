// Resource attributes of the function instance, computed once per process.
import type { Env } from '../config.ts';
import type { TracerAttributes } from '../otlp/span.ts';
import { maskEnvironment } from '../scrub/mask-environment.ts';

/** Per-invocation variables left out of the captured environment. */
const PER_INVOCATION = new Set(['_X_AMZN_TRACE_ID']);

function get(env: Env, name: string): string | undefined {
  try {
    const v = env[name];
    return typeof v === 'string' && v !== '' ? v : undefined;
  } catch {
    return undefined;
  }
}

export function resourceAttributes(env: Env, secretPatterns: readonly (string | RegExp)[]): TracerAttributes {
  const fn = get(env, 'AWS_LAMBDA_FUNCTION_NAME');
  const masked = maskEnvironment(env, { secretPatterns });
  for (const name of PER_INVOCATION) delete masked[name];
  const memory = Number(get(env, 'AWS_LAMBDA_FUNCTION_MEMORY_SIZE'));
  return {
    'service.name': fn ?? 'unknown_service:lambda',
    'cloud.provider': 'aws',
    'cloud.platform': 'aws_lambda',
    'cloud.region': get(env, 'AWS_REGION'),
    'faas.name': fn,
    'faas.version': get(env, 'AWS_LAMBDA_FUNCTION_VERSION'),
    'faas.instance': get(env, 'AWS_LAMBDA_LOG_STREAM_NAME'),
    'faas.max_memory': Number.isFinite(memory) && memory > 0 ? memory * 1024 * 1024 : undefined,
    'process.runtime.name': 'nodejs',
    'process.runtime.version': process.versions.node,
    'telemetry.sdk.name': '@nightjar/lambda',
    'telemetry.sdk.language': 'nodejs',
    'nightjar.environment.names': Object.keys(masked).sort(),
    'nightjar.environment': JSON.stringify(masked),
  };
}
