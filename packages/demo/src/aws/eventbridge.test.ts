// Local EventBridge through the real SDK client: PutEvents validation and answers, rules matching
// and delivering to Lambda (async) and SQS with the event id PutEvents returned; scheduled rules.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { clientConfig, recordingInvoker } from '../../test/recording-invoker.ts';
import { createAsyncInvoker, type AsyncInvoker } from './async-invoke.ts';
import { startAwsEndpoint, type AwsEndpoint } from './endpoint.ts';
import { InvalidEventPattern } from './event-pattern.ts';
import { createEventBridge, type EventBridgeService } from './eventbridge.ts';
import { createScheduler } from './schedule.ts';
import { createSqs, type SqsService } from './sqs.ts';

describe('local EventBridge through the SDK', () => {
  const invoker = recordingInvoker({ fulfil: () => undefined, audit: () => undefined });
  let asyncInvoker: AsyncInvoker;
  let sqs: SqsService;
  let events: EventBridgeService;
  let endpoint: AwsEndpoint;
  let client: EventBridgeClient;
  let sqsClient: SQSClient;
  let queueUrl: string;
  const errors: unknown[] = [];

  before(async () => {
    asyncInvoker = createAsyncInvoker(invoker);
    sqs = createSqs({ invoker });
    events = createEventBridge({ asyncInvoker, sqs, onError: (e) => errors.push(e) });
    endpoint = await startAwsEndpoint({ services: [sqs, events] });
    sqs.setEndpointUrl(endpoint.url);
    queueUrl = sqs.createQueue('audit-queue').url;
    assert.equal(events.createBus('shop'), 'arn:aws:events:us-east-1:123456789012:event-bus/shop');
    const arn = events.putRule('shop', 'order-placed', { source: ['shop.orders'], 'detail-type': ['Order Placed'], detail: { total: [{ numeric: ['>', 0] }] } }, [
      { functionName: 'fulfil' },
      { queueName: 'audit-queue' },
    ]);
    assert.equal(arn, 'arn:aws:events:us-east-1:123456789012:rule/shop/order-placed');
    events.putRule('shop', 'big-orders', { source: ['shop.orders'], detail: { total: [{ numeric: ['>=', 1000] }] } }, [{ functionName: 'audit' }]);
    client = new EventBridgeClient(clientConfig(endpoint.url));
    sqsClient = new SQSClient(clientConfig(endpoint.url));
  });
  after(async () => {
    client.destroy();
    sqsClient.destroy();
    await asyncInvoker.close();
    await endpoint.close();
    assert.deepEqual(errors, []);
  });

  test('PutEvents delivers matching events to Lambda and SQS with the returned EventId', async () => {
    const before = invoker.calls.length;
    const time = new Date('2024-05-01T12:34:56.789Z');
    const out = await client.send(
      new PutEventsCommand({
        Entries: [
          { EventBusName: 'shop', Source: 'shop.orders', DetailType: 'Order Placed', Detail: JSON.stringify({ orderId: 'o-1', total: 25 }), Resources: ['arn:aws:dynamodb:us-east-1:123456789012:table/shop-orders'], Time: time },
          { EventBusName: 'shop', Source: 'shop.orders', DetailType: 'Order Placed', Detail: JSON.stringify({ orderId: 'o-0', total: 0 }) },
        ],
      }),
    );
    assert.equal(out.FailedEntryCount, 0);
    const [first, second] = out.Entries ?? [];
    assert.match(first?.EventId ?? '', /^[0-9a-f-]{36}$/);
    assert.ok(second?.EventId);

    await invoker.waitFor(() => invoker.calls.length === before + 1);
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(invoker.calls.length, before + 1, 'only the matching event, only to the matching rule');
    const call = invoker.calls[before];
    assert.equal(call?.functionName, 'fulfil');
    const expected = {
      version: '0',
      id: first?.EventId,
      'detail-type': 'Order Placed',
      source: 'shop.orders',
      account: '123456789012',
      time: '2024-05-01T12:34:56Z',
      region: 'us-east-1',
      resources: ['arn:aws:dynamodb:us-east-1:123456789012:table/shop-orders'],
      detail: { orderId: 'o-1', total: 25 },
    };
    assert.deepEqual(call?.event, expected);
    assert.deepEqual(Object.keys(call?.event as object), Object.keys(expected));

    const r = await sqsClient.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
    assert.equal(r.Messages?.length, 1);
    assert.deepEqual(JSON.parse(r.Messages?.[0]?.Body ?? ''), expected);
  });

  test('an event matching two rules reaches both; default bus events do not reach the shop bus', async () => {
    const before = invoker.calls.length;
    const out = await client.send(
      new PutEventsCommand({
        Entries: [
          { EventBusName: 'arn:aws:events:us-east-1:123456789012:event-bus/shop', Source: 'shop.orders', DetailType: 'Order Placed', Detail: '{"total":5000}' },
          { Source: 'shop.orders', DetailType: 'Order Placed', Detail: '{"total":5000}' },
        ],
      }),
    );
    assert.equal(out.FailedEntryCount, 0);
    await invoker.waitFor(() => invoker.calls.length === before + 2);
    await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(invoker.calls.slice(before).map((c) => c.functionName).sort(), ['audit', 'fulfil']);
    for (const c of invoker.calls.slice(before)) assert.equal((c.event as { id: string }).id, out.Entries?.[0]?.EventId);
    await sqsClient.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10 }));
  });

  test('invalid entries fail one by one', async () => {
    const out = await client.send(
      new PutEventsCommand({
        Entries: [
          { Source: 'shop.orders', DetailType: 'Order Placed', Detail: 'not json' },
          { Source: 'shop.orders', DetailType: 'Order Placed', Detail: '[1,2]' },
          { Source: 'shop.orders', Detail: '{}' },
          { Source: 'shop.orders', DetailType: 'Fine', Detail: '{}' },
        ],
      }),
    );
    assert.equal(out.FailedEntryCount, 3);
    assert.deepEqual(out.Entries?.[0], { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' });
    assert.equal(out.Entries?.[1]?.ErrorCode, 'MalformedDetail');
    assert.equal(out.Entries?.[2]?.ErrorCode, 'InvalidArgument');
    assert.ok(out.Entries?.[3]?.EventId);
  });

  test('more than 10 entries is a ValidationException', async () => {
    const entries = Array.from({ length: 11 }, () => ({ Source: 's', DetailType: 'd', Detail: '{}' }));
    await assert.rejects(client.send(new PutEventsCommand({ Entries: entries })), (e: Error) => e.name === 'ValidationException');
  });

  test('putRule rejects invalid patterns and unknown buses or queues', () => {
    assert.throws(() => events.putRule('shop', 'bad', { source: 'shop.orders' }, []), InvalidEventPattern);
    assert.throws(() => events.putRule('nope', 'r', { source: ['x'] }, []), /no event bus/);
    assert.throws(() => events.putRule('shop', 'r', { source: ['x'] }, [{ queueName: 'missing' }]), /no queue/);
  });
});

describe('scheduled rules', () => {
  test('every() invokes the function with the Scheduled Event; runNow fires at once', async () => {
    const invoker = recordingInvoker({ nightly: () => undefined });
    const asyncInvoker = createAsyncInvoker(invoker);
    const scheduler = createScheduler({ asyncInvoker });
    const ruleArn = scheduler.every('shop-report', 100, 'nightly');
    assert.equal(ruleArn, 'arn:aws:events:us-east-1:123456789012:rule/shop-report');
    const id = scheduler.runNow('shop-report');
    await invoker.waitFor(() => invoker.calls.length >= 3);
    scheduler.close();
    await asyncInvoker.close();
    const n = invoker.calls.length;
    await new Promise((r) => setTimeout(r, 150));
    assert.equal(invoker.calls.length, n, 'no invocations after close');
    assert.equal(invoker.calls[0]?.outcome.requestId, id);
    const e = invoker.calls[0]?.event as Record<string, unknown>;
    assert.deepEqual(Object.keys(e), ['version', 'id', 'detail-type', 'source', 'account', 'time', 'region', 'resources', 'detail']);
    assert.equal(e['detail-type'], 'Scheduled Event');
    assert.equal(e.source, 'aws.events');
    assert.deepEqual(e.resources, [ruleArn]);
    assert.deepEqual(e.detail, {});
    assert.match(String(e.time), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.notEqual((invoker.calls[1]?.event as { id: string }).id, e.id);
  });
});
