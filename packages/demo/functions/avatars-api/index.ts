// avatars-api: POST /users/{userId}/avatar with the image as a base64 body; stores it under
// uploads/<userId>/ in the avatars bucket (which notifies avatar-resize). Traced by the layer only.
import { randomUUID } from 'node:crypto';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { requireEnv } from '../shared/env.ts';
import { json } from '../shared/http-response.ts';
import { logJson } from '../shared/log.ts';

// path-style addressing: the bucket stays in the path, whatever host the endpoint has
const s3 = new S3Client({ forcePathStyle: true });

const MAX_BYTES = 5 * 1024 * 1024;

export async function handler(event: APIGatewayProxyEventV2WithJWTAuthorizer): Promise<APIGatewayProxyStructuredResultV2> {
  const userId = event.pathParameters?.userId ?? '';
  const caller = String(event.requestContext.authorizer?.jwt?.claims?.sub ?? '');
  if (userId === '' || caller !== userId) return json(403, { message: 'you can only change your own avatar' });
  const image = Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8');
  if (image.length === 0) return json(400, { message: 'the body must hold the image' });
  if (image.length > MAX_BYTES) return json(413, { message: `the image is larger than ${MAX_BYTES} bytes` });
  const key = `uploads/${userId}/${randomUUID()}.png`;
  await s3.send(new PutObjectCommand({
    Bucket: requireEnv('AVATARS_BUCKET'),
    Key: key,
    Body: image,
    ContentType: 'image/png',
    Metadata: { 'user-id': userId },
  }));
  logJson('info', 'avatar uploaded', { userId, key, bytes: image.length });
  return json(202, { key });
}
