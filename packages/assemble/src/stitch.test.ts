import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Transaction } from '@nightjar/model';
import { assembleTransaction, buildGraph } from './assemble-transaction.ts';
import { awsCall, invocation, invocationItem, span, sqsAttrs, sqsTrigger } from './test-spans.ts';

const edge = (tx: Transaction, from: string, to: string) => tx.edges.find((e) => e.from === from && e.to === to);
const node = (tx: Transaction, id: string) => tx.nodes.find((n) => n.id === id);
const edgeList = (tx: Transaction) => tx.edges.map((e) => `${e.from} -> ${e.to} (${e.via} x${e.count}${e.status === 'error' ? ' error' : ''})`).sort();

test('producer -> queue -> consumer through matching keys, across traces', () => {
  const a = invocation('api', 'r-a', { kind: 'server', at: 0, durationMs: 50, source: 'api-gateway-http', attributes: { 'http.request.method': 'POST', 'http.route': '/orders' } });
  const send = awsCall(a, 'SQS', 'SendMessage', sqsAttrs('jobs'), { at: 5, linkOut: ['sqs:m1'] });
  const b = invocation('worker', 'r-b', { at: 100, source: 'sqs', attributes: sqsTrigger('jobs'), linkIn: ['sqs:m1'] });
  const tx = assembleTransaction({ id: 't', spans: [a, send, b], invocations: [] });
  assert.deepEqual(edgeList(tx), [
    'api:POST /orders -> lambda:api (trigger x1)',
    'lambda:api -> sqs:jobs (sqs x1)',
    'sqs:jobs -> lambda:worker (sqs x1)',
  ]);
  assert.equal(tx.entry?.kind, 'http');
  assert.equal(tx.entry?.name, 'POST /orders');
  assert.equal(tx.traceIds.length, 2);
  assert.equal(tx.status, 'ok');
  assert.deepEqual(node(tx, 'sqs:jobs')?.spanIds, [send.spanId]);
  assert.deepEqual(edge(tx, 'sqs:jobs', 'lambda:worker')?.spanIds, [b.spanId]);
});

test('tracer-less producer: the consumer\'s trigger is the entry (a message from outside)', () => {
  const b = invocation('worker', 'r-b', { at: 100, source: 'sqs', attributes: sqsTrigger('jobs'), linkIn: ['sqs:m1'] });
  const tx = assembleTransaction({ id: 't', spans: [b], invocations: [] });
  assert.deepEqual(edgeList(tx), ['sqs:jobs -> lambda:worker (sqs x1)']);
  assert.equal(tx.entry?.kind, 'message');
  assert.equal(tx.entry?.nodeId, 'sqs:jobs');
  assert.equal(node(tx, 'sqs:jobs')?.count, 1);
});

test('tracer-less consumer: known from platform logs by its request id (lambda: key) or its trace id', () => {
  const a = invocation('caller', 'r-a', { at: 0 });
  const inv = awsCall(a, 'Lambda', 'Invoke', { 'faas.invoked_name': 'callee', 'nightjar.aws.resource': 'callee' }, { at: 2, linkOut: ['lambda:r-callee'] });
  const send = awsCall(a, 'SQS', 'SendMessage', sqsAttrs('jobs'), { at: 3, linkOut: ['sqs:m9'] });
  const byTrace = invocationItem('logger', 'r-log', { at: 4, traceId: a.traceId });
  const unrelated = invocationItem('other', 'r-x', { at: 4 });
  const tx = assembleTransaction({ id: 't', spans: [a, inv, send], invocations: [invocationItem('callee', 'r-callee', { at: 3, status: 'error', errorType: 'Boom', errorMessage: 'bad' }), byTrace, unrelated] });
  const callee = node(tx, 'lambda:callee');
  assert.equal(callee?.traced, false);
  assert.equal(callee?.count, 1);
  assert.deepEqual(callee?.requestIds, ['r-callee']);
  assert.equal(node(tx, 'lambda:logger')?.traced, false);
  assert.equal(node(tx, 'lambda:other'), undefined);
  assert.deepEqual(edge(tx, 'lambda:caller', 'lambda:callee'), { from: 'lambda:caller', to: 'lambda:callee', via: 'invoke', count: 1, status: 'error', spanIds: [inv.spanId] });
  assert.equal(edge(tx, 'lambda:caller', 'sqs:jobs')?.count, 1, 'the queue is drawn even though its consumer is untraced');
  assert.equal(tx.invocations.length, 3);
  assert.equal(tx.rootCause?.firstFailure.errorType, 'Boom');
  assert.equal(tx.rootCause?.firstFailure.message, 'bad');
  assert.equal(tx.rootCause?.function, 'callee', 'no payload evidence: the failure itself');
  assert.match(tx.rootCause?.reason ?? '', /first failure: callee failed with Boom: bad/);
});

test('fan-out: one SNS message to two subscribers; fan-in: a batch from three producers', () => {
  const p = invocation('pub', 'r-p', { at: 0 });
  const pub = awsCall(p, 'SNS', 'Publish', { 'messaging.destination.name': 'news' }, { at: 1, linkOut: ['sns:n1'] });
  const s1 = invocation('sub1', 'r-s1', { at: 20, source: 'sns', attributes: { 'messaging.destination.name': 'news' }, linkIn: ['sns:n1'] });
  const s2 = invocation('sub2', 'r-s2', { at: 25, source: 'sns', attributes: { 'messaging.destination.name': 'news' }, linkIn: ['sns:n1'] });
  const tx = assembleTransaction({ id: 't', spans: [p, pub, s1, s2], invocations: [] });
  assert.deepEqual(edgeList(tx), ['lambda:pub -> sns:news (sns x1)', 'sns:news -> lambda:sub1 (sns x1)', 'sns:news -> lambda:sub2 (sns x1)']);

  const producers = [0, 1, 2].flatMap((i) => {
    const r = invocation('producer', `r-${i}`, { at: i * 10 });
    return [r, awsCall(r, 'SQS', 'SendMessage', sqsAttrs('jobs'), { at: i * 10 + 1, linkOut: [`sqs:m${i}`] })];
  });
  const consumer = invocation('worker', 'r-w', { at: 100, source: 'sqs', attributes: sqsTrigger('jobs', 3), linkIn: ['sqs:m0', 'sqs:m1', 'sqs:m2'] });
  const fanIn = assembleTransaction({ id: 't', spans: [...producers, consumer], invocations: [] });
  assert.deepEqual(edgeList(fanIn), ['lambda:producer -> sqs:jobs (sqs x3)', 'sqs:jobs -> lambda:worker (sqs x3)']);
  assert.equal(node(fanIn, 'lambda:producer')?.count, 3);
  assert.equal(node(fanIn, 'lambda:worker')?.count, 1);
  assert.equal(fanIn.entry?.function, 'producer');
  assert.equal(fanIn.entry?.requestId, 'r-0');
});

test('retries and the DLQ: one message, two failed deliveries, then the dead-letter queue\'s consumer', () => {
  const p = invocation('api', 'r-p', { at: 0 });
  const send = awsCall(p, 'SQS', 'SendMessage', sqsAttrs('jobs'), { at: 1, linkOut: ['sqs:m1'] });
  const try1 = invocation('worker', 'r-1', { at: 10, failed: true, source: 'sqs', attributes: sqsTrigger('jobs'), linkIn: ['sqs:m1'], statusMessage: 'boom' });
  const try2 = invocation('worker', 'r-2', { at: 40, failed: true, source: 'sqs', attributes: sqsTrigger('jobs'), linkIn: ['sqs:m1'], statusMessage: 'boom' });
  const dlq = invocation('dlq-handler', 'r-3', { at: 90, source: 'sqs', attributes: sqsTrigger('jobs-dlq'), linkIn: ['sqs:m1'] });
  const tx = assembleTransaction({ id: 't', spans: [p, send, try1, try2, dlq], invocations: [] });
  assert.deepEqual(edgeList(tx), [
    'lambda:api -> sqs:jobs (sqs x1)',
    'sqs:jobs -> lambda:worker (sqs x2 error)',
    'sqs:jobs -> sqs:jobs-dlq (sqs x1)',
    'sqs:jobs-dlq -> lambda:dlq-handler (sqs x1)',
  ]);
  const worker = node(tx, 'lambda:worker');
  assert.equal(worker?.count, 2);
  assert.equal(worker?.errors, 2);
  assert.equal(worker?.status, 'error');
  assert.deepEqual(worker?.requestIds, ['r-1', 'r-2']);
  assert.equal(tx.status, 'error');
  assert.equal(tx.rootCause?.firstFailure.requestId, 'r-1');
});

test('cycles do not loop: A -> queue -> B -> queue -> A', () => {
  const a1 = invocation('a', 'r-a1', { at: 0, source: 'sqs', attributes: sqsTrigger('to-a'), linkIn: ['sqs:start'] });
  const s1 = awsCall(a1, 'SQS', 'SendMessage', sqsAttrs('to-b'), { at: 1, linkOut: ['sqs:x1'] });
  const b1 = invocation('b', 'r-b1', { at: 10, source: 'sqs', attributes: sqsTrigger('to-b'), linkIn: ['sqs:x1'] });
  const s2 = awsCall(b1, 'SQS', 'SendMessage', sqsAttrs('to-a'), { at: 11, linkOut: ['sqs:x2'] });
  const a2 = invocation('a', 'r-a2', { at: 20, source: 'sqs', attributes: sqsTrigger('to-a'), linkIn: ['sqs:x2'], failed: true, input: '{"id":""}' });
  const s3 = awsCall(a2, 'SQS', 'SendMessage', sqsAttrs('to-b'), { at: 21, linkOut: ['sqs:x3'] });
  const tx = assembleTransaction({ id: 't', spans: [a1, s1, b1, s2, a2, s3], invocations: [] });
  assert.deepEqual(edgeList(tx), [
    'lambda:a -> sqs:to-b (sqs x2)',
    'lambda:b -> sqs:to-a (sqs x1)',
    'sqs:to-a -> lambda:a (sqs x2 error)',
    'sqs:to-b -> lambda:b (sqs x1)',
  ]);
  assert.equal(tx.entry?.requestId, 'r-a1');
  assert.equal(tx.rootCause?.requestId, 'r-a2');
  assert.equal(tx.rootCause?.field, 'id');
});

test('duplicates: the same span exported twice counts once (the longest copy wins)', () => {
  const a = invocation('api', 'r-a', { at: 0, durationMs: 5 });
  const copy = { ...a, durationMs: 30, attributes: { ...a.attributes } };
  const send = awsCall(a, 'SQS', 'SendMessage', sqsAttrs('jobs'), { at: 1, linkOut: ['sqs:m1'] });
  const tx = assembleTransaction({ id: 't', spans: [a, send, copy, { ...send }], invocations: [] });
  assert.equal(tx.spans.length, 2);
  assert.equal(node(tx, 'lambda:api')?.count, 1);
  assert.equal(node(tx, 'lambda:api')?.durationMs, 30);
  assert.equal(edge(tx, 'lambda:api', 'sqs:jobs')?.count, 1);
});

test('clock skew: a consumer that starts before its producer is shifted, per function', () => {
  const a = invocation('api', 'r-a', { at: 100 });
  const send = awsCall(a, 'SQS', 'SendMessage', sqsAttrs('jobs'), { at: 110, linkOut: ['sqs:m1'] });
  const b = invocation('worker', 'r-b', { at: 60, source: 'sqs', attributes: sqsTrigger('jobs'), linkIn: ['sqs:m1'] });
  const child = span('worker', { parent: b, kind: 'client', at: 65, attributes: { 'server.address': 'api.example.com' } });
  const tx = assembleTransaction({ id: 't', spans: [b, child, a, send], invocations: [invocationItem('worker', 'r-b', { at: 60, traceId: b.traceId })] });
  assert.deepEqual(tx.skewMs, { worker: 50 });
  assert.deepEqual(tx.spans.map((s) => s.spanId), [a.spanId, send.spanId, b.spanId, child.spanId]);
  const shifted = tx.spans.find((s) => s.spanId === child.spanId);
  assert.equal(BigInt(shifted?.startNs ?? '0') - BigInt(child.startNs), 50_000_000n);
  assert.equal(tx.entry?.function, 'api');
  assert.equal(tx.invocations.find((i) => i.function === 'worker')?.start, new Date(Date.parse(b.start) + 50).toISOString());
  assert.deepEqual(assembleTransaction({ id: 't', spans: [a, send, b], invocations: [] }).skewMs, { worker: 50 }, 'deterministic');
});

test('SNS -> SQS: topic -> queue -> function, the queue known from the consumer', () => {
  const p = invocation('pub', 'r-p', { at: 0 });
  const pub = awsCall(p, 'SNS', 'Publish', { 'aws.sns.topic.arn': 'arn:aws:sns:us-east-1:1:news', 'messaging.destination.name': 'news' }, { at: 1, linkOut: ['sns:n1'] });
  const c = invocation('notify', 'r-c', { at: 30, source: 'sqs', attributes: sqsTrigger('news-queue'), linkIn: ['sqs:q1', 'sns:n1'] });
  const tx = assembleTransaction({ id: 't', spans: [p, pub, c], invocations: [] });
  assert.deepEqual(edgeList(tx), ['lambda:pub -> sns:news (sns x1)', 'sns:news -> sqs:news-queue (sns x1)', 'sqs:news-queue -> lambda:notify (sqs x1)']);
  // Without the queue's name: the topic straight to the function.
  const bare = invocation('notify', 'r-d', { at: 30, linkIn: ['sqs:q1', 'sns:n1'] });
  const tx2 = assembleTransaction({ id: 't', spans: [p, pub, bare], invocations: [] });
  assert.deepEqual(edgeList(tx2), ['lambda:pub -> sns:news (sns x1)', 'sns:news -> lambda:notify (sns x1)']);
});

test('DynamoDB: the same key written twice, the stream record matched to the nearest earlier write', () => {
  const w1 = invocation('writer', 'r-1', { at: 0 });
  const put1 = awsCall(w1, 'DynamoDB', 'UpdateItem', { 'aws.dynamodb.table_names': '["orders"]' }, { at: 1, linkOut: ['ddb:orders:k1'] });
  const w2 = invocation('writer', 'r-2', { at: 100 });
  const put2 = awsCall(w2, 'DynamoDB', 'UpdateItem', { 'aws.dynamodb.table_names': '["orders"]' }, { at: 101, linkOut: ['ddb:orders:k1'] });
  const c1 = invocation('stream', 'r-c1', { at: 50, source: 'dynamodb', attributes: { 'aws.dynamodb.table_names': '["orders"]', 'nightjar.trigger.records': '1' }, linkIn: ['ddb:orders:k1'] });
  const c2 = invocation('stream', 'r-c2', { at: 150, source: 'dynamodb', attributes: { 'aws.dynamodb.table_names': '["orders"]', 'nightjar.trigger.records': '1' }, linkIn: ['ddb:orders:k1'] });
  const { graph } = buildGraph([w1, put1, w2, put2, c1, c2], []);
  const fed = (rootId: string) => (graph.preds.get(rootId) ?? []).map((h) => h.from.requestId);
  assert.deepEqual(fed(c1.spanId), ['r-1']);
  assert.deepEqual(fed(c2.spanId), ['r-2']);
  const tx = assembleTransaction({ id: 't', spans: [w1, put1, w2, put2, c1, c2], invocations: [] });
  assert.deepEqual(edgeList(tx), ['dynamodb:orders -> lambda:stream (dynamodb x2)', 'lambda:writer -> dynamodb:orders (dynamodb x2)']);
  assert.deepEqual(tx.skewMs, {});
});

test('propagated trace context: a callee whose root span\'s parent is the caller\'s HTTP client span', () => {
  const a = invocation('front', 'r-a', { at: 0, kind: 'server' });
  const call = span('front', { parent: a, kind: 'client', at: 1, name: 'GET', attributes: { 'server.address': 'back.example.com', 'http.request.method': 'GET' } });
  const b = invocation('back', 'r-b', { parent: call, kind: 'server', at: 3 });
  const tx = assembleTransaction({ id: 't', spans: [a, call, b], invocations: [] });
  assert.deepEqual(edgeList(tx), ['http:back.example.com -> lambda:back (http x1)', 'lambda:front -> http:back.example.com (http x1)']);
  assert.equal(tx.entry?.function, 'front');
  assert.equal(tx.entry?.kind, 'invoke');
});

test('schedules, S3 uploads and users', () => {
  const s = invocation('report', 'r-s', { at: 0, kind: 'server', source: 'schedule', attributes: { 'aws.eventbridge.rule': 'nightly' }, user: 'u-2' });
  const put = awsCall(s, 'S3', 'PutObject', { 'aws.s3.bucket': 'reports', 'aws.s3.key': 'a.csv' }, { at: 2, linkOut: ['s3:reports/a.csv:REQ1'] });
  const c = invocation('indexer', 'r-c', { at: 20, source: 's3', attributes: { 'aws.s3.bucket': 'reports', 'aws.s3.key': 'a.csv' }, linkIn: ['s3:reports/a.csv:REQ1'], user: 'u-1' });
  const c2 = invocation('indexer', 'r-c2', { at: 30, source: 's3', attributes: { 'aws.s3.bucket': 'reports', 'aws.s3.key': 'b.csv' }, linkIn: ['s3:reports/b.csv:REQ2'], user: 'u-1' });
  const tx = assembleTransaction({ id: 't', spans: [s, put, c, c2], invocations: [] });
  assert.deepEqual(tx.entry, { kind: 'schedule', name: 'nightly', nodeId: 'schedule:nightly', function: 'report', requestId: 'r-s', time: s.start });
  assert.deepEqual(edgeList(tx), ['lambda:report -> s3:reports (s3 x1)', 's3:reports -> lambda:indexer (s3 x2)', 'schedule:nightly -> lambda:report (trigger x1)']);
  assert.deepEqual(tx.users, [{ id: 'u-2', count: 1, affected: false, vip: false }, { id: 'u-1', count: 2, affected: false, vip: false }], 'the entry\'s user first; nothing failed');
  const upload = assembleTransaction({ id: 't', spans: [c2], invocations: [] });
  assert.deepEqual(upload.entry?.kind, 's3');
  assert.deepEqual(upload.entry?.name, 's3://reports/b.csv');
});

test('empty input', () => {
  const tx = assembleTransaction({ id: 'nothing', spans: [], invocations: [], truncated: true });
  assert.equal(tx.entry, null);
  assert.equal(tx.status, 'unknown');
  assert.equal(tx.truncated, true);
  assert.deepEqual(tx.nodes, []);
});
