// parseTrigger: an invocation's event -> trigger kind, attributes, end user (id, tier) and stitching keys.
import { lambdaKey, sfnKey } from '../links/keys.ts';
import { readStepFunctionsLink } from '../links/step-functions.ts';
import { arr, isObj, str } from '../util/read.ts';
import { parseCloudWatchLogs } from './cloudwatch-logs.ts';
import { TriggerCollector } from './collector.ts';
import { parseDynamoDb } from './dynamodb.ts';
import { isEventBridgeEvent, parseEventBridge } from './eventbridge.ts';
import { isAlb, isHttpV2, isRestV1, parseAlb, parseHttpV2, parseRestV1 } from './http.ts';
import { parseKinesis } from './kinesis.ts';
import { parseS3 } from './s3.ts';
import { parseSns } from './sns.ts';
import { parseSqs } from './sqs.ts';
import type { TriggerConfig, TriggerInfo } from './types.ts';
import { findUserId } from './user-id.ts';
import { findUserTier } from './user-tier.ts';

const DEFAULT_MAX_LINKS = 1000;

function bySource(event: unknown, c: TriggerCollector): void {
  if (!isObj(event)) return;
  const first = arr(event, 'Records')[0];
  const recordSource = str(first, 'eventSource') ?? str(first, 'EventSource');
  switch (recordSource) {
    case 'aws:sqs':
      return parseSqs(event, c);
    case 'aws:sns':
      return parseSns(event, c);
    case 'aws:kinesis':
      return parseKinesis(event, c);
    case 'aws:dynamodb':
      return parseDynamoDb(event, c);
    case 'aws:s3':
      return parseS3(event, c);
  }
  if (str(event, 'awslogs', 'data') !== undefined) return parseCloudWatchLogs(event, c);
  if (isAlb(event)) return parseAlb(event, c);
  if (isHttpV2(event)) return parseHttpV2(event, c);
  if (isRestV1(event)) return parseRestV1(event, c);
  if (isEventBridgeEvent(event)) return parseEventBridge(event, c);
  const sfn = readStepFunctionsLink(event);
  if (sfn !== undefined) {
    c.is('other', 'step-functions');
    c.link(sfnKey(sfn));
  }
}

/** Never throws: on any internal failure the result describes an unknown trigger. */
export function parseTrigger(event: unknown, config: TriggerConfig = {}): TriggerInfo {
  const max = config.maxLinks ?? DEFAULT_MAX_LINKS;
  const c = new TriggerCollector(max);
  try {
    bySource(event, c);
    c.userId = findUserId(event, config.userIdPaths);
    c.userTier = findUserTier(event, config.userTierPaths);
  } catch {
    const fallback = new TriggerCollector(max);
    if (config.requestId !== undefined) fallback.link(lambdaKey(config.requestId));
    return fallback.finish();
  }
  if (config.requestId !== undefined && config.requestId !== '') c.link(lambdaKey(config.requestId));
  return c.finish();
}
