import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assembleTransaction } from './assemble-transaction.ts';
import { suspectFieldsIn } from './root-cause.ts';
import { awsCall, invocation, invocationItem, span, sqsAttrs, sqsTrigger } from './test-spans.ts';

function chain(opts: { apiInput?: string; midInput?: string; lastInput?: string; midCallFails?: boolean }) {
  const a = invocation('api', 'r-a', { kind: 'server', at: 0, source: 'api-gateway-http', attributes: { 'http.request.method': 'POST', 'http.route': '/signup' }, input: opts.apiInput ?? '' });
  const s1 = awsCall(a, 'SQS', 'SendMessage', sqsAttrs('q1'), { at: 1, linkOut: ['sqs:1'] });
  const b = invocation('mid', 'r-b', { at: 10, source: 'sqs', attributes: sqsTrigger('q1'), linkIn: ['sqs:1'], input: opts.midInput ?? '' });
  const call = span('mid', { parent: b, kind: 'client', at: 11, status: opts.midCallFails === true ? 'error' : 'unset', statusMessage: opts.midCallFails === true ? 'HTTP 503' : '', name: 'GET', attributes: { 'server.address': 'geo.example.com' } });
  const s2 = awsCall(b, 'SQS', 'SendMessage', sqsAttrs('q2'), { at: 12, linkOut: ['sqs:2'] });
  const c = invocation('last', 'r-c', {
    at: 20,
    source: 'sqs',
    attributes: sqsTrigger('q2'),
    linkIn: ['sqs:2'],
    failed: true,
    input: opts.lastInput ?? '',
    events: [{ time: '2026-11-23T12:00:00.021Z', name: 'exception', attributes: { 'exception.type': 'ValidationError', 'exception.message': 'email is required' } }],
  });
  return [a, s1, b, call, s2, c];
}

test('the earliest hop whose payload already had the field empty is blamed', () => {
  const tx = assembleTransaction({ id: 't', spans: chain({ apiInput: '{"body":"{\\"email\\":\\"\\",\\"q\\":\\"\\"}"}', midInput: '{"email":""}', lastInput: '{"email":"","other":""}' }), invocations: [] });
  assert.equal(tx.rootCause?.function, 'api');
  assert.equal(tx.rootCause?.field, 'email');
  assert.equal(tx.rootCause?.reason, 'api\'s input already had "email": "" (POST /signup)');
  assert.equal(tx.rootCause?.firstFailure.errorType, 'ValidationError');
  assert.equal(tx.rootCause?.firstFailure.function, 'last');
});

test('an upstream output is evidence too; the failure itself when only it has the field', () => {
  const spans = chain({ lastInput: '{"email":null}' });
  const mid = spans[2];
  if (mid !== undefined) mid.output = '{"user":{"email":null}}';
  const tx = assembleTransaction({ id: 't', spans, invocations: [] });
  assert.equal(tx.rootCause?.function, 'mid');
  assert.equal(tx.rootCause?.reason, 'mid\'s output already had "email": null (sqs:q1)');
  const own = assembleTransaction({ id: 't', spans: chain({ lastInput: '{"email":""}' }), invocations: [] });
  assert.equal(own.rootCause?.function, 'last');
  assert.equal(own.rootCause?.reason, 'last\'s input had "email": "" (sqs:q2)');
});

test('no payload evidence: the nearest upstream hop whose call failed first, else the first failure', () => {
  const tx = assembleTransaction({ id: 't', spans: chain({ midCallFails: true }), invocations: [] });
  assert.equal(tx.rootCause?.function, 'mid');
  assert.equal(tx.rootCause?.field, null);
  assert.equal(tx.rootCause?.reason, 'mid\'s GET failed first: HTTP 503, upstream of last');
  const plain = assembleTransaction({ id: 't', spans: chain({}), invocations: [] });
  assert.equal(plain.rootCause?.function, 'last');
  assert.equal(plain.rootCause?.reason, 'first failure: last failed with ValidationError: email is required');
});

test('the first failure is the earliest failing invocation, traced or not', () => {
  const spans = chain({});
  const early = invocationItem('mid', 'r-b', { at: 10, status: 'timeout', traceId: null });
  const tx = assembleTransaction({ id: 't', spans, invocations: [early] });
  assert.equal(tx.rootCause?.firstFailure.function, 'mid');
  assert.equal(tx.rootCause?.firstFailure.errorType, 'timeout');
  assert.equal(tx.nodes.find((n) => n.id === 'lambda:mid')?.status, 'error');
});

test('through a batch, the failing record is followed to its own producer (payload lineage by ids)', () => {
  // two orders, one without a phone, go through one batch of process-payment; notify fails on the first
  const order = (id: string, phone: string) => JSON.stringify({ orderId: id, userId: `u-${id}`, customer: { phone } });
  const apiA = invocation('orders-api', 'r-a', { kind: 'server', at: 0.5, source: 'api-gateway-http', attributes: { 'http.request.method': 'POST', 'http.route': '/orders' }, input: JSON.stringify({ body: JSON.stringify({ customer: { phone: '' } }) }), output: JSON.stringify({ body: JSON.stringify({ orderId: 'ord-aaaa1' }) }) });
  const sendA = awsCall(apiA, 'SQS', 'SendMessage', sqsAttrs('payments'), { at: 1, linkOut: ['sqs:a'] });
  const apiB = invocation('orders-api', 'r-b', { kind: 'server', at: 0, source: 'api-gateway-http', attributes: { 'http.request.method': 'POST', 'http.route': '/orders' }, input: JSON.stringify({ body: JSON.stringify({ customer: { phone: '+1555' } }) }), output: JSON.stringify({ body: JSON.stringify({ orderId: 'ord-bbbb2' }) }) });
  const sendB = awsCall(apiB, 'SQS', 'SendMessage', sqsAttrs('payments'), { at: 1.5, linkOut: ['sqs:b'] });
  const pay = invocation('process-payment', 'r-p', { at: 10, source: 'sqs', attributes: sqsTrigger('payments', 2), linkIn: ['sqs:b', 'sqs:a'], input: JSON.stringify({ Records: [{ body: order('ord-bbbb2', '+1555') }, { body: order('ord-aaaa1', '') }] }) });
  const send = awsCall(pay, 'SQS', 'SendMessageBatch', sqsAttrs('notifications'), { at: 11, linkOut: ['sqs:nb', 'sqs:na'] });
  const notify = invocation('notify', 'r-n', {
    at: 20, source: 'sqs', attributes: sqsTrigger('notifications', 1), linkIn: ['sqs:na'], failed: true,
    input: JSON.stringify({ Records: [{ body: order('ord-aaaa1', '') }] }),
    events: [{ time: '2026-11-23T12:00:00.021Z', name: 'exception', attributes: { 'exception.type': 'InvalidContactError', 'exception.message': 'phone number is empty' } }],
  });
  const tx = assembleTransaction({ id: 'r-n', spans: [apiB, sendB, apiA, sendA, pay, send, notify], invocations: [] });
  assert.equal(tx.rootCause?.function, 'orders-api');
  assert.equal(tx.rootCause?.requestId, 'r-a');
  assert.equal(tx.rootCause?.field, 'phone');
  // the entry is the failing record's own request, not the batch's earliest
  assert.equal(tx.entry?.requestId, 'r-a');
  assert.equal(tx.entry?.name, 'POST /orders');
});

test('a DynamoDB stream record: the suspect is the item field, not the type tag of its typed value', () => {
  const input = JSON.stringify({ Records: [{ eventName: 'MODIFY', dynamodb: { NewImage: { orderId: { S: 'ord-1' }, phone: { S: '' } } } }] });
  assert.deepEqual(suspectFieldsIn(input, 'InvalidContactError: phone number is empty'), ['phone']);
});
