import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyFields, emptyFieldsOf, fieldsNamedIn } from './payload.ts';

test('empty fields in nested JSON strings (SQS body -> SNS envelope -> message)', () => {
  const message = JSON.stringify({ to: { name: 'Ann', phone: '' }, note: null });
  const envelope = JSON.stringify({ Type: 'Notification', Message: message });
  const event = JSON.stringify({ Records: [{ body: envelope, receipt: 'x' }] });
  assert.deepEqual(emptyFieldsOf(event), [
    { field: 'phone', value: '""' },
    { field: 'note', value: 'null' },
  ]);
});

test('truncated payloads: a regex that tolerates escaped quotes at any depth', () => {
  const message = JSON.stringify({ to: { phone: '', email: 'a@b' } });
  const event = JSON.stringify({ Records: [{ body: JSON.stringify({ Message: message, Signature: 'x'.repeat(100) }) }] });
  const cut = event.slice(0, event.length - 60);
  assert.throws(() => JSON.parse(cut));
  assert.deepEqual(emptyFields(cut), ['phone']);
  assert.deepEqual(emptyFields('{"a":"x","b":null,"c'), ['b']);
  assert.deepEqual(emptyFields(''), []);
});

test('fields named by the error message first', () => {
  assert.deepEqual(fieldsNamedIn('phone number is empty', ['rawQueryString', 'phone']), ['phone']);
  assert.deepEqual(fieldsNamedIn('InvalidContactError: phoneNumber missing', ['phoneNumber', 'x']), ['phoneNumber']);
  assert.deepEqual(fieldsNamedIn('boom', ['a', 'b']), []);
});

test('DynamoDB stream records: typed items read in plain form, whole or truncated', () => {
  const record = (phone: string) => ({ eventName: 'INSERT', dynamodb: { Keys: { orderId: { S: 'ord-1' } }, NewImage: { orderId: { S: 'ord-1' }, phone: { S: phone }, note: { NULL: true } } } });
  const event = JSON.stringify({ Records: [record(''), record('+1555')] });
  assert.deepEqual(emptyFieldsOf(event), [
    { field: 'phone', value: '""' },
    { field: 'note', value: 'null' },
  ]);
  // a payload cut short: the regex knows the typed empty string and NULL too
  assert.deepEqual(emptyFieldsOf(event.slice(0, event.indexOf('+1555'))), [
    { field: 'phone', value: '""' },
    { field: 'note', value: 'null' },
  ]);
  // the same record inside an SQS body (a pipe forwarding stream records)
  assert.deepEqual(emptyFields(JSON.stringify({ Records: [{ body: JSON.stringify(record('')) }] })), ['phone', 'note']);
});
