import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classifyClient, classifyTrigger } from './classify.ts';
import { awsCall, invocation, span } from './test-spans.ts';

const r = invocation('f', 'r-1');
const to = (service: string, method: string, attributes: Record<string, string>) => classifyClient(awsCall(r, service, method, attributes)).map((t) => `${t.id} ${t.via}`);

test('AWS client spans -> resource nodes', () => {
  assert.deepEqual(to('SQS', 'SendMessage', { 'aws.sqs.queue.url': 'https://sqs.us-east-1.amazonaws.com/1/jobs' }), ['sqs:jobs sqs']);
  assert.deepEqual(to('SQS', 'SendMessage', { 'nightjar.aws.resource': 'http://127.0.0.1:4566/1/jobs' }), ['sqs:jobs sqs']);
  assert.deepEqual(to('SNS', 'Publish', { 'aws.sns.topic.arn': 'arn:aws:sns:us-east-1:1:news' }), ['sns:news sns']);
  assert.deepEqual(to('EventBridge', 'PutEvents', { 'messaging.destination.name': 'shop' }), ['eventbridge:shop eventbridge']);
  assert.deepEqual(to('EventBridge', 'PutEvents', {}), ['eventbridge:default eventbridge']);
  assert.deepEqual(to('Kinesis', 'PutRecord', { 'aws.kinesis.stream_name': 'clicks' }), ['kinesis:clicks kinesis']);
  assert.deepEqual(to('DynamoDB', 'TransactWriteItems', { 'aws.dynamodb.table_names': '["a","b"]' }), ['dynamodb:a dynamodb', 'dynamodb:b dynamodb']);
  assert.deepEqual(to('S3', 'PutObject', { 'aws.s3.bucket': 'pics' }), ['s3:pics s3']);
  assert.deepEqual(to('Lambda', 'Invoke', { 'nightjar.aws.resource': 'arn:aws:lambda:us-east-1:1:function:fraud-check:live' }), ['lambda:fraud-check invoke']);
  assert.deepEqual(to('SFN', 'StartExecution', { 'nightjar.aws.resource': 'arn:aws:states:us-east-1:1:stateMachine:checkout' }), ['stepfunctions:checkout stepfunctions']);
  assert.deepEqual(to('SecretsManager', 'GetSecretValue', { 'server.address': 'secretsmanager.us-east-1.amazonaws.com' }), ['http:secretsmanager.us-east-1.amazonaws.com call']);
});

test('HTTP client spans -> hosts; other spans -> nothing', () => {
  const h = span('f', { kind: 'client', attributes: { 'server.address': 'api.stripe.com', 'server.port': '443' } });
  assert.deepEqual(classifyClient(h).map((t) => t.id), ['http:api.stripe.com']);
  const local = span('f', { kind: 'client', attributes: { 'url.full': 'http://127.0.0.1:8080/x' } });
  assert.deepEqual(classifyClient(local).map((t) => `${t.id} ${t.via}`), ['http:127.0.0.1:8080 http']);
  assert.deepEqual(classifyClient(span('f', { kind: 'internal', attributes: { 'server.address': 'x' } })), []);
});

test('triggers from the root span alone', () => {
  const t = (attributes: Record<string, string>) => {
    const x = classifyTrigger(invocation('f', 'r', { attributes }));
    return x === null ? null : `${x.id} ${x.via} ${x.entryKind} ${x.entryName}`;
  };
  assert.equal(t({ 'nightjar.trigger.source': 'api-gateway-http', 'http.request.method': 'POST', 'http.route': '/orders' }), 'api:POST /orders trigger http POST /orders');
  assert.equal(t({ 'nightjar.trigger.source': 'schedule', 'aws.eventbridge.rule': 'nightly' }), 'schedule:nightly trigger schedule nightly');
  assert.equal(t({ 'nightjar.trigger.source': 'sqs', 'messaging.destination.name': 'q' }), 'sqs:q sqs message q');
  assert.equal(t({ 'nightjar.trigger.source': 'kinesis', 'aws.kinesis.stream_name': 's' }), 'kinesis:s kinesis message s');
  assert.equal(t({ 'nightjar.trigger.source': 'dynamodb', 'aws.dynamodb.table_names': '["orders"]' }), 'dynamodb:orders dynamodb message orders');
  assert.equal(t({ 'nightjar.trigger.source': 's3', 'aws.s3.bucket': 'b', 'aws.s3.key': 'k.png' }), 's3:b s3 s3 s3://b/k.png');
  // other OpenTelemetry instrumentations: the messaging system names the source
  assert.equal(t({ 'faas.trigger': 'pubsub', 'messaging.system': 'aws_sqs', 'messaging.destination.name': 'q' }), 'sqs:q sqs message q');
  assert.equal(t({ 'faas.trigger': 'pubsub', 'messaging.system': 'AmazonSNS', 'messaging.destination.name': 'news' }), 'sns:news sns message news');
  assert.equal(t({ 'faas.trigger': 'pubsub', 'messaging.system': 'kafka' }), null);
  assert.equal(t({}), null);
});
