// order-events: target of the shop bus rules for OrderPaid and PaymentFailed. Confirms the order (or
// stamps the failure) and publishes the customer notification to shop-notifications (SNS).
import { DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { EventBridgeEvent } from 'aws-lambda';
import { requireEnv } from '../shared/env.ts';
import { toAttr } from '../shared/dynamo-item.ts';
import { logJson } from '../shared/log.ts';
import { notificationAttributes } from '../shared/notification.ts';
import type { OrderSummary } from '../shared/order.ts';
import { notificationFor } from './notification-for.ts';

const dynamo = new DynamoDBClient({});
const sns = new SNSClient({});

export class UnexpectedEventError extends Error {
  override name = 'UnexpectedEventError';
}

type Kind = 'OrderPaid' | 'PaymentFailed';

export async function handler(event: EventBridgeEvent<Kind, OrderSummary>): Promise<{ orderId: string; notified: string }> {
  const kind = event['detail-type'];
  if (kind !== 'OrderPaid' && kind !== 'PaymentFailed') throw new UnexpectedEventError(`unexpected detail-type ${String(kind)}`);
  const order = event.detail;
  const now = new Date().toISOString();
  await dynamo.send(new UpdateItemCommand({
    TableName: requireEnv('ORDERS_TABLE'),
    Key: { orderId: toAttr(order.orderId) },
    ...(kind === 'OrderPaid'
      ? { UpdateExpression: 'SET #status = :status, confirmedAt = :at', ExpressionAttributeNames: { '#status': 'status' }, ExpressionAttributeValues: { ':status': toAttr('CONFIRMED'), ':at': toAttr(now) } }
      : { UpdateExpression: 'SET failedAt = if_not_exists(failedAt, :at)', ExpressionAttributeValues: { ':at': toAttr(now) } }),
  }));
  const notification = notificationFor(kind, order);
  const out = await sns.send(new PublishCommand({
    TopicArn: requireEnv('NOTIFICATIONS_TOPIC_ARN'),
    Message: JSON.stringify(notification),
    MessageAttributes: notificationAttributes(notification),
  }));
  logJson('info', 'notification published', { orderId: order.orderId, kind: notification.kind, channel: notification.channel, messageId: out.MessageId });
  return { orderId: order.orderId, notified: notification.kind };
}
