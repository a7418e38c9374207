// Lambda events shaped as AWS delivers them (aws-lambda types and the AWS docs samples), built
// around the ids a test chooses. Used by the tracer's tests only.

const REGION = 'eu-west-1';
const ACCOUNT = '123456789012';

export interface SqsMessage {
  messageId: string;
  body: string;
  awsTraceHeader?: string;
  traceparent?: string;
}

export function sqsEvent(queue: string, messages: SqsMessage[]): unknown {
  return {
    Records: messages.map((m) => ({
      messageId: m.messageId,
      receiptHandle: 'MessageReceiptHandle',
      body: m.body,
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: '1523232000000',
        SenderId: '123456789012',
        ApproximateFirstReceiveTimestamp: '1523232000001',
        ...(m.awsTraceHeader !== undefined ? { AWSTraceHeader: m.awsTraceHeader } : {}),
      },
      messageAttributes:
        m.traceparent !== undefined
          ? { traceparent: { stringValue: m.traceparent, stringListValues: [], binaryListValues: [], dataType: 'String' } }
          : {},
      md5OfBody: '7b270e59b47ff90a553787216d55d91d',
      eventSource: 'aws:sqs',
      eventSourceARN: `arn:aws:sqs:${REGION}:${ACCOUNT}:${queue}`,
      awsRegion: REGION,
    })),
  };
}

/** The SNS notification object (Records[].Sns, and the JSON body SQS receives from a subscription). */
export function snsNotification(topic: string, messageId: string, message: string, traceparent?: string): Record<string, unknown> {
  return {
    Type: 'Notification',
    MessageId: messageId,
    TopicArn: `arn:aws:sns:${REGION}:${ACCOUNT}:${topic}`,
    Subject: null,
    Message: message,
    Timestamp: '2024-01-01T00:00:00.000Z',
    SignatureVersion: '1',
    Signature: 'EXAMPLE',
    SigningCertUrl: 'https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-0000000000000000000000.pem',
    UnsubscribeUrl: `https://sns.${REGION}.amazonaws.com/?Action=Unsubscribe`,
    MessageAttributes: traceparent !== undefined ? { traceparent: { Type: 'String', Value: traceparent } } : {},
  };
}

export function snsEvent(topic: string, messages: { messageId: string; message: string; traceparent?: string }[]): unknown {
  return {
    Records: messages.map((m) => ({
      EventSource: 'aws:sns',
      EventVersion: '1.0',
      EventSubscriptionArn: `arn:aws:sns:${REGION}:${ACCOUNT}:${topic}:2bcfbf39-05c3-41de-beaa-fcfcc21c8f55`,
      Sns: snsNotification(topic, m.messageId, m.message, m.traceparent),
    })),
  };
}

export function eventBridgeEvent(id: string, source: string, detailType: string, detail: unknown): Record<string, unknown> {
  return {
    version: '0',
    id,
    'detail-type': detailType,
    source,
    account: ACCOUNT,
    time: '2024-01-01T00:00:00Z',
    region: REGION,
    resources: source === 'aws.events' ? [`arn:aws:events:${REGION}:${ACCOUNT}:rule/nightly`] : [],
    detail,
  };
}

export function s3ObjectCreatedViaEventBridge(id: string, bucket: string, key: string, requestId: string): Record<string, unknown> {
  return {
    ...eventBridgeEvent(id, 'aws.s3', 'Object Created', {
      version: '0',
      bucket: { name: bucket },
      object: { key, size: 5, etag: 'b1946ac92492d2347c6235b4d2611184', sequencer: '00617F08299329D189' },
      'request-id': requestId,
      requester: ACCOUNT,
      'source-ip-address': '203.0.113.15',
      reason: 'PutObject',
    }),
    resources: [`arn:aws:s3:::${bucket}`],
  };
}

export function kinesisEvent(stream: string, records: { shardId: string; sequenceNumber: string; data: string }[]): unknown {
  return {
    Records: records.map((r) => ({
      kinesis: {
        kinesisSchemaVersion: '1.0',
        partitionKey: '1',
        sequenceNumber: r.sequenceNumber,
        data: Buffer.from(r.data).toString('base64'),
        approximateArrivalTimestamp: 1545084650.987,
      },
      eventSource: 'aws:kinesis',
      eventVersion: '1.0',
      eventID: `${r.shardId}:${r.sequenceNumber}`,
      eventName: 'aws:kinesis:record',
      invokeIdentityArn: `arn:aws:iam::${ACCOUNT}:role/lambda-role`,
      awsRegion: REGION,
      eventSourceARN: `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/${stream}`,
    })),
  };
}

export interface StreamRecord {
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  keys: Record<string, unknown>;
  newImage?: Record<string, unknown>;
  oldImage?: Record<string, unknown>;
}

export function dynamoDbStreamEvent(table: string, records: StreamRecord[]): unknown {
  return {
    Records: records.map((r, i) => ({
      eventID: `c4ca4238a0b923820dcc509a6f75849${i}`,
      eventName: r.eventName,
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: REGION,
      dynamodb: {
        ApproximateCreationDateTime: 1479499740,
        Keys: r.keys,
        ...(r.newImage !== undefined ? { NewImage: r.newImage } : {}),
        ...(r.oldImage !== undefined ? { OldImage: r.oldImage } : {}),
        SequenceNumber: `1302160000000000159689367${i}`,
        SizeBytes: 112,
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
      eventSourceARN: `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${table}/stream/2016-11-16T20:42:48.104`,
    })),
  };
}

/** An S3 notification; `encodedKey` is the object key as S3 writes it there (URL-encoded, '+' for spaces). */
export function s3Notification(bucket: string, encodedKey: string, requestId: string): Record<string, unknown> {
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: REGION,
        eventTime: '2024-01-01T00:00:00.000Z',
        eventName: 'ObjectCreated:Put',
        userIdentity: { principalId: 'AWS:AIDAINPONIXQXHT3IKHL2' },
        requestParameters: { sourceIPAddress: '205.255.255.255' },
        responseElements: { 'x-amz-request-id': requestId, 'x-amz-id-2': 'ESX2sljMKu7dXRQAxi0CENFNEPhDaMwj+fklNc2KRTgFbRGbhoMSfsVFFl1mdOq4pJJgYfl3lQ3dxxplnsLqj16IjTlZA1aT' },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: 'created',
          bucket: { name: bucket, ownerIdentity: { principalId: 'A3I5XTEXAMAI3E' }, arn: `arn:aws:s3:::${bucket}` },
          object: { key: encodedKey, size: 1305107, eTag: 'b21b84d653bb07b05b1e6b33684dc11b', sequencer: '0C0F6F405D6ED209E1' },
        },
      },
    ],
  };
}
