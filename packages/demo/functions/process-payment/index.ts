// process-payment: consumes shop-payments (SQS, partial batch failures). Per order: compute the
// amount, ask fraud-check, charge the payment provider, record the outcome (DynamoDB) and announce
// it on the shop bus (OrderPaid / PaymentFailed). Traced by the layer and its Telemetry extension.
import { DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { requireEnv } from '../shared/env.ts';
import { toAttr } from '../shared/dynamo-item.ts';
import { logJson } from '../shared/log.ts';
import { processSqsBatch } from '../shared/sqs-batch.ts';
import type { Order, OrderStatus, OrderSummary } from '../shared/order.ts';
import { chargeAmount } from '../shared/prices.ts';
import { checkFraud } from './fraud-client.ts';
import { charge } from './payment-provider.ts';

const dynamo = new DynamoDBClient({});
const events = new EventBridgeClient({});

async function setStatus(orderId: string, status: OrderStatus, fields: Record<string, string>): Promise<void> {
  const names: Record<string, string> = { '#status': 'status' };
  const values: Record<string, ReturnType<typeof toAttr>> = { ':status': toAttr(status) };
  const sets = ['#status = :status'];
  for (const [k, v] of Object.entries(fields)) {
    names[`#${k}`] = k;
    values[`:${k}`] = toAttr(v);
    sets.push(`#${k} = :${k}`);
  }
  await dynamo.send(new UpdateItemCommand({
    TableName: requireEnv('ORDERS_TABLE'),
    Key: { orderId: toAttr(orderId) },
    UpdateExpression: `SET ${sets.join(', ')}`,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  }));
}

async function announce(detailType: 'OrderPaid' | 'PaymentFailed', summary: OrderSummary): Promise<void> {
  const out = await events.send(new PutEventsCommand({
    Entries: [{ EventBusName: requireEnv('EVENT_BUS_NAME'), Source: 'shop.payments', DetailType: detailType, Detail: JSON.stringify(summary) }],
  }));
  if ((out.FailedEntryCount ?? 0) > 0) throw new Error(`PutEvents rejected ${detailType} for ${summary.orderId}: ${out.Entries?.[0]?.ErrorCode ?? 'unknown'}`);
}

async function processOrder(record: SQSRecord): Promise<void> {
  const order = JSON.parse(record.body) as Order;
  const amount = chargeAmount(order.items); // a poison message (non-numeric quantity) throws here
  const summary: OrderSummary = { orderId: order.orderId, userId: order.userId, tier: order.tier, amount, currency: 'usd', customer: order.customer };
  const fraud = await checkFraud(requireEnv('FRAUD_CHECK_FUNCTION'), { orderId: order.orderId, userId: order.userId, amount, items: order.items });
  if (fraud.decision === 'deny') {
    logJson('warn', 'payment refused by fraud check', { orderId: order.orderId, score: fraud.score });
    const failedAt = new Date().toISOString();
    await setStatus(order.orderId, 'PAYMENT_FAILED', { failureCode: 'fraud_suspected', failedAt });
    await announce('PaymentFailed', { ...summary, failureCode: 'fraud_suspected' });
    return;
  }
  if (fraud.decision === 'review') logJson('warn', 'order flagged for review, charging anyway', { orderId: order.orderId, score: fraud.score });
  const result = await charge(requireEnv('PAYMENT_PROVIDER_URL'), { amount, currency: 'usd', customer: order.userId, idempotencyKey: order.orderId });
  if (result.outcome === 'declined') {
    console.log(`payment for ${order.orderId} declined: ${result.code}`);
    await setStatus(order.orderId, 'PAYMENT_FAILED', { failureCode: result.code, failedAt: new Date().toISOString() });
    await announce('PaymentFailed', { ...summary, failureCode: result.code });
    return;
  }
  await setStatus(order.orderId, 'PAID', { chargeId: result.chargeId, paidAt: new Date().toISOString() });
  await announce('OrderPaid', { ...summary, chargeId: result.chargeId });
  logJson('info', 'order paid', { orderId: order.orderId, userId: order.userId, amount, chargeId: result.chargeId });
}

export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  const result = await processSqsBatch(event.Records, processOrder);
  console.log(`processed ${event.Records.length} payment message(s), ${result.batchItemFailures.length} failed`);
  return result;
}
