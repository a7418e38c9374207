// Lineage through batches: the failing records of a batch and their identifiers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { carriesValue, failingRecords, lineageIds, readPayload } from './lineage.ts';

test('an SQS batch: the record with the empty field, and the ids it carries (JSON inside strings too)', () => {
  const body = (orderId: string, phone: string) => JSON.stringify({ Message: JSON.stringify({ orderId, userId: `user-${orderId}`, phone }) });
  const input = JSON.stringify({ Records: [{ messageId: 'm-000001', body: body('ord-000001', '') }, { messageId: 'm-000002', body: body('ord-000002', '+1555') }] });
  assert.deepEqual(failingRecords(input, 'phone'), { failing: [(readPayload(input) as { Records: unknown[] }).Records[0]], total: 2, indices: [0] });
  assert.deepEqual(lineageIds(input, 'phone').sort(), ['m-000001', 'ord-000001', 'user-ord-000001']);
});

test('a DynamoDB stream batch: typed items are read in plain form', () => {
  const record = (orderId: string, userId: string, phone: string) => ({ eventName: 'INSERT', dynamodb: { Keys: { orderId: { S: orderId } }, NewImage: { orderId: { S: orderId }, userId: { S: userId }, phone: { S: phone } } } });
  const input = JSON.stringify({ Records: [record('ord-111111', 'user-aaaaaa', ''), record('ord-222222', 'user-bbbbbb', '+1555')] });
  assert.equal(failingRecords(input, 'phone')?.failing.length, 1);
  assert.deepEqual(lineageIds(input, 'phone').sort(), ['ord-111111', 'user-aaaaaa']);
  const [failing] = failingRecords(input, 'phone')?.failing ?? [];
  assert.equal(carriesValue(failing, 'user-aaaaaa'), true);
  assert.equal(carriesValue(failing, 'user-bbbbbb'), false);
});

test('not a batch: null; no record shows the field: all records', () => {
  assert.equal(failingRecords('{"body":"x"}', 'phone'), null);
  assert.equal(failingRecords('not json', 'phone'), null);
  assert.equal(failingRecords(JSON.stringify({ Records: [{ a: 1 }, { a: 2 }] }), 'phone')?.failing.length, 2);
});
