import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { producerLinkKeys, type ProducerService } from './producer-link-keys.ts';
import { addStepFunctionsLink, readStepFunctionsLink } from './step-functions.ts';

test('calls that identify nothing give no keys', () => {
  assert.deepEqual(producerLinkKeys({ service: 'sqs', operation: 'ReceiveMessage', input: {}, output: { Messages: [{ MessageId: 'x' }] } }), []);
  assert.deepEqual(producerLinkKeys({ service: 's3', operation: 'GetObject', input: { Bucket: 'b', Key: 'k' }, output: {}, responseHeaders: { 'x-amz-request-id': 'r' } }), []);
  assert.deepEqual(producerLinkKeys({ service: 's3', operation: 'PutObject', input: { Bucket: 'b', Key: 'k' }, output: {} }), [], 'no request id header');
  assert.deepEqual(producerLinkKeys({ service: 'lambda', operation: 'Invoke', input: {}, output: {} }), []);
  assert.deepEqual(producerLinkKeys({ service: 'kinesis', operation: 'PutRecord', input: {}, output: { ShardId: 's', SequenceNumber: '1' } }), [], 'no stream');
});

test('never throws, whatever the input and output', () => {
  const services: ProducerService[] = ['sqs', 'sns', 'eventbridge', 'kinesis', 'dynamodb', 's3', 'lambda', 'stepfunctions'];
  const ops = ['SendMessage', 'SendMessageBatch', 'Publish', 'PublishBatch', 'PutEvents', 'PutRecord', 'PutRecords', 'PutItem', 'UpdateItem', 'BatchWriteItem', 'TransactWriteItems', 'PutObject', 'Invoke', 'StartExecution'];
  fc.assert(
    fc.property(fc.constantFrom(...services), fc.constantFrom(...ops), fc.anything(), fc.anything(), (service, operation, input, output) => {
      const keys = producerLinkKeys({ service, operation, input, output, responseHeaders: { 'x-amz-request-id': 'r', 'x-amzn-requestid': 'q' } });
      assert.ok(Array.isArray(keys));
    }),
    { numRuns: 300 },
  );
});

test('step functions link: added to plain objects only, never mutating; read back', () => {
  const original = { a: 1 };
  const { output, key } = addStepFunctionsLink(original);
  assert.deepEqual(original, { a: 1 });
  assert.match(key ?? '', /^sfn:[0-9a-f]{24}$/);
  assert.equal(`sfn:${readStepFunctionsLink(output) ?? ''}`, key);
  assert.deepEqual(addStepFunctionsLink([1, 2]), { output: [1, 2], key: undefined });
  assert.deepEqual(addStepFunctionsLink('text'), { output: 'text', key: undefined });
  const date = new Date(0);
  assert.equal(addStepFunctionsLink(date).output, date);
  assert.equal(readStepFunctionsLink('{"x":{"_nightjar":"abc"}}'), 'abc');
  assert.equal(readStepFunctionsLink({ _nightjar: 5 }), undefined);
});
