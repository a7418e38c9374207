// avatar-resize: S3 notification consumer for uploads/<userId>/<name>: reads the upload, makes a
// thumbnail (real CPU work), writes thumbnails/<userId>/<name> and records it on the user.
import { DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { S3Event } from 'aws-lambda';
import { wrap } from '@nightjar/lambda';
import { requireEnv } from '../shared/env.ts';
import { toAttr } from '../shared/dynamo-item.ts';
import { logJson } from '../shared/log.ts';
import { thumbnail } from './box-blur.ts';

const s3 = new S3Client({ forcePathStyle: true });
const dynamo = new DynamoDBClient({});

export class UnexpectedUploadError extends Error {
  override name = 'UnexpectedUploadError';
}

async function resize(bucket: string, key: string): Promise<string> {
  const match = /^uploads\/([^/]+)\/([^/]+)$/.exec(key);
  if (match === null) throw new UnexpectedUploadError(`not an avatar upload: ${key}`);
  const [, userId = '', name = ''] = match;
  const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  if (object.Body === undefined) throw new UnexpectedUploadError(`empty object ${key}`);
  const bytes = await object.Body.transformToByteArray();
  const started = performance.now();
  const thumb = thumbnail(bytes);
  const thumbKey = `thumbnails/${userId}/${name}`;
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: thumbKey, Body: thumb, ContentType: 'image/x-portable-graymap', Metadata: { 'user-id': userId } }));
  await dynamo.send(new UpdateItemCommand({
    TableName: requireEnv('USERS_TABLE'),
    Key: { userId: toAttr(userId) },
    UpdateExpression: 'SET avatarKey = :k, avatarUpdatedAt = :t',
    ExpressionAttributeValues: { ':k': toAttr(thumbKey), ':t': toAttr(new Date().toISOString()) },
  }));
  logJson('info', 'avatar resized', { userId, key, thumbKey, inputBytes: bytes.length, resizeMs: Math.round(performance.now() - started) });
  return thumbKey;
}

export const handler = wrap(async (event: S3Event): Promise<{ thumbnails: string[] }> => {
  const thumbnails: string[] = [];
  for (const record of event.Records) {
    // object keys arrive URL-encoded, spaces as '+'
    const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
    thumbnails.push(await resize(record.s3.bucket.name, key));
  }
  return { thumbnails };
});
