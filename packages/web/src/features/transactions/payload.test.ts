/// <reference types="node" />
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { markField, readablePayload } from './payload';

const apiEvent = JSON.stringify({
  routeKey: 'POST /orders',
  body: JSON.stringify({ items: [{ sku: 'sku-mug', quantity: 2 }], customer: { name: 'Hedy', email: 'h@example.com', phone: '' } }),
});

test('nested JSON strings are decoded so the fields inside a body can be read', () => {
  const r = readablePayload(apiEvent);
  assert.ok(r);
  assert.equal(r.expanded, true);
  assert.match(r.text, /"phone": ""/);
  assert.match(r.text, /"body": \{/);
});

test('doubly nested (SQS body holding an SNS Message) is decoded too', () => {
  const inner = JSON.stringify({ to: { phone: '' } });
  const sns = JSON.stringify({ Type: 'Notification', Message: inner });
  const r = readablePayload(JSON.stringify({ Records: [{ body: sns }] }));
  assert.ok(r);
  assert.match(r.text, /"Message": \{\n\s+"to": \{\n\s+"phone": ""/);
});

test('plain text and broken JSON are not payloads', () => {
  assert.equal(readablePayload('hello'), null);
  assert.equal(readablePayload('{nope'), null);
  const r = readablePayload('{"a":"{not json}"}');
  assert.ok(r);
  assert.equal(r.expanded, false);
  assert.match(r.text, /"a": "\{not json\}"/);
});

test('the empty occurrence of the field is marked', () => {
  const pretty = readablePayload(apiEvent)?.text ?? '';
  const segs = markField(pretty, 'phone');
  const marked = segs.filter((s) => s.mark);
  assert.deepEqual(marked.map((s) => s.text), ['"phone": ""']);
  assert.equal(segs.map((s) => s.text).join(''), pretty, 'segments rebuild the text');
});

test('without an empty value, the non-empty occurrences are marked; no field, nothing marked', () => {
  const pretty = JSON.stringify({ phone: '+1 555', n: { phone: null } }, null, 2);
  assert.deepEqual(markField(pretty, 'phone').filter((s) => s.mark).map((s) => s.text), ['"phone": null']);
  const full = JSON.stringify({ phone: '+1 "555"' }, null, 2);
  assert.deepEqual(markField(full, 'phone').filter((s) => s.mark).map((s) => s.text), ['"phone": "+1 \\"555\\""']);
  assert.deepEqual(markField(full, null), [{ text: full, mark: false }]);
  assert.deepEqual(markField(full, 'email'), [{ text: full, mark: false }]);
});

test("DynamoDB's typed empty string and NULL are empty values too", () => {
  const pretty = readablePayload(JSON.stringify({ Records: [{ dynamodb: { NewImage: { phone: { S: '' } } } }, { dynamodb: { NewImage: { phone: { S: '+1555' } } } }] }))?.text ?? '';
  const marked = markField(pretty, 'phone').filter((s) => s.mark).map((s) => s.text.replace(/\s+/g, ''));
  assert.deepEqual(marked, ['"phone":{"S":""}']);
  const nul = readablePayload(JSON.stringify({ NewImage: { phone: { NULL: true } } }))?.text ?? '';
  assert.deepEqual(markField(nul, 'phone').filter((s) => s.mark).map((s) => s.text.replace(/\s+/g, '')), ['"phone":{"NULL":true}']);
});
