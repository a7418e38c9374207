// Test support: Lambda events as the shop's triggers deliver them (API Gateway HTTP API 2.0 with a
// JWT authorizer, SQS, SNS-in-SQS, EventBridge, DynamoDB Streams, S3, Kinesis, scheduled).
export function httpEvent(routeKey: string, sub: string, body?: unknown, pathParameters?: Record<string, string>, isBase64Encoded = false) {
  const [method, rawPath] = routeKey.split(' ');
  return {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString: '',
    headers: { 'content-type': 'application/json' },
    requestContext: { http: { method, path: rawPath }, authorizer: { jwt: { claims: { sub, tier: 'vip' }, scopes: [] } }, requestId: 'r1' },
    ...(pathParameters === undefined ? {} : { pathParameters }),
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    isBase64Encoded,
  };
}

export function sqsEvent(bodies: unknown[]) {
  return {
    Records: bodies.map((b, i) => ({
      messageId: `m-${i}`,
      receiptHandle: `rh-${i}`,
      body: typeof b === 'string' ? b : JSON.stringify(b),
      attributes: { ApproximateReceiveCount: '1', SentTimestamp: String(Date.now()), SenderId: 'x', ApproximateFirstReceiveTimestamp: String(Date.now()) },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:q',
      awsRegion: 'us-east-1',
    })),
  };
}

export const snsEnvelope = (message: unknown) => ({
  Type: 'Notification',
  MessageId: 'sns-1',
  TopicArn: 'arn:aws:sns:us-east-1:123456789012:shop-notifications',
  Message: JSON.stringify(message),
  Timestamp: new Date().toISOString(),
});

export const eventBridgeEvent = (detailType: string, detail: unknown) => ({
  version: '0',
  id: 'e-1',
  'detail-type': detailType,
  source: 'shop.payments',
  account: '123456789012',
  time: new Date().toISOString(),
  region: 'us-east-1',
  resources: [],
  detail,
});

export const scheduledEvent = (rule: string, time = new Date().toISOString()) => ({
  version: '0',
  id: 's-1',
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: '123456789012',
  time,
  region: 'us-east-1',
  resources: [`arn:aws:events:us-east-1:123456789012:rule/${rule}`],
  detail: {},
});

export function s3Event(bucket: string, key: string) {
  return { Records: [{ eventVersion: '2.1', eventSource: 'aws:s3', awsRegion: 'us-east-1', eventName: 'ObjectCreated:Put', s3: { bucket: { name: bucket }, object: { key: encodeURIComponent(key).replace(/%2F/g, '/'), size: 1 } } }] };
}

export function streamRecord(eventName: 'INSERT' | 'MODIFY' | 'REMOVE', oldImage?: Record<string, unknown>, newImage?: Record<string, unknown>) {
  return {
    eventID: `ev-${Math.random().toString(36).slice(2)}`,
    eventName,
    eventSource: 'aws:dynamodb',
    awsRegion: 'us-east-1',
    eventSourceARN: 'arn:aws:dynamodb:us-east-1:123456789012:table/shop-orders/stream/2026-01-01T00:00:00.000',
    dynamodb: { Keys: { orderId: (newImage ?? oldImage)?.orderId }, ...(oldImage ? { OldImage: oldImage } : {}), ...(newImage ? { NewImage: newImage } : {}), StreamViewType: 'NEW_AND_OLD_IMAGES' },
  };
}

export const kinesisRecord = (click: unknown, seq: number) => ({
  kinesis: { data: Buffer.from(JSON.stringify(click)).toString('base64'), partitionKey: 'p', sequenceNumber: String(seq) },
  eventSource: 'aws:kinesis',
});
