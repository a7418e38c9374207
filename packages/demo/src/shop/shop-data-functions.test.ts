// More shop functions end to end on the local Lambda runtime against the fake AWS endpoint:
// order-events, inventory, avatars-api -> avatar-resize, and daily-report (untraced).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { LocalLambda } from '@nightjar/lambda-runtime';
import { toItem } from '../../functions/shared/dynamo-item.ts';
import type { FakeAws } from './fake-aws.ts';
import { startShopHarness, type ShopHarness } from './shop-harness.ts';
import { eventBridgeEvent, httpEvent, s3Event, scheduledEvent, streamRecord } from './test-events.ts';

const summary = (over: Record<string, unknown>) => ({
  orderId: 'ord-1', userId: 'u-0042', tier: 'vip', amount: 5499, currency: 'usd',
  customer: { name: 'Ada', email: 'ada@example.com', phone: '+15555550123' }, ...over,
});
const lastCall = (aws: FakeAws, op: string) => aws.calls.filter((c) => c.op === op).at(-1);

describe('shop data functions on the local Lambda runtime', () => {
  let shop: ShopHarness;
  let aws: FakeAws;
  let lambda: LocalLambda;

  before(async () => {
    shop = await startShopHarness([{ name: 'order-events' }, { name: 'inventory' }, { name: 'avatars-api' }, { name: 'avatar-resize' }, { name: 'daily-report' }]);
    ({ aws, lambda } = shop);
  });
  after(() => shop?.close());

  it('order-events confirms a paid order and notifies by SMS (VIP with phone) or email', async () => {
    const paid = await lambda.invoke('order-events', eventBridgeEvent('OrderPaid', summary({ chargeId: 'ch_1' })));
    assert.equal(paid.status, 'success', paid.payloadText);
    const update = lastCall(aws, 'DynamoDB.UpdateItem');
    assert.deepEqual(update?.input.Key, { orderId: { S: 'ord-1' } });
    assert.deepEqual((update?.input.ExpressionAttributeValues as Record<string, unknown>)[':status'], { S: 'CONFIRMED' });
    const publish = lastCall(aws, 'SNS.Publish');
    const sms = JSON.parse(String(publish?.input.Message)) as { kind: string; channel: string; to: { userId: string } };
    assert.deepEqual([sms.kind, sms.channel, sms.to.userId], ['order-confirmed', 'sms', 'u-0042']);
    assert.equal(publish?.input['MessageAttributes.entry.2.Value.StringValue'], 'sms');

    await lambda.invoke('order-events', eventBridgeEvent('PaymentFailed', summary({ orderId: 'ord-2', tier: 'standard', failureCode: 'card_declined' })));
    assert.match(String(lastCall(aws, 'DynamoDB.UpdateItem')?.input.UpdateExpression), /failedAt/);
    const failed = JSON.parse(String(lastCall(aws, 'SNS.Publish')?.input.Message)) as { kind: string; channel: string; text: string };
    assert.deepEqual([failed.kind, failed.channel], ['payment-failed', 'email']);
    assert.match(failed.text, /card_declined/);

    const odd = await lambda.invoke('order-events', eventBridgeEvent('OrderShipped', summary({})));
    assert.equal(odd.errorType, 'UnexpectedEventError');
    assert.ok(shop.traced('order-events'), 'traced through the exec wrapper');
  });

  it('inventory reserves on insert, sells on payment, and skips unusable quantities', async () => {
    const pending = toItem({ orderId: 'ord-9', userId: 'u-1', status: 'PENDING', items: [{ sku: 'sku-mug', quantity: 2 }, { sku: 'sku-kettle', quantity: 'two' }] });
    const paid = { ...pending, status: { S: 'PAID' } };
    const before = aws.calls.length;
    const r = await lambda.invoke('inventory', { Records: [streamRecord('INSERT', undefined, pending), streamRecord('MODIFY', pending, paid), streamRecord('MODIFY', paid, { ...paid, status: { S: 'CONFIRMED' } })] });
    assert.equal(r.status, 'success', r.payloadText);
    const updates = aws.calls.slice(before).filter((c) => c.op === 'DynamoDB.UpdateItem');
    assert.deepEqual(updates.map((u) => [u.input.TableName, (u.input.Key as { sku: { S: string } }).sku.S, u.input.UpdateExpression]), [
      ['shop-inventory', 'sku-mug', 'ADD reserved :q'],
      ['shop-inventory', 'sku-mug', 'ADD reserved :minus, sold :q'],
    ]);
    assert.deepEqual((updates[1]?.input.ExpressionAttributeValues as Record<string, unknown>)[':minus'], { N: '-2' });
    assert.ok(shop.logs.some((l) => l.fn === 'inventory' && l.message.includes('unusable quantity')));
  });

  it('avatars-api stores the upload with its user; avatar-resize writes the thumbnail and records it', async () => {
    const image = Buffer.from(Array.from({ length: 150 * 150 }, (_, i) => (i * 7) % 256));
    const up = await lambda.invoke('avatars-api', httpEvent('POST /users/{userId}/avatar', 'u-0042', image.toString('base64'), { userId: 'u-0042' }, true));
    assert.equal(up.status, 'success', up.payloadText);
    const res = up.payload as { statusCode: number; body: string };
    assert.equal(res.statusCode, 202);
    const { key } = JSON.parse(res.body) as { key: string };
    assert.match(key, /^uploads\/u-0042\/[0-9a-f-]{36}\.png$/);
    const stored = aws.objects.get(`shop-avatars/${key}`);
    assert.ok(stored?.body.equals(image), 'the decoded bytes are stored');
    assert.equal(stored?.metadata['user-id'], 'u-0042');
    const other = await lambda.invoke('avatars-api', httpEvent('POST /users/{userId}/avatar', 'u-0001', image.toString('base64'), { userId: 'u-0042' }, true));
    assert.equal((other.payload as { statusCode: number }).statusCode, 403);

    const resized = await lambda.invoke('avatar-resize', s3Event('shop-avatars', key));
    assert.equal(resized.status, 'success', resized.payloadText);
    const thumbKey = key.replace(/^uploads\//, 'thumbnails/');
    assert.deepEqual(resized.payload, { thumbnails: [thumbKey] });
    assert.equal(aws.objects.get(`shop-avatars/${thumbKey}`)?.body.subarray(0, 2).toString(), 'P5');
    const update = lastCall(aws, 'DynamoDB.UpdateItem');
    assert.equal(update?.input.TableName, 'shop-users');
    assert.deepEqual((update?.input.ExpressionAttributeValues as Record<string, unknown>)[':k'], { S: thumbKey });
  });

  it('daily-report scans every page, writes the report and is not traced', async () => {
    const orders = aws.tables.get('shop-orders') ?? new Map<string, Record<string, unknown>>();
    aws.tables.set('shop-orders', orders);
    orders.clear();
    const statuses = ['PENDING', 'PAID', 'CONFIRMED', 'PAYMENT_FAILED'];
    for (let i = 0; i < 1203; i++) {
      const item = toItem({ orderId: `ord-${i}`, status: statuses[i % 4], amount: 1000, tier: i % 10 === 0 ? 'vip' : 'standard' });
      orders.set(JSON.stringify(item.orderId), item);
    }
    const before = aws.calls.length;
    const r = await lambda.invoke('daily-report', scheduledEvent('daily-report', '2026-11-23T06:00:00Z'));
    assert.equal(r.status, 'success', r.payloadText);
    assert.deepEqual(r.payload, { key: 'reports/2026-11-23/06-00-00.json', orders: 1203 });
    assert.equal(aws.calls.slice(before).filter((c) => c.op === 'DynamoDB.Scan').length, 3, 'three pages of 500');
    const report = JSON.parse(aws.objects.get('shop-reports/reports/2026-11-23/06-00-00.json')?.body.toString() ?? '{}') as { orders: number; byStatus: Record<string, number>; revenueCents: number; vipOrders: number };
    assert.equal(report.orders, 1203);
    assert.deepEqual(report.byStatus, { PENDING: 301, PAID: 301, CONFIRMED: 301, PAYMENT_FAILED: 300 });
    assert.equal(report.revenueCents, 602 * 1000);
    assert.equal(report.vipOrders, 121);
    assert.ok(shop.logs.some((l) => l.fn === 'daily-report' && l.message.includes('1203 orders in 3 page(s)')));
    assert.equal(shop.traced('daily-report'), false);
  });
});
