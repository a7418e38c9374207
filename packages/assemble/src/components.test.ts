import assert from 'node:assert/strict';
import { test } from 'node:test';
import { connectedSpans, keysOf } from './components.ts';
import { awsCall, invocation, span, sqsAttrs, sqsTrigger } from './test-spans.ts';

test('a trace joins whole; keys join producer and consumer traces; unrelated traces stay out', () => {
  const a = invocation('api', 'r-a', { at: 0 });
  const inner = span('api', { parent: a, at: 1 });
  const send = awsCall(a, 'SQS', 'SendMessage', sqsAttrs('jobs'), { at: 2, linkOut: ['sqs:m1'] });
  const b = invocation('worker', 'r-b', { at: 10, source: 'sqs', attributes: sqsTrigger('jobs'), linkIn: ['sqs:m1'] });
  const c = invocation('worker', 'r-c', { at: 10, source: 'sqs', attributes: sqsTrigger('jobs'), linkIn: ['sqs:other'] });
  const fromConsumer = connectedSpans([a, inner, send, b, c], [b.spanId]);
  assert.deepEqual(new Set(fromConsumer.spans.map((s) => s.spanId)), new Set([a.spanId, inner.spanId, send.spanId, b.spanId]));
  assert.deepEqual(new Set(fromConsumer.traceIds), new Set([a.traceId, b.traceId]));
  const fromInner = connectedSpans([a, inner, send, b, c], [inner.spanId]);
  assert.equal(fromInner.spans.length, 4);
  assert.deepEqual(connectedSpans([a], ['nope']).spans, []);
});

test('producers writing the same key do not join each other; DynamoDB keys join the nearest earlier write only', () => {
  const w1 = invocation('w', 'r-1', { at: 0 });
  const p1 = awsCall(w1, 'DynamoDB', 'UpdateItem', { 'aws.dynamodb.table_names': '["t"]' }, { at: 1, linkOut: ['ddb:t:k'] });
  const w2 = invocation('w', 'r-2', { at: 100 });
  const p2 = awsCall(w2, 'DynamoDB', 'UpdateItem', { 'aws.dynamodb.table_names': '["t"]' }, { at: 101, linkOut: ['ddb:t:k'] });
  const c = invocation('s', 'r-c', { at: 50, source: 'dynamodb', linkIn: ['ddb:t:k'] });
  const all = [w1, p1, w2, p2, c];
  assert.deepEqual(new Set(connectedSpans(all, [c.spanId]).traceIds), new Set([w1.traceId, c.traceId]));
  assert.deepEqual(connectedSpans(all, [w2.spanId]).traceIds, [w2.traceId]);
});

test('bounds: traces and spans', () => {
  const spans = [];
  let prev = invocation('f', 'r-0', { at: 0 });
  spans.push(prev);
  for (let i = 1; i < 10; i++) {
    const send = awsCall(prev, 'SQS', 'SendMessage', sqsAttrs('q'), { at: i * 10 - 5, linkOut: [`sqs:${i}`] });
    const next = invocation('f', `r-${i}`, { at: i * 10, source: 'sqs', attributes: sqsTrigger('q'), linkIn: [`sqs:${i}`] });
    spans.push(send, next);
    prev = next;
  }
  assert.equal(connectedSpans(spans, [spans[0]?.spanId ?? '']).traceIds.length, 10);
  const byTraces = connectedSpans(spans, [spans[0]?.spanId ?? ''], { maxTraces: 3 });
  assert.equal(byTraces.traceIds.length, 3);
  assert.equal(byTraces.truncated, true);
  const bySpans = connectedSpans(spans, [spans[0]?.spanId ?? ''], { maxSpans: 5 });
  assert.equal(bySpans.spans.length, 4);
  assert.equal(bySpans.truncated, true);
});

test('keysOf: the keys a gatherer looks up, out and in', () => {
  const a = invocation('api', 'r-a', { linkIn: ['sqs:x'] });
  const send = awsCall(a, 'SQS', 'SendMessage', sqsAttrs('jobs'), { linkOut: ['sqs:m1', 'sqs:m2'] });
  assert.deepEqual(keysOf([a, send, { ...send }]), { linkOut: ['sqs:m1', 'sqs:m2'], linkIn: ['lambda:r-a', 'sqs:x'] });
});
