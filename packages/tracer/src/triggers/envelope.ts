// Messages that wrap other events: an SQS body or SNS message may be an SNS envelope (SNS -> SQS),
// an S3 notification (S3 -> SQS/SNS) or an EventBridge event (rule target). Each adds its keys.
import { snsKey } from '../links/keys.ts';
import { at, isObj, parseJsonObject, str } from '../util/read.ts';
import type { TriggerCollector } from './collector.ts';
import { eventBridgeKeys, isEventBridgeEvent } from './eventbridge.ts';
import { isS3Notification, s3NotificationKeys } from './s3.ts';
import { parseTraceparent } from './trace-context.ts';

const MAX_DEPTH = 3;

export function isSnsEnvelope(v: unknown): boolean {
  return str(v, 'Type') === 'Notification' && str(v, 'MessageId') !== undefined && str(v, 'TopicArn') !== undefined;
}

/** Keys of an SNS notification (a Records[].Sns object, or the envelope in an SQS body). */
export function snsNotificationKeys(sns: unknown, c: TriggerCollector, depth: number): void {
  const id = str(sns, 'MessageId');
  if (id !== undefined) c.link(snsKey(id));
  c.context(parseTraceparent(at(sns, 'MessageAttributes', 'traceparent', 'Value')));
  readEnvelope(str(sns, 'Message'), c, depth + 1);
}

/** Reads a message body (JSON text or object) for nested events. */
export function readEnvelope(body: unknown, c: TriggerCollector, depth: number): void {
  if (depth > MAX_DEPTH) return;
  const v = isObj(body) ? body : parseJsonObject(body);
  if (v === undefined) return;
  if (isSnsEnvelope(v)) snsNotificationKeys(v, c, depth);
  else if (isS3Notification(v)) s3NotificationKeys(v, c);
  else if (isEventBridgeEvent(v)) eventBridgeKeys(v, c);
}
