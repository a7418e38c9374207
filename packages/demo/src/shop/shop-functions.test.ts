// A few shop functions end to end on the real local Lambda runtime (built bundles, exec wrapper,
// extension), against a minimal fake AWS endpoint and the real provider stand-ins: fraud-check,
// orders-api, lunch-reminder, notify (lenient vs strict), process-payment and clickstream's leak.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { LocalLambda } from '@nightjar/lambda-runtime';
import type { FakeAws } from './fake-aws.ts';
import { startShopHarness, until, type ShopHarness } from './shop-harness.ts';
import { httpEvent, kinesisRecord, snsEnvelope, sqsEvent } from './test-events.ts';

const orderBody = (phone: string) => ({ items: [{ sku: 'sku-mug', quantity: 2 }, { sku: 'sku-beans-250g', quantity: 1 }], customer: { name: 'Ada', email: 'ada@example.com', phone } });
const notification = (phone: string) => ({ kind: 'order-confirmed', channel: 'email', to: { userId: 'u-0007', name: 'Bo', email: 'bo@example.com', phone }, orderId: 'ord-1', text: 'confirmed' });

describe('shop functions on the local Lambda runtime', () => {
  let shop: ShopHarness;
  let aws: FakeAws;
  let lambda: LocalLambda;

  before(async () => {
    shop = await startShopHarness([
      { name: 'fraud-check' },
      { name: 'orders-api' },
      { name: 'lunch-reminder' },
      { name: 'notify' },
      { name: 'notify', extraEnv: { CONTACT_VALIDATION: 'strict' }, as: 'notify-strict' },
      { name: 'process-payment' },
      { name: 'clickstream', extraEnv: { SESSION_CACHE: 'unbounded' } },
    ]);
    ({ aws, lambda } = shop);
  });
  after(() => shop?.close());

  it('fraud-check (wrap) scores an order and exports its spans to NIGHTJAR_ENDPOINT', async () => {
    const before = aws.calls.filter((c) => c.op === 'Nightjar:/v1/traces').length;
    const small = await lambda.invoke('fraud-check', { orderId: 'o1', userId: 'u-1', amount: 2500, items: [{ sku: 'sku-mug', quantity: 1 }] });
    assert.equal(small.status, 'success', small.payloadText);
    assert.equal((small.payload as { decision: string }).decision, 'allow');
    const huge = await lambda.invoke('fraud-check', { orderId: 'o2', userId: 'u-1', amount: 900_000, items: [{ sku: 'sku-espresso-machine', quantity: 14 }] });
    assert.deepEqual(huge.payload, { decision: 'deny', score: 100 });
    const bad = await lambda.invoke('fraud-check', { nope: true });
    assert.equal(bad.errorType, 'InvalidFraudInputError');
    assert.ok(aws.calls.filter((c) => c.op === 'Nightjar:/v1/traces').length >= before + 3, 'each invocation exported');
  });

  it('orders-api stores, queues and records an order; reads it back for its owner only; 400 on a malformed body', async () => {
    const created = await lambda.invoke('orders-api', httpEvent('POST /orders', 'u-0042', orderBody('')));
    assert.equal(created.status, 'success', created.payloadText);
    const res = created.payload as { statusCode: number; body: string };
    assert.equal(res.statusCode, 201);
    const { orderId } = JSON.parse(res.body) as { orderId: string };
    const put = aws.calls.find((c) => c.op === 'DynamoDB.PutItem');
    assert.ok(put);
    const item = put.input.Item as Record<string, Record<string, unknown>>;
    assert.deepEqual([item.orderId, item.status, item.userId, item.tier, item.amount], [{ S: orderId }, { S: 'PENDING' }, { S: 'u-0042' }, { S: 'vip' }, { N: String(2 * 1899 + 1299) }]);
    const sent = aws.calls.find((c) => c.op === 'SQS.SendMessage');
    assert.equal((JSON.parse(String(sent?.input.MessageBody)) as { orderId: string }).orderId, orderId);
    const click = aws.calls.find((c) => c.op === 'Kinesis.PutRecord');
    assert.equal(click?.input.PartitionKey, 'u-0042');
    assert.equal((JSON.parse(Buffer.from(String(click?.input.Data), 'base64').toString()) as { type: string }).type, 'order_placed');

    const mine = await lambda.invoke('orders-api', httpEvent('GET /orders/{orderId}', 'u-0042', undefined, { orderId }));
    assert.equal((mine.payload as { statusCode: number }).statusCode, 200);
    assert.equal((JSON.parse((mine.payload as { body: string }).body) as { customer: { phone: string } }).customer.phone, '');
    const theirs = await lambda.invoke('orders-api', httpEvent('GET /orders/{orderId}', 'u-0001', undefined, { orderId }));
    assert.equal((theirs.payload as { statusCode: number }).statusCode, 403);
    const missing = await lambda.invoke('orders-api', httpEvent('GET /orders/{orderId}', 'u-0042', undefined, { orderId: 'ord-nope' }));
    assert.equal((missing.payload as { statusCode: number }).statusCode, 404);
    const malformed = await lambda.invoke('orders-api', httpEvent('POST /orders', 'u-0042', '{"items": "x"'));
    assert.equal((malformed.payload as { statusCode: number }).statusCode, 400);
    // the known gap: a non-numeric quantity is accepted
    const poison = await lambda.invoke('orders-api', httpEvent('POST /orders', 'u-0042', { ...orderBody('+15555550123'), items: [{ sku: 'sku-mug', quantity: 'two' }] }));
    assert.equal((poison.payload as { statusCode: number }).statusCode, 201);
  });

  it('lunch-reminder publishes its SMS reminder to the notifications topic', async () => {
    const r = await lambda.invoke('lunch-reminder', { 'detail-type': 'Scheduled Event', source: 'aws.events', resources: ['arn:aws:events:us-east-1:123456789012:rule/lunch'] });
    assert.equal(r.status, 'success', r.payloadText);
    const publish = aws.calls.filter((c) => c.op === 'SNS.Publish').at(-1);
    assert.ok(publish);
    assert.equal(publish.input.TopicArn, 'arn:aws:sns:us-east-1:123456789012:shop-notifications');
    const message = JSON.parse(String(publish.input.Message)) as { kind: string; to: { phone: string } };
    assert.equal(message.kind, 'lunch-reminder');
    assert.equal(message.to.phone, '+15555550100');
    assert.equal(publish.input['MessageAttributes.entry.1.Name'], 'kind');
  });

  it('notify: lenient sends to a customer without a phone; strict fails with InvalidContactError, lunch reminders still go out', async () => {
    const before = shop.messaging.stats.requests;
    const lenient = await lambda.invoke('notify', sqsEvent([snsEnvelope(notification('')), snsEnvelope({ ...notification(''), channel: 'sms' })]));
    assert.equal(lenient.status, 'success', lenient.payloadText);
    assert.deepEqual(lenient.payload, { batchItemFailures: [] });
    assert.ok(shop.logs.some((l) => l.fn === 'notify' && l.message.includes('no phone number for u-0007')), 'the sms fallback is logged');
    const strict = await lambda.invoke('notify-strict', sqsEvent([snsEnvelope(notification(''))]));
    assert.equal(strict.status, 'error');
    assert.equal(strict.errorType, 'InvalidContactError');
    assert.match(String((strict.payload as { errorMessage: string }).errorMessage), /phone number is empty/);
    const mixed = await lambda.invoke('notify-strict', sqsEvent([snsEnvelope(notification('')), snsEnvelope(notification('555 010 0199'))]));
    assert.deepEqual(mixed.payload, { batchItemFailures: [{ itemIdentifier: 'm-0' }] });
    const lunch = await lambda.invoke('notify-strict', sqsEvent([snsEnvelope({ kind: 'lunch-reminder', channel: 'sms', to: { userId: 'team-platform', name: 'P', email: 'p@x', phone: '+15555550100' }, text: 'Lunch' })]));
    assert.deepEqual(lunch.payload, { batchItemFailures: [] });
    assert.equal(shop.messaging.stats.requests - before, 4, 'two lenient, one valid strict, one reminder');
  });

  it('process-payment (exec wrapper + extension) charges, records PAID and announces OrderPaid; a poison message throws TypeError', async () => {
    const order = { orderId: 'ord-pp-1', userId: 'u-0042', tier: 'standard', status: 'PENDING', items: [{ sku: 'sku-kettle', quantity: 1 }], customer: { name: 'Ada', email: 'ada@example.com', phone: '' }, amount: 5499, createdAt: new Date().toISOString() };
    const ok = await lambda.invoke('process-payment', sqsEvent([order]));
    assert.equal(ok.status, 'success', ok.payloadText);
    assert.deepEqual(ok.payload, { batchItemFailures: [] });
    assert.ok(aws.calls.some((c) => c.op === 'Lambda.Invoke:fraud-check'), 'fraud-check invoked through the Invoke API');
    const update = aws.calls.filter((c) => c.op === 'DynamoDB.UpdateItem').at(-1);
    assert.deepEqual((update?.input.ExpressionAttributeValues as Record<string, unknown>)[':status'], { S: 'PAID' });
    const put = aws.calls.filter((c) => c.op === 'EventBridge.PutEvents').at(-1);
    const entry = (put?.input.Entries as { DetailType: string; Source: string; Detail: string }[])[0];
    assert.equal(entry?.DetailType, 'OrderPaid');
    assert.equal(entry?.Source, 'shop.payments');
    assert.equal((JSON.parse(entry?.Detail ?? '{}') as { amount: number }).amount, 5499);
    assert.equal(shop.payment.stats.requests, 1);

    const poison = await lambda.invoke('process-payment', sqsEvent([{ ...order, orderId: 'ord-pp-2', items: [{ sku: 'sku-mug', quantity: 'two' }] }]));
    assert.equal(poison.status, 'error');
    assert.equal(poison.errorType, 'TypeError');
    const mixed = await lambda.invoke('process-payment', sqsEvent([{ ...order, orderId: 'ord-pp-3' }, { ...order, orderId: 'ord-pp-4', items: [{ sku: 'sku-mug', quantity: null }] }]));
    assert.deepEqual(mixed.payload, { batchItemFailures: [{ itemIdentifier: 'm-1' }] });
    await until('process-payment spans relayed by the extension', () => shop.traced('process-payment'));
    await until('Telemetry API events forwarded by the extension', () => aws.calls.some((c) => c.op === 'Nightjar:/ingest/lambda-telemetry'));
  });

  it('clickstream with SESSION_CACHE=unbounded runs out of memory at 128 MB', async () => {
    const records = Array.from({ length: 20 }, (_, i) => kinesisRecord({ type: 'page_view', userId: `u-${i % 5}`, at: new Date().toISOString() }, i));
    const first = await lambda.invoke('clickstream', { Records: records });
    assert.equal(first.status, 'success', first.payloadText);
    assert.ok(shop.traced('clickstream'), 'traced through the exec wrapper without code changes');
    let last = first;
    for (let i = 0; i < 80 && last.status === 'success'; i++) last = await lambda.invoke('clickstream', { Records: records });
    assert.equal(last.status, 'out_of_memory');
  });
});
