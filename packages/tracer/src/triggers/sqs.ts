// SQS batches (the body may wrap an SNS envelope, an S3 notification or an EventBridge event).
import { sqsKey } from '../links/keys.ts';
import { arnTail, arr, at, str } from '../util/read.ts';
import type { TriggerCollector } from './collector.ts';
import { readEnvelope } from './envelope.ts';
import { parseAwsTraceHeader, parseTraceparent } from './trace-context.ts';

export function parseSqs(event: unknown, c: TriggerCollector): void {
  c.is('pubsub', 'sqs');
  const records = arr(event, 'Records');
  const first = records[0];
  c.set('messaging.system', 'aws_sqs');
  c.set('messaging.operation.type', 'process');
  c.set('messaging.destination.name', arnTail(str(first, 'eventSourceARN')));
  c.set('messaging.batch.message_count', records.length);
  if (records.length === 1) c.set('messaging.message.id', str(first, 'messageId'));
  c.set('cloud.region', str(first, 'awsRegion'));
  for (const r of records) {
    const id = str(r, 'messageId');
    if (id !== undefined) c.link(sqsKey(id));
    c.context(parseAwsTraceHeader(at(r, 'attributes', 'AWSTraceHeader')));
    c.context(parseTraceparent(at(r, 'messageAttributes', 'traceparent', 'stringValue')));
    readEnvelope(at(r, 'body'), c, 1);
  }
}
