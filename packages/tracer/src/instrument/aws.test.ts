// AWS API calls made with the real AWS SDK v3 clients inside a wrap()-ed handler, against local
// endpoints (protocol-correct fakes, dynalite, kinesalite, s3rver); spans exported to a real local
// OTLP backend and decoded with @nightjar/otlp. The producer's `nightjar.link.out` must equal
// producerLinkKeys of the real response and match the consumer's parseTrigger(event).linkIn.
import { CreateTableCommand, DynamoDBClient, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { CreateStreamCommand, KinesisClient, PutRecordCommand } from '@aws-sdk/client-kinesis';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { PublishBatchCommand, PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { DeleteMessageCommand, SendMessageBatchCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { SpanRow } from '@nightjar/model';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import dynalite from 'dynalite';
import kinesalite from 'kinesalite';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import S3rver from 's3rver';
import { dynamoDbStreamEvent, eventBridgeEvent, kinesisEvent, s3Notification, snsEvent, sqsEvent } from '../../test/aws-events.ts';
import { startEventBridgeFake, startKinesisH2Fake, startLambdaFake, startS3Fake, startSnsFake, startSqsFake } from '../../test/aws-fakes.ts';
import { startBackend, type Backend } from '../../test/otlp-backend.ts';
import { tracedRun, type TestServer } from '../../test/traced-run.ts';
import { producerLinkKeys } from '../links/producer-link-keys.ts';
import { parseTrigger } from '../triggers/parse-trigger.ts';
import { instrumentOutbound } from './index.ts';

const REGION = 'eu-west-1';
const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'test-secret' };
const closers: (() => Promise<unknown>)[] = [];
let backend: Backend;

before(async () => {
  instrumentOutbound(undefined); // wrap() does it too: here before any client of this file connects
  backend = await startBackend();
  closers.push(() => backend.close());
});
after(async () => {
  for (const close of closers.reverse()) await close();
});

async function fake(start: () => Promise<TestServer>): Promise<TestServer> {
  const s = await start();
  closers.push(() => s.close());
  return s;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function one(spans: SpanRow[]): SpanRow {
  assert.equal(spans.length, 1, `spans: ${spans.map((s) => s.name).join(', ')}`);
  const s = spans[0];
  assert.ok(s !== undefined);
  return s;
}

function assertAws(s: SpanRow, name: string, service: string, method: string, maxAttempts = '3'): void {
  assert.equal(s.name, name);
  assert.equal(s.kind, 'client');
  assert.equal(s.status, 'unset', s.statusMessage);
  assert.equal(s.attributes['rpc.system'], 'aws-api');
  assert.equal(s.attributes['rpc.service'], service);
  assert.equal(s.attributes['rpc.method'], method);
  assert.equal(s.attributes['cloud.region'], REGION);
  assert.equal(s.attributes['http.response.status_code'], '200');
  assert.equal(s.attributes['nightjar.aws.attempt'], '1');
  assert.equal(s.attributes['nightjar.aws.max_attempts'], maxAttempts);
}

describe('AWS SDK v3 calls', () => {
  test('SQS SendMessage and SendMessageBatch', async () => {
    const sqs = await fake(startSqsFake);
    const client = new SQSClient({ region: REGION, endpoint: sqs.url, credentials });
    const QueueUrl = `${sqs.url}/123456789012/orders`;
    const single = { QueueUrl, MessageBody: '{"orderId":1}' };
    const batch = { QueueUrl, Entries: [{ Id: 'a', MessageBody: 'one' }, { Id: 'b', MessageBody: 'two' }, { Id: 'fail-c', MessageBody: 'three' }] };
    const { result, children } = await tracedRun(backend, async () => [await client.send(new SendMessageCommand(single)), await client.send(new SendMessageBatchCommand(batch))] as const);
    const [sent, sentBatch] = result;
    assert.equal(children.length, 2);
    const [s1, s2] = children as [SpanRow, SpanRow];
    assertAws(s1, 'SQS.SendMessage', 'SQS', 'SendMessage');
    assertAws(s2, 'SQS.SendMessageBatch', 'SQS', 'SendMessageBatch');
    assert.equal(s1.attributes['aws.sqs.queue.url'], QueueUrl);
    assert.equal(s1.attributes['messaging.destination.name'], 'orders');
    assert.equal(s1.attributes['messaging.system'], 'aws_sqs');
    assert.match(s1.attributes['aws.request_id'] ?? '', /^[\da-f-]{36}$/);
    assert.equal(sqs.seen[0]?.headers['traceparent'], undefined, 'no traceparent on a signed request');
    assert.deepEqual(s1.linkOut, producerLinkKeys({ service: 'sqs', operation: 'SendMessage', input: single, output: sent }));
    assert.deepEqual(s2.linkOut, producerLinkKeys({ service: 'sqs', operation: 'SendMessageBatch', input: batch, output: sentBatch }));
    assert.equal(s2.linkOut.length, 2);
    const consumer = parseTrigger(sqsEvent('orders', [{ messageId: sent.MessageId ?? '', body: single.MessageBody }, ...(sentBatch.Successful ?? []).map((e) => ({ messageId: e.MessageId ?? '', body: 'x' }))]));
    assert.deepEqual(consumer.linkIn, [...s1.linkOut, ...s2.linkOut]);
  });

  test('DynamoDB PutItem and UpdateItem (dynalite)', async () => {
    const endpoint = await listen(dynalite({ createTableMs: 0 }));
    const client = new DynamoDBClient({ region: REGION, endpoint, credentials });
    await client.send(new CreateTableCommand({ TableName: 'orders', AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], BillingMode: 'PAY_PER_REQUEST' }));
    const put = { TableName: 'orders', Item: { pk: { S: 'order#1' }, total: { N: '12.50' }, tags: { SS: ['b', 'a'] } } };
    const update = { TableName: 'orders', Key: { pk: { S: 'order#1' } }, UpdateExpression: 'SET #s = :s', ExpressionAttributeNames: { '#s': 'state' }, ExpressionAttributeValues: { ':s': { S: 'paid' } } };
    const { result, children } = await tracedRun(backend, async () => [await client.send(new PutItemCommand(put)), await client.send(new UpdateItemCommand(update))] as const);
    const [s1, s2] = children as [SpanRow, SpanRow];
    assert.equal(children.length, 2);
    assertAws(s1, 'DynamoDB.PutItem', 'DynamoDB', 'PutItem', '4');
    assertAws(s2, 'DynamoDB.UpdateItem', 'DynamoDB', 'UpdateItem', '4');
    assert.equal(s1.attributes['aws.dynamodb.table_names'], JSON.stringify(['orders']));
    assert.deepEqual(s1.linkOut, producerLinkKeys({ service: 'dynamodb', operation: 'PutItem', input: put, output: result[0] }));
    assert.deepEqual(s2.linkOut, producerLinkKeys({ service: 'dynamodb', operation: 'UpdateItem', input: update, output: result[1] }));
    const consumer = parseTrigger(
      dynamoDbStreamEvent('orders', [
        { eventName: 'INSERT', keys: { pk: { S: 'order#1' } }, newImage: { tags: { SS: ['a', 'b'] }, total: { N: '12.5' }, pk: { S: 'order#1' } } },
      ]),
    );
    assert.ok(s1.linkOut[0] !== undefined && consumer.linkIn.includes(s1.linkOut[0]), `${s1.linkOut[0]} in ${consumer.linkIn.join(', ')}`);
    assert.ok(s2.linkOut[0] !== undefined && consumer.linkIn.includes(s2.linkOut[0]));
  });

  test('SNS Publish and PublishBatch (query protocol, XML responses)', async () => {
    const sns = await fake(startSnsFake);
    const client = new SNSClient({ region: REGION, endpoint: sns.url, credentials });
    const TopicArn = 'arn:aws:sns:eu-west-1:123456789012:order-events';
    const publish = { TopicArn, Message: 'hello' };
    const batch = { TopicArn, PublishBatchRequestEntries: [{ Id: 'a', Message: 'one' }, { Id: 'fail-b', Message: 'two' }, { Id: 'c', Message: 'three' }] };
    const { result, children } = await tracedRun(backend, async () => [await client.send(new PublishCommand(publish)), await client.send(new PublishBatchCommand(batch))] as const);
    const [s1, s2] = children as [SpanRow, SpanRow];
    assertAws(s1, 'SNS.Publish', 'SNS', 'Publish');
    assertAws(s2, 'SNS.PublishBatch', 'SNS', 'PublishBatch');
    assert.equal(s1.attributes['aws.sns.topic.arn'], TopicArn);
    assert.equal(s1.attributes['messaging.destination.name'], 'order-events');
    assert.deepEqual(s1.linkOut, producerLinkKeys({ service: 'sns', operation: 'Publish', input: publish, output: result[0] }));
    assert.deepEqual(s2.linkOut, producerLinkKeys({ service: 'sns', operation: 'PublishBatch', input: batch, output: result[1] }));
    assert.equal(s2.linkOut.length, 2);
    const consumer = parseTrigger(snsEvent('order-events', [{ messageId: result[0].MessageId ?? '', message: 'hello' }]));
    assert.deepEqual(consumer.linkIn, s1.linkOut);
  });

  test('EventBridge PutEvents', async () => {
    const events = await fake(startEventBridgeFake);
    const client = new EventBridgeClient({ region: REGION, endpoint: events.url, credentials });
    const input = { Entries: [{ Source: 'shop.orders', DetailType: 'OrderPlaced', Detail: '{"id":1}', EventBusName: 'orders-bus' }] };
    const { result, children } = await tracedRun(backend, () => client.send(new PutEventsCommand(input)));
    const s = one(children);
    assertAws(s, 'EventBridge.PutEvents', 'EventBridge', 'PutEvents');
    assert.equal(s.attributes['messaging.destination.name'], 'orders-bus');
    assert.deepEqual(s.linkOut, producerLinkKeys({ service: 'eventbridge', operation: 'PutEvents', input, output: result }));
    const consumer = parseTrigger(eventBridgeEvent(result.Entries?.[0]?.EventId ?? '', 'shop.orders', 'OrderPlaced', { id: 1 }));
    assert.deepEqual(consumer.linkIn, s.linkOut);
  });

  test('Kinesis PutRecord (kinesalite)', async () => {
    const endpoint = await listen(kinesalite({ createStreamMs: 0 }));
    const client = new KinesisClient({ region: REGION, endpoint, credentials, requestHandler: new NodeHttpHandler() });
    await client.send(new CreateStreamCommand({ StreamName: 'clicks', ShardCount: 1 }));
    const input = { StreamName: 'clicks', PartitionKey: 'user-1', Data: new TextEncoder().encode('{"click":1}') };
    const { result, children } = await tracedRun(backend, () => client.send(new PutRecordCommand(input)));
    const s = one(children);
    assertAws(s, 'Kinesis.PutRecord', 'Kinesis', 'PutRecord');
    assert.equal(s.attributes['aws.kinesis.stream_name'], 'clicks');
    assert.deepEqual(s.linkOut, producerLinkKeys({ service: 'kinesis', operation: 'PutRecord', input, output: result }));
    assert.equal(s.linkOut.length, 1);
    const consumer = parseTrigger(kinesisEvent('clicks', [{ shardId: result.ShardId ?? '', sequenceNumber: result.SequenceNumber ?? '', data: '{"click":1}' }]));
    assert.deepEqual(consumer.linkIn, s.linkOut);
  });

  test('Kinesis PutRecord over HTTP/2 (the client\'s default handler)', async () => {
    const kinesis = await fake(startKinesisH2Fake);
    const client = new KinesisClient({ region: REGION, endpoint: kinesis.url, credentials });
    closers.push(async () => client.destroy());
    const input = { StreamName: 'clicks', PartitionKey: 'user-1', Data: new TextEncoder().encode('{"click":2}') };
    const { result, children } = await tracedRun(backend, () => client.send(new PutRecordCommand(input)));
    assert.equal(kinesis.seen[0]?.headers[':method'], 'POST', 'the request went over HTTP/2');
    assert.equal(kinesis.seen[0]?.headers['traceparent'], undefined);
    const s = one(children);
    assertAws(s, 'Kinesis.PutRecord', 'Kinesis', 'PutRecord');
    assert.deepEqual(s.linkOut, producerLinkKeys({ service: 'kinesis', operation: 'PutRecord', input, output: result }));
    assert.deepEqual(s.linkOut, [`kinesis:clicks:shardId-000000000000:${result.SequenceNumber ?? ''}`]);
    const consumer = parseTrigger(kinesisEvent('clicks', [{ shardId: result.ShardId ?? '', sequenceNumber: result.SequenceNumber ?? '', data: '{"click":2}' }]));
    assert.deepEqual(consumer.linkIn, s.linkOut);
  });

  test('S3 PutObject (s3rver, path style): span, bucket and key', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'nightjar-s3-'));
    const s3rver = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory });
    const address = await s3rver.run();
    closers.push(async () => {
      await s3rver.close();
      await rm(directory, { recursive: true, force: true });
    });
    const client = new S3Client({ region: REGION, endpoint: `http://127.0.0.1:${address.port}`, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }, forcePathStyle: true });
    await client.send(new CreateBucketCommand({ Bucket: 'uploads' }));
    const input = { Bucket: 'uploads', Key: 'reports/2026 q4.csv', Body: 'a,b\n1,2\n' };
    const { children } = await tracedRun(backend, () => client.send(new PutObjectCommand(input)));
    const s = one(children);
    assertAws(s, 'S3.PutObject', 'S3', 'PutObject');
    assert.equal(s.attributes['aws.s3.bucket'], 'uploads');
    assert.equal(s.attributes['aws.s3.key'], 'reports/2026 q4.csv');
    assert.deepEqual(s.linkOut, [], 's3rver sends no x-amz-request-id');
  });

  test('S3 PutObject with a request id: the key matches the S3 notification', async () => {
    const s3 = await fake(startS3Fake);
    const client = new S3Client({ region: REGION, endpoint: s3.url, credentials, forcePathStyle: true });
    const input = { Bucket: 'uploads', Key: 'reports/2026 q4.csv', Body: 'a,b\n1,2\n' };
    const { result, children } = await tracedRun(backend, () => client.send(new PutObjectCommand(input)));
    const requestId = result.$metadata.requestId ?? '';
    assert.match(requestId, /^[\dA-F]{16}$/);
    const s = one(children);
    assertAws(s, 'S3.PutObject', 'S3', 'PutObject');
    assert.equal(s.attributes['aws.request_id'], requestId);
    assert.equal(s3.seen[0]?.body, input.Body, 'the object body arrived untouched');
    assert.deepEqual(s.linkOut, producerLinkKeys({ service: 's3', operation: 'PutObject', input, output: result, responseHeaders: { 'x-amz-request-id': requestId } }));
    assert.equal(s.linkOut.length, 1);
    const consumer = parseTrigger(s3Notification('uploads', 'reports/2026+q4.csv', requestId));
    assert.deepEqual(consumer.linkIn, s.linkOut);
  });

  test('Lambda Invoke', async () => {
    const lambda = await fake(startLambdaFake);
    const client = new LambdaClient({ region: REGION, endpoint: lambda.url, credentials });
    const input = { FunctionName: 'billing', Payload: new TextEncoder().encode('{"orderId":1}') };
    const { result, children } = await tracedRun(backend, () => client.send(new InvokeCommand(input)));
    const requestId = result.$metadata.requestId ?? '';
    assert.match(requestId, /^[\da-f-]{36}$/);
    assert.equal(new TextDecoder().decode(result.Payload), JSON.stringify({ echoed: '{"orderId":1}' }));
    const s = one(children);
    assertAws(s, 'Lambda.Invoke', 'Lambda', 'Invoke');
    assert.equal(s.attributes['faas.invoked_name'], 'billing');
    assert.equal(s.attributes['aws.request_id'], requestId);
    assert.deepEqual(s.linkOut, producerLinkKeys({ service: 'lambda', operation: 'Invoke', input, output: {}, responseHeaders: { 'x-amzn-requestid': requestId } }));
    const consumer = parseTrigger({ orderId: 1 }, { requestId });
    assert.deepEqual(consumer.linkIn, s.linkOut);
  });

  test('an AWS error: the caller gets the SDK error; the span has the error code, status error and no link', async () => {
    const sqs = await fake(startSqsFake);
    const client = new SQSClient({ region: REGION, endpoint: sqs.url, credentials, maxAttempts: 1 });
    const QueueUrl = `${sqs.url}/123456789012/missing`;
    const { result, children } = await tracedRun(backend, () =>
      client.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: 'r' })).then(
        () => 'deleted',
        (err: unknown) => (err as Error).name,
      ),
    );
    assert.equal(result, 'QueueDoesNotExist');
    const s = one(children);
    assert.equal(s.name, 'SQS.DeleteMessage');
    assert.equal(s.status, 'error');
    assert.equal(s.statusMessage, 'QueueDoesNotExist: The specified queue does not exist.');
    assert.equal(s.attributes['aws.error.code'], 'QueueDoesNotExist');
    assert.equal(s.attributes['http.response.status_code'], '400');
    assert.equal(s.attributes['aws.sqs.queue.url'], QueueUrl);
    assert.deepEqual(s.linkOut, []);
  });
});
