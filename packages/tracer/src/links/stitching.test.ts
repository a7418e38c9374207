// THE KEY TEST: for every service of design section 4, the key the producer reads from a correctly
// shaped AWS response equals a key the consumer reads from the correctly shaped Lambda event.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  dynamoDbStreamEvent,
  eventBridgeEvent,
  kinesisEvent,
  s3Notification,
  s3ObjectCreatedViaEventBridge,
  snsEvent,
  snsNotification,
  sqsEvent,
} from '../../test/aws-events.ts';
import { parseTrigger } from '../triggers/parse-trigger.ts';
import { producerLinkKeys, type ProducerCall } from './producer-link-keys.ts';
import { addStepFunctionsLink } from './step-functions.ts';

const meta = (requestId: string) => ({ httpStatusCode: 200, requestId, attempts: 1, totalRetryDelay: 0 });

/** Every producer key is found in the consumer's linkIn; returns the shared keys. */
function assertStitched(call: ProducerCall, event: unknown, expected: string[], config = {}): void {
  const out = producerLinkKeys(call);
  const linkIn = parseTrigger(event, config).linkIn;
  assert.deepEqual(out, expected, 'producer keys');
  for (const k of expected) assert.ok(linkIn.includes(k), `consumer linkIn ${JSON.stringify(linkIn)} lacks ${k}`);
}

describe('producer keys equal consumer keys', () => {
  test('SQS SendMessage -> SQS event', () => {
    const id = 'd9b5c7b0-3c2b-4a9a-9f55-5f0a8c1e2b11';
    assertStitched(
      { service: 'sqs', operation: 'SendMessage', input: { QueueUrl: 'https://sqs.eu-west-1.amazonaws.com/123456789012/orders', MessageBody: '{}' }, output: { $metadata: meta('r1'), MD5OfMessageBody: '99914b932bd37a50b983c5e7c90ae93b', MessageId: id } },
      sqsEvent('orders', [{ messageId: id, body: '{}' }]),
      [`sqs:${id}`],
    );
  });

  test('SQS SendMessageBatch: one key per successful entry, failed entries none', () => {
    const call: ProducerCall = {
      service: 'sqs',
      operation: 'SendMessageBatchCommand',
      input: { QueueUrl: 'q', Entries: [{ Id: 'a', MessageBody: '1' }, { Id: 'b', MessageBody: '2' }, { Id: 'c', MessageBody: '3' }] },
      output: {
        $metadata: meta('r2'),
        Successful: [
          { Id: 'a', MessageId: 'm-a', MD5OfMessageBody: 'c4ca4238a0b923820dcc509a6f75849b' },
          { Id: 'c', MessageId: 'm-c', MD5OfMessageBody: 'eccbc87e4b5ce2fe28308fd9f2a7baf3' },
        ],
        Failed: [{ Id: 'b', SenderFault: true, Code: 'InvalidParameterValue', Message: 'bad' }],
      },
    };
    assertStitched(call, sqsEvent('orders', [{ messageId: 'm-a', body: '1' }, { messageId: 'm-c', body: '3' }]), ['sqs:m-a', 'sqs:m-c']);
  });

  test('SNS Publish -> SNS event', () => {
    const id = '95df01b4-ee98-5cb9-9903-4c221d41eb5e';
    assertStitched(
      { service: 'sns', operation: 'Publish', input: { TopicArn: 'arn:aws:sns:eu-west-1:123456789012:orders', Message: 'hi' }, output: { $metadata: meta('r3'), MessageId: id } },
      snsEvent('orders', [{ messageId: id, message: 'hi' }]),
      [`sns:${id}`],
    );
  });

  test('SNS PublishBatch -> SNS events', () => {
    assertStitched(
      {
        service: 'sns',
        operation: 'PublishBatch',
        input: {},
        output: {
          $metadata: meta('r4'),
          Successful: [{ Id: 'msg-1', MessageId: 'c3d4e5f6-a7b8-9012-cdef-123456789012', SequenceNumber: '10000000000000001001' }],
          Failed: [{ Id: 'msg-2', Code: 'InvalidParameter', Message: 'Invalid message structure', SenderFault: true }],
        },
      },
      snsEvent('orders', [{ messageId: 'c3d4e5f6-a7b8-9012-cdef-123456789012', message: 'x' }]),
      ['sns:c3d4e5f6-a7b8-9012-cdef-123456789012'],
    );
  });

  test('SNS -> SQS: the SQS body is the SNS envelope', () => {
    const snsId = '6a3e3b43-b3f5-5d6b-8c5b-1f1b0f2ad8b7';
    const event = sqsEvent('orders-sub', [{ messageId: 'sqs-1', body: JSON.stringify(snsNotification('orders', snsId, '{"order":1}')) }]);
    assertStitched({ service: 'sns', operation: 'Publish', input: {}, output: { $metadata: meta('r5'), MessageId: snsId } }, event, [`sns:${snsId}`]);
    assert.ok(parseTrigger(event).linkIn.includes('sqs:sqs-1'), 'the SQS message keeps its own key too');
  });

  test('EventBridge PutEvents -> EventBridge event (failed entries have no EventId)', () => {
    const id = '11710aed-b79e-4468-a20b-bb3c0c3b4860';
    assertStitched(
      {
        service: 'eventbridge',
        operation: 'PutEvents',
        input: { Entries: [{ Source: 'shop', DetailType: 'OrderPlaced', Detail: '{}' }, { Source: 'shop', DetailType: 'x', Detail: 'bad' }] },
        output: { $metadata: meta('r6'), FailedEntryCount: 1, Entries: [{ EventId: id }, { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' }] },
      },
      eventBridgeEvent(id, 'shop', 'OrderPlaced', {}),
      [`events:${id}`],
    );
  });

  test('EventBridge -> SQS target: the body is the event', () => {
    const id = 'e1c0b3b5-7bd1-4f6b-8a44-0d4f1b7c9a33';
    assertStitched(
      { service: 'eventbridge', operation: 'PutEvents', input: {}, output: { FailedEntryCount: 0, Entries: [{ EventId: id }] } },
      sqsEvent('events-q', [{ messageId: 'q1', body: JSON.stringify(eventBridgeEvent(id, 'shop', 'OrderPlaced', { n: 1 })) }]),
      [`events:${id}`],
    );
  });

  test('Kinesis PutRecord and PutRecords -> Kinesis event', () => {
    const shard = 'shardId-000000000006';
    const seq = '49590338271490256608559692538361571095921575989136588898';
    const event = kinesisEvent('clicks', [
      { shardId: shard, sequenceNumber: seq, data: 'a' },
      { shardId: 'shardId-000000000001', sequenceNumber: '49590338271490256608559692540925702759324208523137515618', data: 'b' },
    ]);
    assertStitched(
      { service: 'kinesis', operation: 'PutRecord', input: { StreamName: 'clicks', PartitionKey: '1', Data: new Uint8Array([97]) }, output: { $metadata: meta('r7'), ShardId: shard, SequenceNumber: seq, EncryptionType: 'NONE' } },
      event,
      [`kinesis:clicks:${shard}:${seq}`],
    );
    assertStitched(
      {
        service: 'kinesis',
        operation: 'PutRecords',
        input: { StreamARN: 'arn:aws:kinesis:eu-west-1:123456789012:stream/clicks', Records: [] },
        output: {
          $metadata: meta('r8'),
          FailedRecordCount: 1,
          Records: [
            { SequenceNumber: '49590338271490256608559692540925702759324208523137515618', ShardId: 'shardId-000000000001' },
            { ErrorCode: 'ProvisionedThroughputExceededException', ErrorMessage: 'Rate exceeded for shard shardId-000000000001' },
          ],
        },
      },
      event,
      ['kinesis:clicks:shardId-000000000001:49590338271490256608559692540925702759324208523137515618'],
    );
  });

  test('DynamoDB PutItem -> INSERT record (NewImage)', () => {
    const item = { pk: { S: 'order#1' }, total: { N: '12.50' }, tags: { SS: ['b', 'a'] }, lines: { L: [{ M: { sku: { S: 'x' }, qty: { N: '2' } } }] }, paid: { BOOL: true } };
    // DynamoDB hands the stream the normalised number, its own set order and map order.
    const image = { total: { N: '12.5' }, paid: { BOOL: true }, pk: { S: 'order#1' }, lines: { L: [{ M: { qty: { N: '2' }, sku: { S: 'x' } } }] }, tags: { SS: ['a', 'b'] } };
    const call: ProducerCall = { service: 'dynamodb', operation: 'PutItem', input: { TableName: 'orders', Item: item }, output: { $metadata: meta('r9') } };
    const [key] = producerLinkKeys(call);
    assert.ok(key !== undefined && key.startsWith('ddb:orders:'));
    assertStitched(call, dynamoDbStreamEvent('orders', [{ eventName: 'INSERT', keys: { pk: { S: 'order#1' } }, newImage: image }]), [key]);
  });

  test('DynamoDB UpdateItem and DeleteItem -> MODIFY / REMOVE records (Keys)', () => {
    const key = { pk: { S: 'order#1' }, sk: { N: '7' } };
    const upd: ProducerCall = { service: 'dynamodb', operation: 'UpdateItem', input: { TableName: 'arn:aws:dynamodb:eu-west-1:123456789012:table/orders', Key: key, UpdateExpression: 'SET #s = :s' }, output: { $metadata: meta('r10') } };
    const del: ProducerCall = { service: 'dynamodb', operation: 'DeleteItem', input: { TableName: 'orders', Key: key }, output: {} };
    const event = dynamoDbStreamEvent('orders', [
      { eventName: 'MODIFY', keys: { sk: { N: '7' }, pk: { S: 'order#1' } }, newImage: { pk: { S: 'order#1' }, sk: { N: '7' }, s: { S: 'paid' } } },
      { eventName: 'REMOVE', keys: { sk: { N: '7' }, pk: { S: 'order#1' } }, oldImage: { pk: { S: 'order#1' }, sk: { N: '7' } } },
    ]);
    const [k] = producerLinkKeys(upd);
    assert.ok(k !== undefined);
    assertStitched(upd, event, [k]);
    assertStitched(del, event, [k]);
  });

  test('DynamoDB: the same key written twice gives the same key on both writes and both records', () => {
    const item = { pk: { S: 'counter' }, n: { N: '1' } };
    const first = producerLinkKeys({ service: 'dynamodb', operation: 'PutItem', input: { TableName: 'c', Item: item }, output: {} });
    const second = producerLinkKeys({ service: 'dynamodb', operation: 'PutItem', input: { TableName: 'c', Item: { n: { N: '1.0' }, pk: { S: 'counter' } } }, output: {} });
    assert.deepEqual(first, second);
    const event = dynamoDbStreamEvent('c', [
      { eventName: 'INSERT', keys: { pk: { S: 'counter' } }, newImage: { pk: { S: 'counter' }, n: { N: '1' } } },
      { eventName: 'MODIFY', keys: { pk: { S: 'counter' } }, newImage: { pk: { S: 'counter' }, n: { N: '1' } }, oldImage: { pk: { S: 'counter' }, n: { N: '1' } } },
    ]);
    const linkIn = parseTrigger(event).linkIn;
    assert.ok(first[0] !== undefined && linkIn.includes(first[0]));
    // One key for both records: the backend disambiguates by time (nearest earlier producer).
    assert.equal(linkIn.filter((k) => k === first[0]).length, 1);
  });

  test('DynamoDB BatchWriteItem and TransactWriteItems: each write, unprocessed ones excluded', () => {
    const a = { pk: { S: 'a' }, v: { N: '1' } };
    const b = { pk: { S: 'b' }, v: { N: '2' } };
    const batch: ProducerCall = {
      service: 'dynamodb',
      operation: 'BatchWriteItem',
      input: { RequestItems: { t: [{ PutRequest: { Item: a } }, { PutRequest: { Item: b } }, { DeleteRequest: { Key: { pk: { S: 'z' } } } }] } },
      output: { $metadata: meta('r11'), UnprocessedItems: { t: [{ PutRequest: { Item: b } }] } },
    };
    const event = dynamoDbStreamEvent('t', [
      { eventName: 'INSERT', keys: { pk: { S: 'a' } }, newImage: a },
      { eventName: 'REMOVE', keys: { pk: { S: 'z' } }, oldImage: { pk: { S: 'z' } } },
    ]);
    const keys = producerLinkKeys(batch);
    assert.equal(keys.length, 2);
    assertStitched(batch, event, keys);
    const tx: ProducerCall = {
      service: 'dynamodb',
      operation: 'TransactWriteItems',
      input: {
        TransactItems: [
          { Put: { TableName: 't', Item: a } },
          { ConditionCheck: { TableName: 't', Key: { pk: { S: 'q' } }, ConditionExpression: 'attribute_exists(pk)' } },
          { Delete: { TableName: 't', Key: { pk: { S: 'z' } } } },
        ],
      },
      output: {},
    };
    assert.deepEqual(producerLinkKeys(tx), keys);
    assertStitched(tx, event, keys);
  });

  test('S3 PutObject -> S3 notification (key URL-encoded in the event)', () => {
    const requestId = 'C3D13FE58DE4C810';
    assertStitched(
      { service: 's3', operation: 'PutObject', input: { Bucket: 'uploads', Key: 'photos/my cat+1.jpg', Body: 'x' }, output: { $metadata: meta(requestId), ETag: '"b1946ac92492d2347c6235b4d2611184"' }, responseHeaders: { 'x-amz-request-id': requestId, 'x-amz-id-2': 'abc' } },
      s3Notification('uploads', 'photos/my+cat%2B1.jpg', requestId),
      [`s3:uploads/photos/my cat+1.jpg:${requestId}`],
    );
  });

  test('S3 -> SQS and S3 -> SNS -> SQS', () => {
    const requestId = '8D1AA1F6D1D1B2C3';
    const call: ProducerCall = { service: 's3', operation: 'CompleteMultipartUpload', input: { Bucket: 'b', Key: 'big.bin', UploadId: 'u' }, output: { Location: 'https://b.s3.amazonaws.com/big.bin', Bucket: 'b', Key: 'big.bin', ETag: '"x-2"' }, responseHeaders: { 'X-Amz-Request-Id': requestId } };
    const expected = [`s3:b/big.bin:${requestId}`];
    assertStitched(call, sqsEvent('s3-q', [{ messageId: 'm', body: JSON.stringify(s3Notification('b', 'big.bin', requestId)) }]), expected);
    const viaSns = sqsEvent('s3-q', [{ messageId: 'm2', body: JSON.stringify(snsNotification('s3-topic', 'sns-9', JSON.stringify(s3Notification('b', 'big.bin', requestId)))) }]);
    assertStitched(call, viaSns, expected);
    assert.ok(parseTrigger(viaSns).linkIn.includes('sns:sns-9'));
  });

  test('S3 CopyObject -> EventBridge "Object Created" (key not encoded)', () => {
    const requestId = 'XRRTKJXSZQCWNQR1';
    assertStitched(
      { service: 's3', operation: 'CopyObject', input: { Bucket: 'dest', Key: 'raw/2023-08-08T14:03:40.zip', CopySource: 'src/a.zip' }, output: { CopyObjectResult: { ETag: '"e"' } }, responseHeaders: { 'x-amz-request-id': requestId } },
      s3ObjectCreatedViaEventBridge('c9888434-815d-c6f4-9fc2-4dd7bdeccaaf', 'dest', 'raw/2023-08-08T14:03:40.zip', requestId),
      [`s3:dest/raw/2023-08-08T14:03:40.zip:${requestId}`],
    );
  });

  test("Lambda Invoke -> the callee's request id", () => {
    const requestId = '52fdfc07-2182-154f-163f-5f0f9a621d72';
    assertStitched(
      { service: 'lambda', operation: 'Invoke', input: { FunctionName: 'callee', InvocationType: 'Event', Payload: new Uint8Array() }, output: { $metadata: meta(requestId), StatusCode: 202 }, responseHeaders: { 'x-amzn-requestid': requestId } },
      { any: 'payload' },
      [`lambda:${requestId}`],
      { requestId },
    );
  });

  test('Step Functions: the opt-in id in the output is read from the next state input', () => {
    const { output, key } = addStepFunctionsLink({ orderId: 7 }, 'f00dfeed');
    assert.equal(key, 'sfn:f00dfeed');
    // The next state receives the output as its input (or nested under a ResultPath).
    assert.deepEqual(parseTrigger(output).linkIn, ['sfn:f00dfeed']);
    assert.deepEqual(parseTrigger({ order: 7, result: output }).linkIn, ['sfn:f00dfeed']);
    // A producer starting an execution with such input records the same key.
    assertStitched({ service: 'stepfunctions', operation: 'StartExecution', input: { stateMachineArn: 'arn', input: JSON.stringify(output) }, output: { executionArn: 'arn:x', startDate: new Date() } }, output, ['sfn:f00dfeed']);
  });
});
