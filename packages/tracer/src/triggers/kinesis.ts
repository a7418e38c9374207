// Kinesis Data Streams batches. eventID is "<shardId>:<sequenceNumber>".
import { kinesisKey } from '../links/keys.ts';
import { arnResourceName, arr, str } from '../util/read.ts';
import type { TriggerCollector } from './collector.ts';

export function parseKinesis(event: unknown, c: TriggerCollector): void {
  c.is('pubsub', 'kinesis');
  const records = arr(event, 'Records');
  const first = records[0];
  const firstStream = arnResourceName(str(first, 'eventSourceARN'), 'stream');
  c.set('messaging.system', 'aws_kinesis');
  c.set('messaging.operation.type', 'process');
  c.set('messaging.destination.name', firstStream);
  c.set('aws.kinesis.stream_name', firstStream);
  c.set('messaging.batch.message_count', records.length);
  c.set('cloud.region', str(first, 'awsRegion'));
  for (const r of records) {
    const stream = arnResourceName(str(r, 'eventSourceARN'), 'stream');
    const eventId = str(r, 'eventID');
    const colon = eventId === undefined ? -1 : eventId.indexOf(':');
    if (stream === undefined || eventId === undefined || colon <= 0) continue;
    const seq = str(r, 'kinesis', 'sequenceNumber') ?? eventId.slice(colon + 1);
    c.link(kinesisKey(stream, eventId.slice(0, colon), seq));
  }
}
