// The root span of an invocation: faas.*, cloud.*, the trigger's attributes and stitching keys.
import type { Env } from '../config.ts';
import type { TracerAttributes, TracerSpanKind } from '../otlp/span.ts';
import { parseTrigger } from '../triggers/parse-trigger.ts';
import type { FaasTrigger } from '../triggers/types.ts';
import type { RootSpanStart } from './invocation.ts';
import type { LambdaContextInfo } from './lambda-context.ts';
import { chooseTraceParent } from './trace-parent.ts';

export interface RootSpanInput {
  event: unknown;
  context: LambdaContextInfo;
  env: Env;
  userIdPaths: string[];
  userTierPaths: string[];
  coldStart: boolean;
}

const CONSUMER: ReadonlySet<FaasTrigger> = new Set(['pubsub', 'datasource']);

function get(env: Env, name: string): string | undefined {
  try {
    const v = env[name];
    return typeof v === 'string' && v !== '' ? v : undefined;
  } catch {
    return undefined;
  }
}

const nonEmpty = (s: string | undefined): string | undefined => (s === '' ? undefined : s);

export function rootSpanStart(input: RootSpanInput): RootSpanStart {
  const { context: ctx, env } = input;
  const trigger = parseTrigger(input.event, { userIdPaths: input.userIdPaths, userTierPaths: input.userTierPaths, requestId: nonEmpty(ctx.requestId) });
  const name = get(env, 'AWS_LAMBDA_FUNCTION_NAME') ?? nonEmpty(ctx.functionName) ?? 'lambda';
  const memoryMb = ctx.memoryMb ?? Number(get(env, 'AWS_LAMBDA_FUNCTION_MEMORY_SIZE'));
  const parent = chooseTraceParent(trigger.traceContexts, ctx.xRayTraceId ?? get(env, '_X_AMZN_TRACE_ID'));
  const kind: TracerSpanKind = CONSUMER.has(trigger.trigger) ? 'consumer' : 'server';
  const attributes: TracerAttributes = {
    ...trigger.attributes,
    'faas.name': name,
    'faas.invocation_id': nonEmpty(ctx.requestId),
    'faas.coldstart': input.coldStart,
    'faas.trigger': trigger.trigger,
    'faas.version': nonEmpty(ctx.functionVersion) ?? get(env, 'AWS_LAMBDA_FUNCTION_VERSION'),
    'faas.max_memory': Number.isFinite(memoryMb) && memoryMb > 0 ? memoryMb * 1024 * 1024 : undefined,
    'cloud.provider': 'aws',
    'cloud.platform': 'aws_lambda',
    'cloud.region': get(env, 'AWS_REGION'),
    'cloud.account.id': nonEmpty(ctx.accountId),
    'cloud.resource_id': nonEmpty(ctx.invokedArn),
    'nightjar.trigger.source': trigger.source,
    'enduser.id': nonEmpty(trigger.userId),
    'nightjar.link.in': trigger.linkIn.length > 0 ? trigger.linkIn : undefined,
  };
  return { traceId: parent.traceId, parentSpanId: parent.parentSpanId, name, kind, attributes, links: parent.links };
}
