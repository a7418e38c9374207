// failingRecordKeys on the demo shop's failing notify batches (test-fixtures/failing-batches.json).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { SpanItem } from '@nightjar/model';
import { failingRecordKeys } from './failing-record-keys.ts';

const { roots } = JSON.parse(readFileSync(new URL('../test-fixtures/failing-batches.json', import.meta.url), 'utf8')) as { roots: SpanItem[] };

interface SqsRecord {
  messageId: string;
  body: string;
}

const recordsOf = (s: SpanItem): SqsRecord[] => (JSON.parse(s.input) as { Records: SqsRecord[] }).Records;
const snsIdOf = (r: SqsRecord): string => (JSON.parse(r.body) as { MessageId: string }).MessageId;

/** The batch with record `i`'s phone set (a good record), re-serialized like the tracer does. */
function withGoodRecord(s: SpanItem, i: number): SpanItem {
  const doc = JSON.parse(s.input) as { Records: SqsRecord[] };
  const r = doc.Records[i] as SqsRecord;
  const envelope = JSON.parse(r.body) as { Message: string };
  const message = JSON.parse(envelope.Message) as { to: { phone: string } };
  message.to.phone = '+15550100';
  envelope.Message = JSON.stringify(message);
  r.body = JSON.stringify(envelope);
  return { ...s, input: JSON.stringify(doc) };
}

test('the fixture: failing notify batches of two records, each record an SQS message wrapping an SNS message', () => {
  assert.ok(roots.length > 0);
  for (const s of roots) {
    assert.equal(recordsOf(s).length, 2);
    assert.equal(s.linkIn.filter((k) => k.startsWith('sqs:')).length, 2);
    assert.equal(s.linkIn.filter((k) => k.startsWith('sns:')).length, 2);
  }
});

test('one bad record: only its SQS and SNS keys (and the lambda: key) are kept', () => {
  const s = roots[0] as SpanItem;
  const lambda = s.linkIn.filter((k) => k.startsWith('lambda:'));
  for (const [good, bad] of [
    [1, 0],
    [0, 1],
  ] as const) {
    const batch = withGoodRecord(s, good);
    const r = recordsOf(batch)[bad] as SqsRecord;
    assert.deepEqual(failingRecordKeys(batch)?.sort(), [`sqs:${r.messageId}`, `sns:${snsIdOf(r)}`, ...lambda].sort());
  }
});

test('every record bad: all record keys; the error message picks the field', () => {
  for (const s of roots) assert.deepEqual(failingRecordKeys(s)?.sort(), [...s.linkIn].sort());
});

test('cannot tell: null (a single record, an unreadable input, no empty field, no key matching)', () => {
  const s = roots[0] as SpanItem;
  const first = recordsOf(s)[0] as SqsRecord;
  assert.equal(failingRecordKeys({ ...s, linkIn: [`sqs:${first.messageId}`, 'lambda:x'] }), null);
  assert.equal(failingRecordKeys({ ...s, input: s.input.slice(0, 2200) }), null);
  assert.equal(failingRecordKeys(withGoodRecord(withGoodRecord(s, 0), 1)), null);
  assert.equal(failingRecordKeys({ ...s, linkIn: ['sqs:other-1', 'sqs:other-2'] }), null);
});

test('kinesis keys match the records\' eventID (shard:sequence)', () => {
  const rec = (seq: string, userId: string) => ({ eventID: `shardId-000000000000:${seq}`, kinesis: { sequenceNumber: seq, data: '' }, payload: { userId } });
  const input = JSON.stringify({ Records: [rec('4900000000001', 'u-0001'), rec('4900000000002', '')] });
  const key = (seq: string) => `kinesis:clicks:shardId-000000000000:${seq}`;
  const root = { input, linkIn: [key('4900000000001'), key('4900000000002')], statusMessage: 'userId missing', events: [], attributes: {} };
  assert.deepEqual(failingRecordKeys(root), [key('4900000000002')]);
});

test('DynamoDB stream records: their hashed keys matched by position (NewImage then Keys, per record)', () => {
  const arn = 'arn:aws:dynamodb:us-east-1:123456789012:table/shop-orders/stream/2026-11-01T00:00:00.000';
  const rec = (orderId: string, phone: string, image = true) => ({
    eventSource: 'aws:dynamodb', eventSourceARN: arn, eventName: image ? 'INSERT' : 'REMOVE',
    dynamodb: { Keys: { orderId: { S: orderId } }, ...(image ? { NewImage: { orderId: { S: orderId }, phone: { S: phone } } } : {}) },
  });
  const input = JSON.stringify({ Records: [rec('ord-1', '+1555'), rec('ord-2', ''), rec('ord-3', '', false), rec('ord-4', '')] });
  // as the tracer adds them: record 1 image, keys; record 2 image, keys; record 3 keys only; record 4 image, keys
  const linkIn = ['ddb:shop-orders:i1', 'ddb:shop-orders:k1', 'ddb:shop-orders:i2', 'ddb:shop-orders:k2', 'ddb:shop-orders:k3', 'ddb:shop-orders:i4', 'ddb:shop-orders:k4', 'lambda:req-1'];
  const root = { input, linkIn, statusMessage: 'InvalidContactError: phone number is empty', events: [], attributes: {} };
  assert.deepEqual(failingRecordKeys(root), ['ddb:shop-orders:i2', 'ddb:shop-orders:k2', 'ddb:shop-orders:i4', 'ddb:shop-orders:k4', 'lambda:req-1']);
  // a key the tracer dropped as a repeat shifts the positions: cannot tell
  assert.equal(failingRecordKeys({ ...root, linkIn: linkIn.filter((k) => k !== 'ddb:shop-orders:k3') }), null);
});
