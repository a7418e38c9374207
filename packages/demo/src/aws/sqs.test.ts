// Local SQS through the real SDK client: send/receive/delete, digests, visibility, delay, long poll,
// batch calls and errors, and the Lambda event source mapping (event shape, redrive to the DLQ,
// partial batch responses, throttle retries).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  PurgeQueueCommand,
  QueueDoesNotExist,
  ReceiptHandleIsInvalid,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
  TooManyEntriesInBatchRequest,
} from '@aws-sdk/client-sqs';
import { clientConfig, recordingInvoker } from '../../test/recording-invoker.ts';
import { startAwsEndpoint, type AwsEndpoint } from './endpoint.ts';
import { batchItemFailures, createSqs, md5OfMessageAttributes, type SqsService } from './sqs.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('md5OfMessageAttributes', () => {
  test('encodes name, type, transport byte and value, length-prefixed, sorted by name', () => {
    const be = (n: number) => {
      const b = Buffer.alloc(4);
      b.writeUInt32BE(n);
      return b;
    };
    const part = (s: string | Buffer) => {
      const b = typeof s === 'string' ? Buffer.from(s) : s;
      return Buffer.concat([be(b.length), b]);
    };
    const bin = Buffer.from([0, 1, 2, 250]);
    const expected = createHash('md5')
      .update(Buffer.concat([part('a'), part('Binary'), Buffer.from([2]), part(bin), part('b'), part('Number.int'), Buffer.from([1]), part('42')]))
      .digest('hex');
    assert.equal(md5OfMessageAttributes({ b: { DataType: 'Number.int', StringValue: '42' }, a: { DataType: 'Binary', BinaryValue: bin.toString('base64') } }), expected);
  });
});

describe('batchItemFailures', () => {
  const ids = new Set(['a', 'b']);
  const cases: [string, unknown, string[] | 'all'][] = [
    ['null response', null, []],
    ['empty object', {}, []],
    ['empty list', { batchItemFailures: [] }, []],
    ['null list', { batchItemFailures: null }, []],
    ['one failure', { batchItemFailures: [{ itemIdentifier: 'b' }] }, ['b']],
    ['unknown id', { batchItemFailures: [{ itemIdentifier: 'zzz' }] }, 'all'],
    ['empty id', { batchItemFailures: [{ itemIdentifier: '' }] }, 'all'],
    ['bad key', { batchItemFailures: [{ id: 'a' }] }, 'all'],
    ['string response', 'oops', 'all'],
  ];
  for (const [name, payload, want] of cases) {
    test(name, () => {
      const got = batchItemFailures(payload, ids);
      assert.deepEqual(got === 'all' ? 'all' : [...got], want);
    });
  }
});

describe('local SQS through the SDK', () => {
  let sqs: SqsService;
  let endpoint: AwsEndpoint;
  let client: SQSClient;
  const errors: unknown[] = [];
  const invoker = recordingInvoker({});

  before(async () => {
    sqs = createSqs({ invoker, onError: (e) => errors.push(e) });
    endpoint = await startAwsEndpoint({ services: [sqs] });
    sqs.setEndpointUrl(endpoint.url);
    client = new SQSClient(clientConfig(endpoint.url));
  });
  after(async () => {
    client.destroy();
    await endpoint.close();
    assert.deepEqual(errors, []);
  });

  test('send, receive with all attributes, delete', async () => {
    const { url, arn } = sqs.createQueue('basic');
    assert.equal(url, `${endpoint.url}/123456789012/basic`);
    assert.equal(arn, 'arn:aws:sqs:us-east-1:123456789012:basic');
    const got = await client.send(new GetQueueUrlCommand({ QueueName: 'basic' }));
    assert.equal(got.QueueUrl, url);

    const attrs = { traceparent: { DataType: 'String', StringValue: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' }, n: { DataType: 'Number', StringValue: '7' } };
    const sent = await client.send(
      new SendMessageCommand({
        QueueUrl: url,
        MessageBody: 'héllo',
        MessageAttributes: attrs,
        MessageSystemAttributes: { AWSTraceHeader: { DataType: 'String', StringValue: 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1' } },
      }),
    );
    assert.match(sent.MessageId ?? '', /^[0-9a-f-]{36}$/);
    assert.equal(sent.MD5OfMessageBody, createHash('md5').update('héllo').digest('hex'));
    assert.equal(sent.MD5OfMessageAttributes, md5OfMessageAttributes(attrs));
    assert.ok(sent.MD5OfMessageSystemAttributes);

    const before = Date.now();
    const r = await client.send(new ReceiveMessageCommand({ QueueUrl: url, MessageSystemAttributeNames: ['All'], MessageAttributeNames: ['All'], MaxNumberOfMessages: 10 }));
    assert.equal(r.Messages?.length, 1);
    const m = r.Messages?.[0];
    assert.equal(m?.MessageId, sent.MessageId);
    assert.equal(m?.Body, 'héllo');
    assert.deepEqual(m?.MessageAttributes, attrs);
    assert.equal(m?.MD5OfMessageAttributes, sent.MD5OfMessageAttributes);
    assert.equal(m?.Attributes?.ApproximateReceiveCount, '1');
    assert.equal(m?.Attributes?.AWSTraceHeader, 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1');
    assert.match(m?.Attributes?.SenderId ?? '', /^AIDA[A-Z2-7]{17}$/);
    assert.ok(Number(m?.Attributes?.ApproximateFirstReceiveTimestamp) >= before);
    assert.ok(Number(m?.Attributes?.SentTimestamp) <= Number(m?.Attributes?.ApproximateFirstReceiveTimestamp));

    const attrsNow = await client.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }));
    assert.equal(attrsNow.Attributes?.ApproximateNumberOfMessages, '0');
    assert.equal(attrsNow.Attributes?.ApproximateNumberOfMessagesNotVisible, '1');
    assert.equal(attrsNow.Attributes?.QueueArn, arn);

    await client.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: m?.ReceiptHandle }));
    assert.deepEqual(sqs.stats('basic'), { visible: 0, inFlight: 0, delayed: 0 });
    // deleting again with the same handle succeeds, as in SQS
    await client.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: m?.ReceiptHandle }));
    const empty = await client.send(new ReceiveMessageCommand({ QueueUrl: url }));
    assert.equal(empty.Messages, undefined);
  });

  test('only the requested attributes are returned', async () => {
    const { url } = sqs.createQueue('select');
    await client.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x', MessageAttributes: { 'app.a': { DataType: 'String', StringValue: '1' }, b: { DataType: 'String', StringValue: '2' } } }));
    const r = await client.send(new ReceiveMessageCommand({ QueueUrl: url, MessageSystemAttributeNames: ['ApproximateReceiveCount'], MessageAttributeNames: ['app.*'] }));
    const m = r.Messages?.[0];
    assert.deepEqual(m?.Attributes, { ApproximateReceiveCount: '1' });
    assert.deepEqual(Object.keys(m?.MessageAttributes ?? {}), ['app.a']);
    assert.equal(m?.MD5OfMessageAttributes, md5OfMessageAttributes({ 'app.a': { DataType: 'String', StringValue: '1' } }));
  });

  test('errors in the shapes the SDK maps to its exception classes', async () => {
    await assert.rejects(client.send(new GetQueueUrlCommand({ QueueName: 'nope' })), (e) => e instanceof QueueDoesNotExist && e.message === 'The specified queue does not exist.');
    await assert.rejects(client.send(new SendMessageCommand({ QueueUrl: `${endpoint.url}/123456789012/nope`, MessageBody: 'x' })), QueueDoesNotExist);
    const { url } = sqs.createQueue('errors');
    await assert.rejects(client.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: 'garbage' })), ReceiptHandleIsInvalid);
    await assert.rejects(client.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 11 })), (e: Error) => e.name === 'InvalidParameterValue');
    const entries = Array.from({ length: 11 }, (_, i) => ({ Id: `m${i}`, MessageBody: 'x' }));
    await assert.rejects(client.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: entries })), TooManyEntriesInBatchRequest);
    await assert.rejects(client.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'bad \u0001 char' })), (e: Error) => e.name === 'InvalidMessageContents');
  });

  test('SendMessageBatch answers per entry; DeleteMessageBatch too', async () => {
    const { url } = sqs.createQueue('batch');
    const out = await client.send(
      new SendMessageBatchCommand({
        QueueUrl: url,
        Entries: [
          { Id: 'ok1', MessageBody: 'one' },
          { Id: 'bad', MessageBody: 'two', DelaySeconds: 1000 },
          { Id: 'ok2', MessageBody: 'three' },
        ],
      }),
    );
    assert.deepEqual(out.Successful?.map((s) => s.Id), ['ok1', 'ok2']);
    assert.equal(out.Failed?.length, 1);
    assert.equal(out.Failed?.[0]?.Id, 'bad');
    assert.equal(out.Failed?.[0]?.Code, 'InvalidParameterValue');
    assert.equal(out.Failed?.[0]?.SenderFault, true);
    const r = await client.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }));
    assert.deepEqual(r.Messages?.map((m) => m.Body).sort(), ['one', 'three']);
    const del = await client.send(
      new DeleteMessageBatchCommand({
        QueueUrl: url,
        Entries: [...(r.Messages ?? []).map((m, i) => ({ Id: `d${i}`, ReceiptHandle: m.ReceiptHandle })), { Id: 'junk', ReceiptHandle: 'not-a-handle' }],
      }),
    );
    assert.deepEqual(del.Successful?.map((s) => s.Id), ['d0', 'd1']);
    assert.equal(del.Failed?.[0]?.Code, 'ReceiptHandleIsInvalid');
    assert.deepEqual(sqs.stats('batch'), { visible: 0, inFlight: 0, delayed: 0 });
  });

  test('visibility timeout hides a received message until it expires; ChangeMessageVisibility', async () => {
    const { url } = sqs.createQueue('visibility', { visibilityTimeoutSeconds: 1 });
    await client.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'v' }));
    const first = await client.send(new ReceiveMessageCommand({ QueueUrl: url, AttributeNames: ['All'] }));
    assert.equal(first.Messages?.length, 1);
    assert.equal((await client.send(new ReceiveMessageCommand({ QueueUrl: url }))).Messages, undefined);
    assert.deepEqual(sqs.stats('visibility'), { visible: 0, inFlight: 1, delayed: 0 });
    await sleep(1100);
    const second = await client.send(new ReceiveMessageCommand({ QueueUrl: url, MessageSystemAttributeNames: ['ApproximateReceiveCount', 'ApproximateFirstReceiveTimestamp'] }));
    assert.equal(second.Messages?.[0]?.Attributes?.ApproximateReceiveCount, '2');
    assert.equal(second.Messages?.[0]?.Attributes?.ApproximateFirstReceiveTimestamp, first.Messages?.[0]?.Attributes?.ApproximateFirstReceiveTimestamp);
    assert.notEqual(second.Messages?.[0]?.ReceiptHandle, first.Messages?.[0]?.ReceiptHandle);
    await client.send(new ChangeMessageVisibilityCommand({ QueueUrl: url, ReceiptHandle: second.Messages?.[0]?.ReceiptHandle, VisibilityTimeout: 0 }));
    const third = await client.send(new ReceiveMessageCommand({ QueueUrl: url, VisibilityTimeout: 60, MessageSystemAttributeNames: ['ApproximateReceiveCount'] }));
    assert.equal(third.Messages?.[0]?.Attributes?.ApproximateReceiveCount, '3');
    await client.send(new PurgeQueueCommand({ QueueUrl: url }));
    assert.deepEqual(sqs.stats('visibility'), { visible: 0, inFlight: 0, delayed: 0 });
  });

  test('DelaySeconds keeps a message invisible at first', async () => {
    const { url } = sqs.createQueue('delay');
    await client.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'later', DelaySeconds: 1 }));
    assert.deepEqual(sqs.stats('delay'), { visible: 0, inFlight: 0, delayed: 1 });
    const attrs = await client.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessagesDelayed'] }));
    assert.deepEqual(attrs.Attributes, { ApproximateNumberOfMessagesDelayed: '1' });
    assert.equal((await client.send(new ReceiveMessageCommand({ QueueUrl: url }))).Messages, undefined);
    const start = Date.now();
    const r = await client.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 5 }));
    assert.equal(r.Messages?.[0]?.Body, 'later');
    assert.ok(Date.now() - start < 2000);
  });

  test('long poll returns as soon as a message arrives', async () => {
    const { url } = sqs.createQueue('longpoll');
    const start = Date.now();
    const pending = client.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 10 }));
    await sleep(200);
    await client.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'arrived' }));
    const r = await pending;
    assert.equal(r.Messages?.[0]?.Body, 'arrived');
    assert.ok(Date.now() - start < 2000, `took ${Date.now() - start} ms`);
    const emptyStart = Date.now();
    const none = await client.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 1 }));
    assert.equal(none.Messages, undefined);
    assert.ok(Date.now() - emptyStart >= 950);
  });

  test('redrive: a message received maxReceiveCount times moves to the DLQ on the next receive', async () => {
    const dlq = sqs.createQueue('redrive-dlq');
    const { url } = sqs.createQueue('redrive', { visibilityTimeoutSeconds: 0.2, redrive: { deadLetterQueue: 'redrive-dlq', maxReceiveCount: 2 } });
    const attrs = await client.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['RedrivePolicy'] }));
    assert.deepEqual(JSON.parse(attrs.Attributes?.RedrivePolicy ?? ''), { deadLetterTargetArn: dlq.arn, maxReceiveCount: 2 });
    const sent = await client.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'poison' }));
    for (let i = 0; i < 2; i++) {
      const r = await client.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 2 }));
      assert.equal(r.Messages?.[0]?.MessageId, sent.MessageId);
    }
    await sleep(250);
    assert.equal((await client.send(new ReceiveMessageCommand({ QueueUrl: url }))).Messages, undefined);
    assert.deepEqual(sqs.stats('redrive-dlq'), { visible: 1, inFlight: 0, delayed: 0 });
    const moved = await client.send(new ReceiveMessageCommand({ QueueUrl: dlq.url, MessageSystemAttributeNames: ['All'] }));
    assert.equal(moved.Messages?.[0]?.MessageId, sent.MessageId);
    assert.equal(moved.Messages?.[0]?.Body, 'poison');
    assert.equal(moved.Messages?.[0]?.Attributes?.DeadLetterQueueSourceArn, 'arn:aws:sqs:us-east-1:123456789012:redrive');
  });
});

describe('queue URLs', () => {
  test('follow setEndpointUrl, even for queues created before it; GetQueueUrl answers on the request host otherwise', async () => {
    const sqs = createSqs({ invoker: recordingInvoker({}) });
    const q = sqs.createQueue('early');
    assert.equal(q.url, 'http://sqs.us-east-1.localhost/123456789012/early');
    const endpoint = await startAwsEndpoint({ services: [sqs] });
    const client = new SQSClient(clientConfig(endpoint.url));
    try {
      const got = await client.send(new GetQueueUrlCommand({ QueueName: 'early' }));
      assert.equal(got.QueueUrl, `${endpoint.url}/123456789012/early`);
      sqs.setEndpointUrl(endpoint.url);
      assert.equal(q.url, `${endpoint.url}/123456789012/early`);
      assert.equal(sqs.queueUrl('early'), q.url);
      // a client configured by AWS_ENDPOINT_URL alone sends to the QueueUrl's origin: it must be the endpoint
      const sent = await client.send(new SendMessageCommand({ QueueUrl: q.url, MessageBody: 'x' }));
      assert.ok(sent.MessageId);
    } finally {
      client.destroy();
      await endpoint.close();
    }
  });
});

describe('the Lambda event source mapping', () => {
  test('delivers the Lambda SQS event and deletes the batch on success', async () => {
    const invoker = recordingInvoker({ echo: () => undefined });
    const sqs = createSqs({ invoker });
    const { url, arn } = sqs.createQueue('esm');
    const sent = sqs.deliver(url, {
      body: '{"orderId":"o-1"}',
      messageAttributes: { traceparent: { DataType: 'String', StringValue: 'tp' }, blob: { DataType: 'Binary', BinaryValue: Buffer.from('hi').toString('base64') } },
      awsTraceHeader: 'Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1',
      senderId: 'AIDAIT2UOQQY3AUEKVGXU',
    });
    sqs.addEventSource('esm', 'echo', { maximumBatchingWindowMs: 0 });
    await invoker.waitFor(() => invoker.calls.length === 1);
    await invoker.waitFor(() => sqs.stats('esm').inFlight === 0);
    await sqs.close();
    const event = invoker.calls[0]?.event as { Records: Record<string, unknown>[] };
    const rec = event.Records[0] ?? {};
    assert.equal(event.Records.length, 1);
    assert.match(String(rec.receiptHandle), /^AQEB/);
    const attributes = rec.attributes as Record<string, string>;
    assert.equal(attributes.ApproximateReceiveCount, '1');
    assert.deepEqual(Object.keys(attributes), ['ApproximateReceiveCount', 'SentTimestamp', 'SenderId', 'ApproximateFirstReceiveTimestamp', 'AWSTraceHeader']);
    assert.deepEqual(rec, {
      messageId: sent.messageId,
      receiptHandle: rec.receiptHandle,
      body: '{"orderId":"o-1"}',
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: attributes.SentTimestamp,
        SenderId: 'AIDAIT2UOQQY3AUEKVGXU',
        ApproximateFirstReceiveTimestamp: attributes.ApproximateFirstReceiveTimestamp,
        AWSTraceHeader: 'Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1',
      },
      messageAttributes: {
        traceparent: { stringValue: 'tp', stringListValues: [], binaryListValues: [], dataType: 'String' },
        blob: { binaryValue: Buffer.from('hi').toString('base64'), stringListValues: [], binaryListValues: [], dataType: 'Binary' },
      },
      md5OfBody: createHash('md5').update('{"orderId":"o-1"}').digest('hex'),
      md5OfMessageAttributes: md5OfMessageAttributes({ traceparent: { DataType: 'String', StringValue: 'tp' }, blob: { DataType: 'Binary', BinaryValue: Buffer.from('hi').toString('base64') } }),
      eventSource: 'aws:sqs',
      eventSourceARN: arn,
      awsRegion: 'us-east-1',
    });
    assert.deepEqual(sqs.stats('esm'), { visible: 0, inFlight: 0, delayed: 0 });
  });

  test('batches up to batchSize within the batching window', async () => {
    const invoker = recordingInvoker({ echo: () => undefined });
    const sqs = createSqs({ invoker });
    sqs.createQueue('window');
    sqs.addEventSource('window', 'echo', { batchSize: 3, maximumBatchingWindowMs: 300, maxConcurrency: 1 });
    for (let i = 0; i < 5; i++) {
      sqs.deliver('window', { body: `m${i}` });
      await sleep(20);
    }
    await invoker.waitFor(() => invoker.calls.length === 2);
    await sqs.close();
    const sizes = invoker.calls.map((c) => (c.event as { Records: unknown[] }).Records.length);
    assert.deepEqual(sizes, [3, 2]);
    assert.deepEqual(sqs.stats('window'), { visible: 0, inFlight: 0, delayed: 0 });
  });

  test('a failing function: retried after the visibility timeout, then redriven to the DLQ', async () => {
    const invoker = recordingInvoker({ failing: () => ({ status: 'error' }) });
    const sqs = createSqs({ invoker });
    sqs.createQueue('payments-dlq');
    sqs.createQueue('payments', { visibilityTimeoutSeconds: 0.2, redrive: { deadLetterQueue: 'payments-dlq', maxReceiveCount: 3 } });
    const { messageId } = sqs.deliver('payments', { body: 'pay' });
    sqs.addEventSource('payments', 'failing', { maximumBatchingWindowMs: 0 });
    await invoker.waitFor(() => sqs.stats('payments-dlq').visible === 1);
    await sqs.close();
    assert.equal(invoker.calls.length, 3);
    const recs = invoker.calls.map((c) => (c.event as { Records: { messageId: string; attributes: { ApproximateReceiveCount: string } }[] }).Records[0]);
    assert.deepEqual(recs.map((r) => r?.messageId), [messageId, messageId, messageId]);
    assert.deepEqual(recs.map((r) => r?.attributes.ApproximateReceiveCount), ['1', '2', '3']);
    assert.deepEqual(sqs.stats('payments'), { visible: 0, inFlight: 0, delayed: 0 });
  });

  test('reportBatchItemFailures: only the reported messages stay and are retried', async () => {
    const invoker = recordingInvoker({
      partial: (event) => {
        const recs = (event as { Records: { messageId: string; body: string }[] }).Records;
        return { payload: { batchItemFailures: recs.filter((r) => r.body === 'bad').map((r) => ({ itemIdentifier: r.messageId })) } };
      },
    });
    const sqs = createSqs({ invoker });
    sqs.createQueue('partial', { visibilityTimeoutSeconds: 0.3 });
    for (const body of ['good1', 'bad', 'good2']) sqs.deliver('partial', { body });
    sqs.addEventSource('partial', 'partial', { reportBatchItemFailures: true, maximumBatchingWindowMs: 50, maxConcurrency: 1 });
    await invoker.waitFor(() => invoker.calls.length >= 2);
    await sqs.close();
    const bodies = invoker.calls.map((c) => (c.event as { Records: { body: string }[] }).Records.map((r) => r.body).sort());
    assert.deepEqual(bodies[0], ['bad', 'good1', 'good2']);
    assert.deepEqual(bodies[1], ['bad']);
  });

  test('without reportBatchItemFailures a batch response is ignored (all deleted)', async () => {
    const invoker = recordingInvoker({ partial: (event) => ({ payload: { batchItemFailures: [{ itemIdentifier: (event as { Records: { messageId: string }[] }).Records[0]?.messageId }] } }) });
    const sqs = createSqs({ invoker });
    sqs.createQueue('nopartial');
    sqs.deliver('nopartial', { body: 'x' });
    sqs.addEventSource('nopartial', 'partial', { maximumBatchingWindowMs: 0 });
    await invoker.waitFor(() => invoker.calls.length === 1);
    await invoker.waitFor(() => sqs.stats('nopartial').inFlight === 0);
    await sqs.close();
    assert.deepEqual(sqs.stats('nopartial'), { visible: 0, inFlight: 0, delayed: 0 });
  });

  test('a throttled invocation is retried without returning the batch to the queue', async () => {
    const invoker = recordingInvoker({ throttledOnce: (_e, n) => (n === 1 ? { status: 'throttled' } : undefined) });
    const sqs = createSqs({ invoker });
    sqs.createQueue('throttle');
    sqs.deliver('throttle', { body: 'x' });
    sqs.addEventSource('throttle', 'throttledOnce', { maximumBatchingWindowMs: 0, maxConcurrency: 1 });
    await invoker.waitFor(() => invoker.calls.length === 2);
    await invoker.waitFor(() => sqs.stats('throttle').inFlight === 0);
    await sqs.close();
    const counts = invoker.calls.map((c) => (c.event as { Records: { attributes: { ApproximateReceiveCount: string } }[] }).Records[0]?.attributes.ApproximateReceiveCount);
    assert.deepEqual(counts, ['1', '1']);
    assert.deepEqual(sqs.stats('throttle'), { visible: 0, inFlight: 0, delayed: 0 });
  });

  test('close waits for the invocation in flight', async () => {
    let finished = false;
    const invoker = recordingInvoker({
      slow: async () => {
        await sleep(200);
        finished = true;
        return undefined;
      },
    });
    const sqs = createSqs({ invoker });
    sqs.createQueue('slow');
    sqs.deliver('slow', { body: 'x' });
    sqs.addEventSource('slow', 'slow', { maximumBatchingWindowMs: 0 });
    await sleep(50);
    await sqs.close();
    assert.equal(finished, true);
  });
});
