// EventBridge events (custom, AWS service events, scheduled rules), directly or inside messages.
import { eventsKey } from '../links/keys.ts';
import { arnTail, arr, str } from '../util/read.ts';
import type { TriggerCollector } from './collector.ts';
import { s3EventBridgeKey } from './s3.ts';

export function isEventBridgeEvent(v: unknown): boolean {
  return str(v, 'detail-type') !== undefined && str(v, 'source') !== undefined && str(v, 'id') !== undefined;
}

export function isScheduledEvent(v: unknown): boolean {
  return str(v, 'source') === 'aws.events' && str(v, 'detail-type') === 'Scheduled Event';
}

/** The event's own key, plus the S3 key of an aws.s3 "Object Created" event. */
export function eventBridgeKeys(event: unknown, c: TriggerCollector): void {
  const id = str(event, 'id');
  if (id !== undefined) c.link(eventsKey(id));
  if (str(event, 'source') === 'aws.s3') s3EventBridgeKey(event, c);
}

export function parseEventBridge(event: unknown, c: TriggerCollector): void {
  const scheduled = isScheduledEvent(event);
  if (scheduled) c.is('timer', 'schedule');
  else c.is('pubsub', 'eventbridge');
  c.set('messaging.system', 'aws_eventbridge');
  c.set('messaging.message.id', str(event, 'id'));
  c.set('aws.eventbridge.source', str(event, 'source'));
  c.set('aws.eventbridge.detail_type', str(event, 'detail-type'));
  c.set('cloud.region', str(event, 'region'));
  const rule = str(arr(event, 'resources')[0]);
  if (scheduled) {
    c.set('faas.time', str(event, 'time'));
    c.set('aws.eventbridge.rule', arnTail(rule));
  }
  eventBridgeKeys(event, c);
}
