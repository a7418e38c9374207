// CloudWatch Logs subscription: { awslogs: { data: base64(gzip(JSON)) } }.
import { gunzipSync } from 'node:zlib';
import { arr, parseJsonObject, str } from '../util/read.ts';
import type { TriggerCollector } from './collector.ts';

const MAX_UNZIPPED = 8 * 1024 * 1024;

export function parseCloudWatchLogs(event: unknown, c: TriggerCollector): void {
  c.is('pubsub', 'cloudwatch-logs');
  const data = str(event, 'awslogs', 'data');
  if (data === undefined) return;
  let payload: unknown;
  try {
    payload = parseJsonObject(gunzipSync(Buffer.from(data, 'base64'), { maxOutputLength: MAX_UNZIPPED }).toString('utf8'), MAX_UNZIPPED);
  } catch {
    return;
  }
  const group = str(payload, 'logGroup');
  const stream = str(payload, 'logStream');
  c.set('aws.log.group.names', group === undefined ? undefined : [group]);
  c.set('aws.log.stream.names', stream === undefined ? undefined : [stream]);
  c.set('cloud.account.id', str(payload, 'owner'));
  c.set('nightjar.trigger.records', arr(payload, 'logEvents').length);
}
