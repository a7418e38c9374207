// SNS notifications delivered to Lambda.
import { arnTail, arr, at, str } from '../util/read.ts';
import type { TriggerCollector } from './collector.ts';
import { snsNotificationKeys } from './envelope.ts';

export function parseSns(event: unknown, c: TriggerCollector): void {
  c.is('pubsub', 'sns');
  const records = arr(event, 'Records');
  const first = records[0];
  c.set('messaging.system', 'aws_sns');
  c.set('messaging.operation.type', 'process');
  c.set('messaging.destination.name', arnTail(str(first, 'Sns', 'TopicArn')));
  c.set('messaging.batch.message_count', records.length);
  if (records.length === 1) c.set('messaging.message.id', str(first, 'Sns', 'MessageId'));
  for (const r of records) snsNotificationKeys(at(r, 'Sns'), c, 1);
}
