import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import {
  DescribeStreamCommand,
  DescribeStreamSummaryCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  KinesisClient,
  ListShardsCommand,
  PutRecordCommand,
  type PutRecordCommandOutput,
  type Shard,
  PutRecordsCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-kinesis';
import { kinesisKey } from '@nightjar/lambda';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { KinesisStreamEvent } from 'aws-lambda';
import { startAwsEndpoint, type AwsEndpoint } from './endpoint.ts';
import { createKinesis, hashKeyOf, type KinesisService } from './kinesis.ts';
import { recordingInvoker, testCredentials, waitFor, type RecordingInvoker } from './test-helpers.ts';

let invoker: RecordingInvoker;
let kinesis: KinesisService;
let endpoint: AwsEndpoint;
let h2: KinesisClient;
let h1: KinesisClient;
const errors: unknown[] = [];

before(async () => {
  invoker = recordingInvoker();
  kinesis = createKinesis({ invoker, onError: (e) => errors.push(e), retryDelayMs: 10 });
  kinesis.createStream('clicks', 4);
  kinesis.createStream('reads', 2);
  endpoint = await startAwsEndpoint({ services: [kinesis] });
  const base = { region: 'us-east-1', credentials: testCredentials, maxAttempts: 1 };
  h2 = new KinesisClient({ ...base, endpoint: endpoint.h2Url }); // the client's default HTTP/2 handler
  h1 = new KinesisClient({ ...base, endpoint: endpoint.url, requestHandler: new NodeHttpHandler() });
});

after(async () => {
  h2.destroy();
  h1.destroy();
  await endpoint.close();
});

beforeEach(() => {
  invoker.calls.length = 0;
  invoker.answer = () => 'success';
  errors.length = 0;
});

const records = (fn: string): KinesisStreamEvent['Records'] => invoker.calls.filter((c) => c.functionName === fn).flatMap((c) => (c.event as KinesisStreamEvent).Records);

test('PutRecord over HTTP/2 and HTTP/1.1: the shard is MD5(PartitionKey) over the hash key ranges', async () => {
  const shards = await h2.send(new ListShardsCommand({ StreamName: 'clicks' }));
  assert.equal(shards.Shards?.length, 4);
  assert.equal(shards.Shards?.[0]?.HashKeyRange?.StartingHashKey, '0');
  assert.equal(shards.Shards?.[3]?.HashKeyRange?.EndingHashKey, (2n ** 128n - 1n).toString());
  assert.equal(shards.Shards?.[1]?.HashKeyRange?.StartingHashKey, (2n ** 126n).toString());
  let last = 0n;
  for (const [i, client] of [h2, h1, h2, h1].entries()) {
    const key = `user-${i}`;
    const out: PutRecordCommandOutput = await client.send(new PutRecordCommand({ StreamName: 'clicks', PartitionKey: key, Data: new TextEncoder().encode(`click ${i}`) }));
    const hash = hashKeyOf(key);
    const shard: Shard | undefined = shards.Shards?.find((s) => BigInt(s.HashKeyRange?.StartingHashKey ?? '0') <= hash && hash <= BigInt(s.HashKeyRange?.EndingHashKey ?? '0'));
    assert.equal(out.ShardId, shard?.ShardId);
    assert.match(out.SequenceNumber ?? '', /^\d{56}$/);
    assert.ok(BigInt(out.SequenceNumber ?? '0') > last, 'increasing');
    last = BigInt(out.SequenceNumber ?? '0');
  }
  const explicit = await h1.send(new PutRecordCommand({ StreamName: 'clicks', PartitionKey: 'any', ExplicitHashKey: (2n ** 127n).toString(), Data: new Uint8Array([1]) }));
  assert.equal(explicit.ShardId, 'shardId-000000000002');
  const missing = await h2.send(new PutRecordCommand({ StreamName: 'nope', PartitionKey: 'k', Data: new Uint8Array([1]) })).catch((e: unknown) => e);
  assert.ok(missing instanceof ResourceNotFoundException, String(missing));
});

test('the event source mapping delivers each shard in order; eventID matches the PutRecord answer', async () => {
  kinesis.createStream('orders-stream', 2);
  kinesis.addEventSource('orders-stream', 'consumer', { batchSize: 5, maximumBatchingWindowMs: 20 });
  const sent: { key: string; data: string; shardId: string; seq: string }[] = [];
  for (let i = 0; i < 20; i++) {
    const key = `customer-${i % 3}`;
    const data = `event-${i}`;
    const out = await h2.send(new PutRecordCommand({ StreamName: 'orders-stream', PartitionKey: key, Data: Buffer.from(data) }));
    sent.push({ key, data, shardId: out.ShardId ?? '', seq: out.SequenceNumber ?? '' });
  }
  const batch = await h1.send(
    new PutRecordsCommand({ StreamName: 'orders-stream', Records: [{ PartitionKey: 'customer-0', Data: Buffer.from('batched-0') }, { PartitionKey: 'customer-1', Data: new Uint8Array([0, 255]) }] }),
  );
  assert.equal(batch.FailedRecordCount, 0);
  for (const [i, r] of (batch.Records ?? []).entries()) sent.push({ key: `customer-${i}`, data: i === 0 ? 'batched-0' : Buffer.from([0, 255]).toString('latin1'), shardId: r.ShardId ?? '', seq: r.SequenceNumber ?? '' });

  await waitFor('every record', () => records('consumer').length >= sent.length);
  const got = records('consumer');
  assert.equal(got.length, sent.length);
  for (const s of sent) {
    const r = got.find((x) => x.kinesis.sequenceNumber === s.seq);
    assert.ok(r, `record ${s.seq}`);
    assert.equal(r.eventID, `${s.shardId}:${s.seq}`);
    assert.equal(r.kinesis.partitionKey, s.key);
    assert.equal(Buffer.from(r.kinesis.data, 'base64').toString('latin1'), s.data);
    assert.equal(r.kinesis.kinesisSchemaVersion, '1.0');
    assert.ok(Math.abs(r.kinesis.approximateArrivalTimestamp - Date.now() / 1000) < 60);
    assert.equal(r.eventSource, 'aws:kinesis');
    assert.equal(r.eventVersion, '1.0');
    assert.equal(r.eventName, 'aws:kinesis:record');
    assert.equal(r.awsRegion, 'us-east-1');
    assert.equal(r.eventSourceARN, 'arn:aws:kinesis:us-east-1:123456789012:stream/orders-stream');
    assert.match(r.invokeIdentityArn, /^arn:aws:iam::123456789012:role\//);
    // the tracer's producer key (PutRecord answer) equals its consumer key (eventID)
    const colon = r.eventID.indexOf(':');
    assert.equal(kinesisKey('orders-stream', r.eventID.slice(0, colon), r.kinesis.sequenceNumber), kinesisKey('orders-stream', s.shardId, s.seq));
  }
  // per shard: increasing sequence numbers, one shard per invocation, at most batchSize records
  for (const call of invoker.calls) {
    const rs = (call.event as KinesisStreamEvent).Records;
    assert.ok(rs.length <= 5);
    assert.equal(new Set(rs.map((r) => r.eventID.split(':')[0])).size, 1);
  }
  for (const shard of new Set(got.map((r) => r.eventID.split(':')[0]))) {
    const seqs = got.filter((r) => r.eventID.startsWith(`${shard}:`)).map((r) => BigInt(r.kinesis.sequenceNumber));
    assert.deepEqual(seqs, [...seqs].sort((a, b) => (a < b ? -1 : 1)));
  }
});

test('a failing batch blocks its shard, is retried 3 times, then skipped and reported', async () => {
  kinesis.createStream('one-shard', 1);
  invoker.answer = (_fn, event) => ((event as KinesisStreamEvent).Records.some((r) => Buffer.from(r.kinesis.data, 'base64').toString() === 'poison') ? 'error' : 'success');
  kinesis.addEventSource('one-shard', 'strict', { batchSize: 1, maximumBatchingWindowMs: 0 });
  for (const d of ['ok-1', 'poison', 'ok-2']) await h2.send(new PutRecordCommand({ StreamName: 'one-shard', PartitionKey: 'p', Data: Buffer.from(d) }));
  await waitFor('ok-2', () => records('strict').some((r) => Buffer.from(r.kinesis.data, 'base64').toString() === 'ok-2'));
  const order = records('strict').map((r) => Buffer.from(r.kinesis.data, 'base64').toString());
  assert.deepEqual(order, ['ok-1', 'poison', 'poison', 'poison', 'poison', 'ok-2']);
  assert.equal(errors.length, 1);
  assert.match(String(errors[0]), /one-shard\/shardId-000000000000 -> strict: skipped 1 record/);
});

test('GetShardIterator + GetRecords: TRIM_HORIZON, LATEST, AT/AFTER_SEQUENCE_NUMBER, paging', async () => {
  const seqs: string[] = [];
  for (let i = 0; i < 5; i++) {
    const out = await h1.send(new PutRecordCommand({ StreamName: 'reads', PartitionKey: 'same-key', Data: Buffer.from(`r${i}`) }));
    seqs.push(out.SequenceNumber ?? '');
  }
  const shardId = (await h1.send(new PutRecordCommand({ StreamName: 'reads', PartitionKey: 'same-key', Data: Buffer.from('r5') }))).ShardId ?? '';
  const iterator = async (type: 'TRIM_HORIZON' | 'LATEST' | 'AT_SEQUENCE_NUMBER' | 'AFTER_SEQUENCE_NUMBER', seq?: string): Promise<string> =>
    (await h2.send(new GetShardIteratorCommand({ StreamName: 'reads', ShardId: shardId, ShardIteratorType: type, StartingSequenceNumber: seq }))).ShardIterator ?? '';
  const data = (rs: { Data?: Uint8Array }[] | undefined): string[] => (rs ?? []).map((r) => Buffer.from(r.Data ?? []).toString());

  const first = await h2.send(new GetRecordsCommand({ ShardIterator: await iterator('TRIM_HORIZON'), Limit: 4 }));
  assert.deepEqual(data(first.Records), ['r0', 'r1', 'r2', 'r3']);
  assert.ok(first.Records?.[0]?.ApproximateArrivalTimestamp instanceof Date);
  assert.equal(first.Records?.[0]?.PartitionKey, 'same-key');
  const second = await h2.send(new GetRecordsCommand({ ShardIterator: first.NextShardIterator }));
  assert.deepEqual(data(second.Records), ['r4', 'r5']);
  assert.equal(second.MillisBehindLatest, 0);
  const empty = await h2.send(new GetRecordsCommand({ ShardIterator: second.NextShardIterator }));
  assert.deepEqual(data(empty.Records), []);
  assert.ok(empty.NextShardIterator);

  const latest = await iterator('LATEST');
  await h1.send(new PutRecordCommand({ StreamName: 'reads', PartitionKey: 'same-key', Data: Buffer.from('r6') }));
  assert.deepEqual(data((await h1.send(new GetRecordsCommand({ ShardIterator: latest }))).Records), ['r6']);
  assert.deepEqual(data((await h1.send(new GetRecordsCommand({ ShardIterator: await iterator('AT_SEQUENCE_NUMBER', seqs[3]), Limit: 1 }))).Records), ['r3']);
  assert.deepEqual(data((await h1.send(new GetRecordsCommand({ ShardIterator: await iterator('AFTER_SEQUENCE_NUMBER', seqs[3]), Limit: 1 }))).Records), ['r4']);
});

test('DescribeStream and DescribeStreamSummary', async () => {
  const d = await h2.send(new DescribeStreamCommand({ StreamName: 'clicks' }));
  assert.equal(d.StreamDescription?.StreamStatus, 'ACTIVE');
  assert.equal(d.StreamDescription?.StreamARN, 'arn:aws:kinesis:us-east-1:123456789012:stream/clicks');
  assert.equal(d.StreamDescription?.Shards?.length, 4);
  assert.equal(d.StreamDescription?.HasMoreShards, false);
  assert.ok(d.StreamDescription?.StreamCreationTimestamp instanceof Date);
  const s = await h1.send(new DescribeStreamSummaryCommand({ StreamARN: 'arn:aws:kinesis:us-east-1:123456789012:stream/reads' }));
  assert.equal(s.StreamDescriptionSummary?.OpenShardCount, 2);
  assert.equal(s.StreamDescriptionSummary?.StreamName, 'reads');
});
