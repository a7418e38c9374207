// S3 event notifications: direct, or inside SQS / SNS messages.
import { s3Key } from '../links/keys.ts';
import { arr, at, str } from '../util/read.ts';
import type { TriggerCollector } from './collector.ts';

/** Notification object keys are URL-encoded with '+' for spaces. */
export function decodeS3Key(key: string): string {
  try {
    return decodeURIComponent(key.replace(/\+/g, ' '));
  } catch {
    return key;
  }
}

export function isS3Notification(v: unknown): boolean {
  return str(arr(v, 'Records')[0], 'eventSource') === 'aws:s3';
}

/** The stitching keys of every record of an S3 notification. */
export function s3NotificationKeys(v: unknown, c: TriggerCollector): void {
  for (const r of arr(v, 'Records')) {
    const bucket = str(r, 's3', 'bucket', 'name');
    const key = str(r, 's3', 'object', 'key');
    const requestId = str(r, 'responseElements', 'x-amz-request-id');
    if (bucket !== undefined && key !== undefined && requestId !== undefined) c.link(s3Key(bucket, decodeS3Key(key), requestId));
  }
}

function operation(eventName: string | undefined): string | undefined {
  if (eventName === undefined) return undefined;
  if (eventName.startsWith('ObjectCreated')) return 'insert';
  if (eventName.startsWith('ObjectRemoved')) return 'delete';
  return eventName;
}

export function parseS3(event: unknown, c: TriggerCollector): void {
  c.is('datasource', 's3');
  const records = arr(event, 'Records');
  const first = records[0];
  const bucket = str(first, 's3', 'bucket', 'name');
  const key = str(first, 's3', 'object', 'key');
  c.set('aws.s3.bucket', bucket);
  c.set('aws.s3.key', key === undefined ? undefined : decodeS3Key(key));
  c.set('faas.document.collection', bucket);
  c.set('faas.document.name', key === undefined ? undefined : decodeS3Key(key));
  c.set('faas.document.operation', operation(str(first, 'eventName')));
  c.set('faas.document.time', str(first, 'eventTime'));
  c.set('cloud.region', str(first, 'awsRegion'));
  c.set('nightjar.trigger.records', records.length);
  s3NotificationKeys(event, c);
}

/** EventBridge "Object Created" (and other aws.s3 events): detail.bucket.name, detail.object.key (not encoded). */
export function s3EventBridgeKey(event: unknown, c: TriggerCollector): void {
  const bucket = str(event, 'detail', 'bucket', 'name');
  const key = str(event, 'detail', 'object', 'key');
  const requestId = str(event, 'detail', 'request-id');
  if (bucket !== undefined && key !== undefined && requestId !== undefined && at(event, 'detail-type') === 'Object Created') {
    c.link(s3Key(bucket, key, requestId));
  }
}
