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
