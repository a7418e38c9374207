import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import {
  BatchWriteItemCommand,
  ConditionalCheckFailedException,
  DeleteItemCommand,
  DescribeTableCommand,
  DynamoDBClient,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
  QueryCommand,
  ResourceNotFoundException,
  ScanCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { crc32 } from 'node:zlib';
import { dynamoHash } from '@nightjar/lambda';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { createDynamoDb, type DynamoDbService } from './dynamodb.ts';
import { startAwsEndpoint, type AwsEndpoint } from './endpoint.ts';
import { recordingInvoker, sleep, testCredentials, waitFor, type RecordingInvoker } from './test-helpers.ts';

let invoker: RecordingInvoker;
let ddb: DynamoDbService;
let endpoint: AwsEndpoint;
let client: DynamoDBClient;
const errors: unknown[] = [];

before(async () => {
  invoker = recordingInvoker();
  ddb = createDynamoDb({ invoker, onError: (e) => errors.push(e), retryDelayMs: 10 });
  ddb.createTable('orders', { hashKey: 'orderId', stream: 'NEW_AND_OLD_IMAGES' });
  ddb.createTable('events', { hashKey: 'pk', rangeKey: 'sk', rangeKeyType: 'N' });
  ddb.createTable('keys-only', { hashKey: 'id', stream: 'KEYS_ONLY' });
  ddb.createTable('plain', { hashKey: 'id' });
  endpoint = await startAwsEndpoint({ services: [ddb] });
  client = new DynamoDBClient({ endpoint: endpoint.url, region: 'us-east-1', credentials: testCredentials, maxAttempts: 1 });
});

after(async () => {
  client.destroy();
  await endpoint.close();
});

beforeEach(() => {
  invoker.calls.length = 0;
  invoker.answer = () => 'success';
  errors.length = 0;
});

const S = (s: string): AttributeValue => ({ S: s });
const N = (n: string): AttributeValue => ({ N: n });

test('PutItem / GetItem keep typed values as sent: numbers as text, binary, sets, nested maps and lists', async () => {
  const item: Record<string, AttributeValue> = {
    id: S('typed'),
    price: N('12.50'),
    data: { B: new Uint8Array([0, 1, 2, 255]) },
    tags: { SS: ['a', 'b'] },
    nested: { M: { list: { L: [N('1'), { BOOL: true }, { NULL: true }] } } },
  };
  await client.send(new PutItemCommand({ TableName: 'plain', Item: item }));
  const got = await client.send(new GetItemCommand({ TableName: 'plain', Key: { id: S('typed') } }));
  assert.deepEqual(got.Item, item);
  const projected = await client.send(new GetItemCommand({ TableName: 'plain', Key: { id: S('typed') }, ProjectionExpression: 'price, nested.#l[1]', ExpressionAttributeNames: { '#l': 'list' } }));
  assert.deepEqual(projected.Item, { price: N('12.50'), nested: { M: { list: { L: [{ BOOL: true }] } } } });
  const missing = await client.send(new GetItemCommand({ TableName: 'plain', Key: { id: S('nope') } }));
  assert.equal(missing.Item, undefined);
});

test('conditional writes fail with ConditionalCheckFailedException; ReturnValues ALL_OLD', async () => {
  const put = (amount: string) =>
    client.send(new PutItemCommand({ TableName: 'plain', Item: { id: S('cond'), amount: N(amount) }, ConditionExpression: 'attribute_not_exists(id)', ReturnValuesOnConditionCheckFailure: 'ALL_OLD' }));
  await put('1');
  const err = await put('2').catch((e: unknown) => e);
  assert.ok(err instanceof ConditionalCheckFailedException, String(err));
  assert.equal(err.message, 'The conditional request failed');
  assert.deepEqual(err.Item, { id: S('cond'), amount: N('1') });

  const replaced = await client.send(new PutItemCommand({ TableName: 'plain', Item: { id: S('cond'), amount: N('3') }, ConditionExpression: 'amount < :max', ExpressionAttributeValues: { ':max': N('10') }, ReturnValues: 'ALL_OLD' }));
  assert.deepEqual(replaced.Attributes, { id: S('cond'), amount: N('1') });

  await assert.rejects(
    client.send(new DeleteItemCommand({ TableName: 'plain', Key: { id: S('cond') }, ConditionExpression: 'amount = :v', ExpressionAttributeValues: { ':v': N('4') } })),
    ConditionalCheckFailedException,
  );
  const deleted = await client.send(new DeleteItemCommand({ TableName: 'plain', Key: { id: S('cond') }, ConditionExpression: 'amount = :v', ExpressionAttributeValues: { ':v': N('3.0') }, ReturnValues: 'ALL_OLD' }));
  assert.deepEqual(deleted.Attributes, { id: S('cond'), amount: N('3') });
});

test('UpdateItem: SET arithmetic, if_not_exists, list_append, REMOVE, ADD; every ReturnValues', async () => {
  const key = { id: S('upd') };
  const created = await client.send(
    new UpdateItemCommand({
      TableName: 'plain',
      Key: key,
      UpdateExpression: 'SET #c = if_not_exists(#c, :zero) + :one, history = list_append(if_not_exists(history, :empty), :h), note = :note ADD tags :t',
      ExpressionAttributeNames: { '#c': 'count' },
      ExpressionAttributeValues: { ':zero': N('0'), ':one': N('1'), ':empty': { L: [] }, ':h': { L: [S('created')] }, ':note': S('hi'), ':t': { SS: ['x'] } },
      ReturnValues: 'ALL_NEW',
    }),
  );
  assert.deepEqual(created.Attributes, { id: S('upd'), count: N('1'), history: { L: [S('created')] }, note: S('hi'), tags: { SS: ['x'] } });

  const updatedNew = await client.send(
    new UpdateItemCommand({ TableName: 'plain', Key: key, UpdateExpression: 'SET #c = #c + :two REMOVE note', ExpressionAttributeNames: { '#c': 'count' }, ExpressionAttributeValues: { ':two': N('2.5') }, ReturnValues: 'UPDATED_NEW' }),
  );
  assert.deepEqual(updatedNew.Attributes, { count: N('3.5') });

  const updatedOld = await client.send(new UpdateItemCommand({ TableName: 'plain', Key: key, UpdateExpression: 'ADD #c :n', ExpressionAttributeNames: { '#c': 'count' }, ExpressionAttributeValues: { ':n': N('-0.5') }, ReturnValues: 'UPDATED_OLD' }));
  assert.deepEqual(updatedOld.Attributes, { count: N('3.5') });

  const allOld = await client.send(new UpdateItemCommand({ TableName: 'plain', Key: key, UpdateExpression: 'SET note = :v', ExpressionAttributeValues: { ':v': S('back') }, ReturnValues: 'ALL_OLD' }));
  assert.deepEqual(allOld.Attributes, { id: S('upd'), count: N('3'), history: { L: [S('created')] }, tags: { SS: ['x'] } });

  const none = await client.send(new UpdateItemCommand({ TableName: 'plain', Key: key, UpdateExpression: 'SET note = :v', ExpressionAttributeValues: { ':v': S('again') } }));
  assert.equal(none.Attributes, undefined);

  await assert.rejects(
    client.send(new UpdateItemCommand({ TableName: 'plain', Key: key, UpdateExpression: 'SET note = :v', ConditionExpression: '#c > :big', ExpressionAttributeNames: { '#c': 'count' }, ExpressionAttributeValues: { ':v': S('x'), ':big': N('100') } })),
    ConditionalCheckFailedException,
  );
});

test('errors are DynamoDB\'s: ValidationException for bad expressions and keys, ResourceNotFoundException', async () => {
  const validation = async (p: Promise<unknown>, message: RegExp): Promise<void> => {
    const err = await p.catch((e: unknown) => e);
    assert.ok(err instanceof Error, String(err));
    assert.equal(err.name, 'ValidationException');
    assert.match(err.message, message);
    assert.equal((err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode, 400);
  };
  await validation(client.send(new UpdateItemCommand({ TableName: 'plain', Key: { id: S('v') }, UpdateExpression: 'SET status = :s', ExpressionAttributeValues: { ':s': S('x') } })), /reserved keyword: status/);
  await validation(client.send(new UpdateItemCommand({ TableName: 'plain', Key: { id: S('v') }, UpdateExpression: 'SET a = :s', ExpressionAttributeValues: { ':s': S('x'), ':t': S('y') } })), /unused in expressions: keys: \{:t\}/);
  await validation(client.send(new UpdateItemCommand({ TableName: 'plain', Key: { id: S('v') }, UpdateExpression: 'SET a = ', ExpressionAttributeValues: { ':s': S('x') } })), /Syntax error/);
  await validation(client.send(new GetItemCommand({ TableName: 'plain', Key: { wrong: S('v') } })), /The provided key element does not match the schema/);
  await validation(client.send(new PutItemCommand({ TableName: 'plain', Item: { other: S('v') } })), /Missing the key id in the item/);
  await validation(client.send(new PutItemCommand({ TableName: 'plain', Item: { id: N('1') } })), /Type mismatch for key id expected: S actual: N/);
  await validation(client.send(new UpdateItemCommand({ TableName: 'plain', Key: { id: S('v') }, UpdateExpression: 'SET id = :s', ExpressionAttributeValues: { ':s': S('x') } })), /part of the key/);
  const missing = await client.send(new GetItemCommand({ TableName: 'no-such-table', Key: { id: S('v') } })).catch((e: unknown) => e);
  assert.ok(missing instanceof ResourceNotFoundException, String(missing));
});

test('Query: hash key, sort-key conditions, direction, Limit pages and filters', async () => {
  const writes = [];
  for (let i = 1; i <= 12; i++) writes.push({ PutRequest: { Item: { pk: S(i % 2 === 0 ? 'even' : 'odd'), sk: N(String(i)), label: S(`item-${i}`) } } });
  await client.send(new BatchWriteItemCommand({ RequestItems: { events: writes.slice(0, 6) } }));
  await client.send(new BatchWriteItemCommand({ RequestItems: { events: writes.slice(6) } }));

  const all = await client.send(new QueryCommand({ TableName: 'events', KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': S('even') } }));
  assert.deepEqual(all.Items?.map((i) => i.sk?.N), ['2', '4', '6', '8', '10', '12'], 'numeric sort-key order');
  assert.equal(all.LastEvaluatedKey, undefined);

  const between = await client.send(new QueryCommand({ TableName: 'events', KeyConditionExpression: 'pk = :p AND sk BETWEEN :a AND :b', ExpressionAttributeValues: { ':p': S('odd'), ':a': N('3'), ':b': N('9') }, ScanIndexForward: false }));
  assert.deepEqual(between.Items?.map((i) => i.sk?.N), ['9', '7', '5', '3']);

  const pages: string[][] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(new QueryCommand({ TableName: 'events', KeyConditionExpression: 'pk = :p AND sk > :min', ExpressionAttributeValues: { ':p': S('even'), ':min': N('2') }, Limit: 2, ExclusiveStartKey: start }));
    pages.push((page.Items ?? []).map((i) => i.sk?.N ?? ''));
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
  assert.deepEqual(pages.flat(), ['4', '6', '8', '10', '12']);

  const filtered = await client.send(
    new QueryCommand({ TableName: 'events', KeyConditionExpression: 'pk = :p', FilterExpression: 'label IN (:a, :b)', ExpressionAttributeValues: { ':p': S('odd'), ':a': S('item-1'), ':b': S('item-11') }, ProjectionExpression: 'sk' }),
  );
  assert.deepEqual(filtered.Items, [{ sk: N('1') }, { sk: N('11') }]);
  assert.equal(filtered.Count, 2);
  assert.equal(filtered.ScannedCount, 6);
});

test('Scan pages through every item exactly once; DescribeTable and ListTables', async () => {
  const seen: string[] = [];
  let start: Record<string, AttributeValue> | undefined;
  let pages = 0;
  do {
    const page = await client.send(new ScanCommand({ TableName: 'events', Limit: 5, ExclusiveStartKey: start }));
    for (const i of page.Items ?? []) seen.push(`${i.pk?.S ?? ''}/${i.sk?.N ?? ''}`);
    start = page.LastEvaluatedKey;
    pages++;
  } while (start !== undefined);
  assert.equal(seen.length, 12);
  assert.equal(new Set(seen).size, 12);
  assert.ok(pages >= 3);

  const filtered = await client.send(new ScanCommand({ TableName: 'events', FilterExpression: 'sk >= :n', ExpressionAttributeValues: { ':n': N('11') } }));
  assert.equal(filtered.Count, 2);

  const described = await client.send(new DescribeTableCommand({ TableName: 'orders' }));
  assert.equal(described.Table?.TableStatus, 'ACTIVE');
  assert.deepEqual(described.Table?.KeySchema, [{ AttributeName: 'orderId', KeyType: 'HASH' }]);
  assert.match(described.Table?.LatestStreamArn ?? '', /^arn:aws:dynamodb:us-east-1:123456789012:table\/orders\/stream\/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}$/);
  const events = await client.send(new DescribeTableCommand({ TableName: 'events' }));
  assert.equal(events.Table?.ItemCount, 12);
  await assert.rejects(client.send(new DescribeTableCommand({ TableName: 'nope' })), ResourceNotFoundException);

  const tables = await client.send(new ListTablesCommand({}));
  assert.deepEqual(tables.TableNames, ['events', 'keys-only', 'orders', 'plain']);
});

test('TransactWriteItems applies all or nothing; a failed condition cancels with reasons', async () => {
  await client.send(
    new TransactWriteItemsCommand({
      TransactItems: [{ Put: { TableName: 'plain', Item: { id: S('tx-a'), v: N('1') } } }, { Put: { TableName: 'plain', Item: { id: S('tx-b'), v: N('1') } } }],
    }),
  );
  const err = await client
    .send(
      new TransactWriteItemsCommand({
        TransactItems: [
          { Update: { TableName: 'plain', Key: { id: S('tx-a') }, UpdateExpression: 'SET v = :two', ExpressionAttributeValues: { ':two': N('2') } } },
          { ConditionCheck: { TableName: 'plain', Key: { id: S('tx-b') }, ConditionExpression: 'v = :five', ExpressionAttributeValues: { ':five': N('5') } } },
        ],
      }),
    )
    .catch((e: unknown) => e);
  assert.ok(err instanceof TransactionCanceledException, String(err));
  assert.deepEqual(
    err.CancellationReasons?.map((r) => r.Code),
    ['None', 'ConditionalCheckFailed'],
  );
  const a = await client.send(new GetItemCommand({ TableName: 'plain', Key: { id: S('tx-a') } }));
  assert.deepEqual(a.Item?.v, N('1'), 'nothing applied');
});

// ---------------------------------------------------------------- streams

type StreamRecord = DynamoDBStreamEvent['Records'][number];
const streamRecords = (fn: string): StreamRecord[] => invoker.calls.filter((c) => c.functionName === fn).flatMap((c) => (c.event as DynamoDBStreamEvent).Records);

test('stream: INSERT, MODIFY, REMOVE in order with their images; no record for a write that changes nothing', async () => {
  ddb.addStreamSource('orders', 'on-order', { batchSize: 10, maximumBatchingWindowMs: 50 });
  const item = { orderId: S('o-1'), status: S('new'), total: N('10') };
  await client.send(new PutItemCommand({ TableName: 'orders', Item: item }));
  await client.send(new PutItemCommand({ TableName: 'orders', Item: { orderId: S('o-1'), total: N('10.0'), status: S('new') } })); // the same item
  await client.send(new UpdateItemCommand({ TableName: 'orders', Key: { orderId: S('o-1') }, UpdateExpression: 'SET #s = :s', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':s': S('paid') } }));
  await client.send(new UpdateItemCommand({ TableName: 'orders', Key: { orderId: S('o-1') }, UpdateExpression: 'SET #s = :s', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':s': S('paid') } })); // no change
  await client.send(new DeleteItemCommand({ TableName: 'orders', Key: { orderId: S('o-1') } }));
  await client.send(new DeleteItemCommand({ TableName: 'orders', Key: { orderId: S('o-1') } })); // nothing to delete
  await waitFor('three stream records', () => streamRecords('on-order').length >= 3);
  await sleep(120);
  const records = streamRecords('on-order');
  assert.deepEqual(
    records.map((r) => r.eventName),
    ['INSERT', 'MODIFY', 'REMOVE'],
  );
  const [insert, modify, remove] = records as [StreamRecord, StreamRecord, StreamRecord];
  assert.deepEqual(insert.dynamodb?.NewImage, item);
  assert.equal(insert.dynamodb?.OldImage, undefined);
  assert.deepEqual(modify.dynamodb?.OldImage, item);
  assert.deepEqual(modify.dynamodb?.NewImage?.status, { S: 'paid' });
  assert.deepEqual(remove.dynamodb?.OldImage?.status, { S: 'paid' });
  assert.equal(remove.dynamodb?.NewImage, undefined);
  for (const r of records) {
    assert.equal(r.eventVersion, '1.1');
    assert.equal(r.eventSource, 'aws:dynamodb');
    assert.equal(r.awsRegion, 'us-east-1');
    assert.deepEqual(r.dynamodb?.Keys, { orderId: { S: 'o-1' } });
    assert.equal(r.dynamodb?.StreamViewType, 'NEW_AND_OLD_IMAGES');
    assert.match(r.dynamodb?.SequenceNumber ?? '', /^\d{21,}$/);
    assert.ok(Number.isInteger(r.dynamodb?.ApproximateCreationDateTime) && Math.abs((r.dynamodb?.ApproximateCreationDateTime ?? 0) - Date.now() / 1000) < 60);
    assert.ok((r.dynamodb?.SizeBytes ?? 0) > 0);
    assert.match(r.eventID ?? '', /^[0-9a-f]{32}$/);
    assert.match(r.eventSourceARN ?? '', /^arn:aws:dynamodb:us-east-1:123456789012:table\/orders\/stream\/\d{4}-/);
  }
  const seqs = records.map((r) => BigInt(r.dynamodb?.SequenceNumber ?? '0'));
  assert.ok(seqs[0]! < seqs[1]! && seqs[1]! < seqs[2]!, 'increasing sequence numbers');
  // the tracer links the producer's PutItem (hash of Item) to the consumer record (hash of NewImage)
  assert.equal(dynamoHash(insert.dynamodb?.NewImage), dynamoHash({ orderId: { S: 'o-1' }, status: { S: 'new' }, total: { N: '10' } }));
  assert.equal(dynamoHash(modify.dynamodb?.Keys), dynamoHash({ orderId: { S: 'o-1' } }));
});

test('stream: a failing batch is retried, blocking later records, and delivered once it succeeds', async () => {
  ddb.addStreamSource('keys-only', 'flaky', { batchSize: 2, maximumBatchingWindowMs: 0 });
  let failuresLeft = 2;
  invoker.answer = (fn) => (fn === 'flaky' && failuresLeft-- > 0 ? 'error' : 'success');
  for (const id of ['k1', 'k2', 'k3', 'k4']) await client.send(new PutItemCommand({ TableName: 'keys-only', Item: { id: S(id), v: N('1') } }));
  await waitFor('all four delivered', () => invoker.calls.filter((c) => c.outcome.status === 'success').flatMap((c) => (c.event as DynamoDBStreamEvent).Records).length >= 4);
  const calls = invoker.calls.filter((c) => c.functionName === 'flaky');
  const ids = (i: number): string[] => ((calls[i]?.event as DynamoDBStreamEvent).Records ?? []).map((r) => r.dynamodb?.Keys?.id?.S ?? '');
  assert.deepEqual(ids(0), ids(1), 'the same batch is retried');
  assert.deepEqual(ids(1), ids(2));
  assert.equal(calls[0]?.outcome.status, 'error');
  assert.equal(calls[2]?.outcome.status, 'success');
  const delivered = calls.filter((c) => c.outcome.status === 'success').flatMap((c) => (c.event as DynamoDBStreamEvent).Records.map((r) => r.dynamodb?.Keys?.id?.S));
  assert.deepEqual(delivered, ['k1', 'k2', 'k3', 'k4'], 'in order, nothing skipped');
  const first = (calls[0]?.event as DynamoDBStreamEvent).Records[0];
  assert.equal(first?.dynamodb?.NewImage, undefined, 'KEYS_ONLY');
  assert.equal(first?.dynamodb?.StreamViewType, 'KEYS_ONLY');
  assert.equal(errors.length, 0);
});

test('stream: a batch failing past 3 retries is skipped and reported; later records still flow', async () => {
  ddb.createTable('poison', { hashKey: 'id', stream: 'NEW_IMAGE' });
  ddb.addStreamSource('poison', 'picky', { batchSize: 1, maximumBatchingWindowMs: 0 });
  invoker.answer = (_fn, event) => ((event as DynamoDBStreamEvent).Records[0]?.dynamodb?.Keys?.id?.S === 'bad' ? 'error' : 'success');
  await client.send(new PutItemCommand({ TableName: 'poison', Item: { id: S('bad') } }));
  await client.send(new PutItemCommand({ TableName: 'poison', Item: { id: S('good') } }));
  await waitFor('the good record', () => invoker.calls.some((c) => (c.event as DynamoDBStreamEvent).Records[0]?.dynamodb?.Keys?.id?.S === 'good'));
  const attempts = invoker.calls.filter((c) => (c.event as DynamoDBStreamEvent).Records[0]?.dynamodb?.Keys?.id?.S === 'bad');
  assert.equal(attempts.length, 4, 'first attempt and 3 retries');
  assert.equal(errors.length, 1);
  assert.match(String(errors[0]), /skipped 1 record/);
});

test('stream: reportBatchItemFailures retries from the first failed record', async () => {
  ddb.createTable('partial', { hashKey: 'id', stream: 'NEW_IMAGE' });
  const writes = ['p1', 'p2', 'p3'].map((id) => ({ PutRequest: { Item: { id: S(id) } } }));
  await client.send(new BatchWriteItemCommand({ RequestItems: { partial: writes } }));
  let failedOnce = false;
  invoker.answer = (fn, event) => {
    if (fn !== 'partial-fn' || failedOnce) return 'success';
    failedOnce = true;
    const second = (event as DynamoDBStreamEvent).Records[1];
    return { payload: { batchItemFailures: [{ itemIdentifier: second?.dynamodb?.SequenceNumber }] } };
  };
  ddb.addStreamSource('partial', 'partial-fn', { batchSize: 10, maximumBatchingWindowMs: 0, reportBatchItemFailures: true });
  await waitFor('the retry', () => invoker.calls.filter((c) => c.functionName === 'partial-fn').length >= 2);
  const calls = invoker.calls.filter((c) => c.functionName === 'partial-fn').map((c) => (c.event as DynamoDBStreamEvent).Records.map((r) => r.dynamodb?.Keys?.id?.S));
  assert.deepEqual(calls[0], ['p1', 'p2', 'p3']);
  assert.deepEqual(calls[1], ['p2', 'p3']);
});

test('wire format: namespaced __type errors, x-amz-crc32, unknown operations', async () => {
  const call = async (op: string, body: unknown): Promise<{ status: number; headers: Headers; json: Record<string, unknown> }> => {
    const res = await fetch(endpoint.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': `DynamoDB_20120810.${op}`,
        authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=x',
      },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    assert.equal(res.headers.get('x-amz-crc32'), String(crc32(text)));
    return { status: res.status, headers: res.headers, json: JSON.parse(text) as Record<string, unknown> };
  };
  await call('PutItem', { TableName: 'plain', Item: { id: { S: 'wire' } } });
  const failed = await call('PutItem', { TableName: 'plain', Item: { id: { S: 'wire' } }, ConditionExpression: 'attribute_not_exists(id)' });
  assert.equal(failed.status, 400);
  assert.deepEqual(failed.json, { __type: 'com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException', message: 'The conditional request failed' });
  const missing = await call('GetItem', { TableName: 'nope', Key: { id: { S: 'x' } } });
  assert.deepEqual(missing.json, { __type: 'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException', message: 'Requested resource not found' });
  const invalid = await call('GetItem', { TableName: 'plain', Key: { id: { N: '1' } } });
  assert.deepEqual(invalid.json, { __type: 'com.amazon.coral.validate#ValidationException', message: 'The provided key element does not match the schema' });
  const unknown = await call('CreateBackup', {});
  assert.equal(unknown.json.__type, 'com.amazon.coral.service#UnknownOperationException');
  assert.ok(missing.headers.get('x-amzn-requestid'));
});
