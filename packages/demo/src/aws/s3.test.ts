import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import http from 'node:http';
import { Readable } from 'node:stream';
import { after, before, beforeEach, test } from 'node:test';
import {
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  NoSuchBucket,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { s3Key } from '@nightjar/lambda';
import type { S3Event } from 'aws-lambda';
import { createAsyncInvoker, type AsyncInvoker } from './async-invoke.ts';
import { startAwsEndpoint, type AwsEndpoint } from './endpoint.ts';
import { createS3, decodeAwsChunked, notificationKey, virtualHostBucket, type S3Service } from './s3.ts';
import { recordingInvoker, sleep, testCredentials, waitFor, type RecordingInvoker } from './test-helpers.ts';

let invoker: RecordingInvoker;
let asyncInvoker: AsyncInvoker;
let s3: S3Service;
let endpoint: AwsEndpoint;
let client: S3Client;
let pathStyle: S3Client;

before(async () => {
  invoker = recordingInvoker();
  asyncInvoker = createAsyncInvoker(invoker, { retryDelaysMs: [10, 10] });
  s3 = createS3({ asyncInvoker });
  s3.createBucket('uploads');
  s3.addNotification('uploads', { functionName: 'on-upload', events: ['s3:ObjectCreated:*'], prefix: 'incoming/', id: 'upload-config' });
  s3.addNotification('uploads', { functionName: 'on-delete', events: ['s3:ObjectRemoved:*'], suffix: '.txt' });
  endpoint = await startAwsEndpoint({ services: [s3] });
  const base = { endpoint: endpoint.url, region: 'us-east-1', credentials: testCredentials, maxAttempts: 1 };
  client = new S3Client(base);
  pathStyle = new S3Client({ ...base, forcePathStyle: true });
});

after(async () => {
  client.destroy();
  pathStyle.destroy();
  await endpoint.close();
  await asyncInvoker.close();
});

beforeEach(() => {
  invoker.calls.length = 0;
  invoker.answer = () => 'success';
});

const md5 = (b: string | Buffer): string => createHash('md5').update(b).digest('hex');

test('PutObject / GetObject round-trip a string and binary body, with and without forcePathStyle', async () => {
  for (const c of [client, pathStyle]) {
    const text = 'héllo wörld ✓';
    const put = await c.send(new PutObjectCommand({ Bucket: 'uploads', Key: 'docs/a b+c.txt', Body: text, ContentType: 'text/plain; charset=utf-8', Metadata: { owner: 'alice' } }));
    assert.equal(put.ETag, `"${md5(text)}"`);
    const got = await c.send(new GetObjectCommand({ Bucket: 'uploads', Key: 'docs/a b+c.txt' }));
    assert.equal(await got.Body?.transformToString(), text);
    assert.equal(got.ContentType, 'text/plain; charset=utf-8');
    assert.equal(got.ContentLength, Buffer.byteLength(text));
    assert.deepEqual(got.Metadata, { owner: 'alice' });
    assert.equal(got.ETag, put.ETag);

    const binary = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 7) % 256));
    const putBin = await c.send(new PutObjectCommand({ Bucket: 'uploads', Key: 'bin/data.bin', Body: binary }));
    assert.equal(putBin.ETag, `"${md5(binary)}"`);
    const gotBin = await c.send(new GetObjectCommand({ Bucket: 'uploads', Key: 'bin/data.bin' }));
    assert.ok(Buffer.from(await gotBin.Body!.transformToByteArray()).equals(binary));
  }
});

test('a streamed body (aws-chunked with a CRC32 trailer) is stored as sent', async () => {
  const parts = [Buffer.from('first part, '), Buffer.from('second part')];
  await client.send(new PutObjectCommand({ Bucket: 'uploads', Key: 'stream.txt', Body: Readable.from(parts), ContentLength: 23 }));
  const got = await client.send(new GetObjectCommand({ Bucket: 'uploads', Key: 'stream.txt', ChecksumMode: 'ENABLED' }));
  assert.equal(await got.Body?.transformToString(), 'first part, second part');
  assert.ok(got.ChecksumCRC32 !== undefined, 'the checksum sent is kept and validated by the SDK');

  const signed = decodeAwsChunked(Buffer.from('5;chunk-signature=abc\r\nhello\r\n0;chunk-signature=def\r\nx-amz-checksum-crc32:NhCmhg==\r\nx-amz-trailer-signature:0\r\n\r\n'));
  assert.equal(signed.body.toString(), 'hello');
  assert.equal(signed.trailers['x-amz-checksum-crc32'], 'NhCmhg==');
});

test('HeadObject, DeleteObject, and the errors in S3\'s shapes', async () => {
  await client.send(new PutObjectCommand({ Bucket: 'uploads', Key: 'h.txt', Body: '12345' }));
  const head = await client.send(new HeadObjectCommand({ Bucket: 'uploads', Key: 'h.txt' }));
  assert.equal(head.ContentLength, 5);
  assert.equal(head.ETag, `"${md5('12345')}"`);
  assert.ok(head.LastModified instanceof Date);

  const range = await client.send(new GetObjectCommand({ Bucket: 'uploads', Key: 'h.txt', Range: 'bytes=1-2' }));
  assert.equal(await range.Body?.transformToString(), '23');
  assert.equal(range.ContentRange, 'bytes 1-2/5');
  const exists = await client.send(new PutObjectCommand({ Bucket: 'uploads', Key: 'h.txt', Body: 'again', IfNoneMatch: '*' })).catch((e: unknown) => e);
  assert.ok(exists instanceof S3ServiceException && exists.name === 'PreconditionFailed' && exists.$metadata.httpStatusCode === 412, String(exists));

  await client.send(new DeleteObjectCommand({ Bucket: 'uploads', Key: 'h.txt' }));
  const noKey = await client.send(new GetObjectCommand({ Bucket: 'uploads', Key: 'h.txt' })).catch((e: unknown) => e);
  assert.ok(noKey instanceof NoSuchKey, String(noKey));
  assert.match(noKey.$metadata.requestId ?? '', /^[0-9A-F]{16}$/);
  assert.ok(noKey.$metadata.extendedRequestId !== undefined);
  const headMissing = await client.send(new HeadObjectCommand({ Bucket: 'uploads', Key: 'h.txt' })).catch((e: unknown) => e);
  assert.ok(headMissing instanceof NotFound, String(headMissing));
  const noBucket = await client.send(new GetObjectCommand({ Bucket: 'nope', Key: 'k' })).catch((e: unknown) => e);
  assert.ok(noBucket instanceof NoSuchBucket, String(noBucket));
  const raw = await fetch(`${endpoint.url}/uploads/missing`, { headers: { authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=x' } });
  assert.equal(raw.status, 404);
  assert.match(raw.headers.get('x-amz-request-id') ?? '', /^[0-9A-F]{16}$/);
  assert.ok(raw.headers.get('x-amz-id-2'));
  assert.match(await raw.text(), /^<\?xml version="1.0" encoding="UTF-8"\?>\n<Error><Code>NoSuchKey<\/Code><Message>The specified key does not exist.<\/Message><Key>missing<\/Key><RequestId>[0-9A-F]{16}<\/RequestId><HostId>.+<\/HostId><\/Error>$/);

  await client.send(new CreateBucketCommand({ Bucket: 'made-by-sdk' }));
  await client.send(new HeadBucketCommand({ Bucket: 'made-by-sdk' }));
  const missingBucket = await client.send(new HeadBucketCommand({ Bucket: 'not-there' })).catch((e: unknown) => e);
  assert.ok(missingBucket instanceof S3ServiceException && missingBucket.$metadata.httpStatusCode === 404, String(missingBucket));
});

test('ListObjectsV2: prefix, delimiter, max-keys and continuation', async () => {
  s3.createBucket('listing');
  const keys = ['a/1', 'a/2', 'a/3', 'b/1', 'b/x/2', 'c', 'd'];
  for (const k of keys) await client.send(new PutObjectCommand({ Bucket: 'listing', Key: k, Body: k }));
  const all: string[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    const page = await client.send(new ListObjectsV2Command({ Bucket: 'listing', MaxKeys: 3, ContinuationToken: token }));
    all.push(...(page.Contents ?? []).map((o) => o.Key ?? ''));
    assert.equal(page.KeyCount, page.Contents?.length);
    token = page.NextContinuationToken;
    assert.equal(page.IsTruncated, token !== undefined);
    pages++;
  } while (token !== undefined);
  assert.deepEqual(all, keys);
  assert.equal(pages, 3);

  const prefixed = await client.send(new ListObjectsV2Command({ Bucket: 'listing', Prefix: 'a/' }));
  assert.deepEqual(prefixed.Contents?.map((o) => [o.Key, o.Size]), [['a/1', 3], ['a/2', 3], ['a/3', 3]]);

  const folders = await client.send(new ListObjectsV2Command({ Bucket: 'listing', Delimiter: '/' }));
  assert.deepEqual(folders.CommonPrefixes?.map((p) => p.Prefix), ['a/', 'b/']);
  assert.deepEqual(folders.Contents?.map((o) => o.Key), ['c', 'd']);

  await client.send(new DeleteObjectsCommand({ Bucket: 'listing', Delete: { Objects: [{ Key: 'c' }, { Key: 'd' }] } }));
  const left = await client.send(new ListObjectsV2Command({ Bucket: 'listing' }));
  assert.equal(left.KeyCount, 5);
});

test('notification: the event carries the PutObject answer\'s request id; prefix and suffix filter', async () => {
  const key = 'incoming/My Photo (1).jpg';
  const body = Buffer.from('jpeg bytes');
  const put = await client.send(new PutObjectCommand({ Bucket: 'uploads', Key: key, Body: body }));
  // the SDK reads $metadata.requestId from the x-amz-request-id header, as the tracer does
  const requestId = put.$metadata.requestId;
  await client.send(new PutObjectCommand({ Bucket: 'uploads', Key: 'elsewhere/skip.jpg', Body: 'x' }));
  await waitFor('the notification', () => invoker.calls.some((c) => c.functionName === 'on-upload'));
  await sleep(50);
  const calls = invoker.calls.filter((c) => c.functionName === 'on-upload');
  assert.equal(calls.length, 1, 'the prefix filter keeps the other upload out');
  const event = calls[0]?.event as S3Event;
  assert.equal(event.Records.length, 1);
  const r = event.Records[0]!;
  assert.equal(r.eventVersion, '2.1');
  assert.equal(r.eventSource, 'aws:s3');
  assert.equal(r.awsRegion, 'us-east-1');
  assert.equal(r.eventName, 'ObjectCreated:Put');
  assert.ok(!Number.isNaN(Date.parse(r.eventTime)));
  assert.ok(r.userIdentity.principalId);
  assert.equal(r.requestParameters.sourceIPAddress, '127.0.0.1');
  assert.match(requestId ?? '', /^[0-9A-F]{16}$/);
  assert.equal(r.responseElements['x-amz-request-id'], requestId);
  assert.ok(r.responseElements['x-amz-id-2']);
  assert.equal(r.s3.s3SchemaVersion, '1.0');
  assert.equal(r.s3.configurationId, 'upload-config');
  assert.deepEqual(r.s3.bucket, { name: 'uploads', ownerIdentity: { principalId: r.s3.bucket.ownerIdentity.principalId }, arn: 'arn:aws:s3:::uploads' });
  assert.equal(r.s3.object.key, 'incoming/My+Photo+%281%29.jpg');
  assert.equal(r.s3.object.size, body.length);
  assert.equal(r.s3.object.eTag, put.ETag?.replace(/"/g, ''));
  assert.match(r.s3.object.sequencer, /^[0-9A-F]{18}$/);
  // the tracer's keys: producer from the PutObject answer, consumer from the decoded event key
  assert.equal(s3Key(r.s3.bucket.name, decodeURIComponent(r.s3.object.key.replace(/\+/g, ' ')), r.responseElements['x-amz-request-id']), s3Key('uploads', key, requestId ?? ''));

  // ObjectRemoved with the suffix filter; a copy is ObjectCreated:Copy
  invoker.calls.length = 0;
  await client.send(new PutObjectCommand({ Bucket: 'uploads', Key: 'notes/n.txt', Body: 'n' }));
  await client.send(new CopyObjectCommand({ Bucket: 'uploads', Key: 'incoming/copy.txt', CopySource: 'uploads/notes/n.txt' }));
  await client.send(new DeleteObjectCommand({ Bucket: 'uploads', Key: 'notes/n.txt' }));
  await client.send(new DeleteObjectCommand({ Bucket: 'uploads', Key: 'bin/data.bin' }));
  await waitFor('delete and copy notifications', () => invoker.calls.length >= 2);
  await sleep(50);
  const names = invoker.calls.map((c) => `${c.functionName}:${(c.event as S3Event).Records[0]?.eventName}:${(c.event as S3Event).Records[0]?.s3.object.key}`).sort();
  assert.deepEqual(names, ['on-delete:ObjectRemoved:Delete:notes/n.txt', 'on-upload:ObjectCreated:Copy:incoming/copy.txt']);
});

test('helpers: notification key encoding, virtual-host bucket names', () => {
  assert.equal(notificationKey('a b/c+d=e&f.txt'), 'a+b/c%2Bd%3De%26f.txt');
  assert.equal(virtualHostBucket('127.0.0.1:4566'), undefined);
  assert.equal(virtualHostBucket('localhost:4566'), undefined);
  assert.equal(virtualHostBucket('my-bucket.localhost:4566'), 'my-bucket');
  assert.equal(virtualHostBucket('my-bucket.s3.us-east-1.amazonaws.com'), 'my-bucket');
});

test('virtual-host style requests reach the same buckets', async () => {
  s3.createBucket('vhost');
  // fetch cannot set Host; a plain request can
  const status = await new Promise<number>((resolve, reject) => {
    const req = http.request(`${endpoint.url}/greeting.txt`, {
      method: 'PUT',
      headers: { host: 'vhost.localhost', authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=x' },
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end('hi');
  });
  assert.equal(status, 200);
  const got = await pathStyle.send(new GetObjectCommand({ Bucket: 'vhost', Key: 'greeting.txt' }));
  assert.equal(await got.Body?.transformToString(), 'hi');
});
