// orders-api: the shop's HTTP API (API Gateway HTTP API, JWT authorizer). POST /orders stores the
// order, queues it for payment and records a clickstream event; GET /orders/{orderId} reads it back.
import { randomUUID } from 'node:crypto';
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
import { KinesisClient, PutRecordCommand } from '@aws-sdk/client-kinesis';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { wrap } from '@nightjar/lambda';
import { requireEnv } from '../shared/env.ts';
import { fromItem, toAttr, toItem } from '../shared/dynamo-item.ts';
import { json } from '../shared/http-response.ts';
import { errorFields, logJson } from '../shared/log.ts';
import type { Order, Tier } from '../shared/order.ts';
import { quoteAmount } from '../shared/prices.ts';
import { BadRequestError, parseOrderRequest } from './parse-order-request.ts';

const dynamo = new DynamoDBClient({});
const sqs = new SQSClient({});
const kinesis = new KinesisClient({});

type Event = APIGatewayProxyEventV2WithJWTAuthorizer;

function caller(event: Event): { userId: string; tier: Tier } {
  const claims = event.requestContext.authorizer?.jwt?.claims ?? {};
  return { userId: String(claims.sub ?? ''), tier: claims.tier === 'vip' ? 'vip' : 'standard' };
}

async function placeOrder(event: Event): Promise<APIGatewayProxyStructuredResultV2> {
  const { userId, tier } = caller(event);
  let request;
  try {
    request = parseOrderRequest(event.body, event.isBase64Encoded);
  } catch (err) {
    if (!(err instanceof BadRequestError)) throw err;
    logJson('warn', 'rejected order request', { userId, reason: err.message });
    return json(400, { message: err.message });
  }
  const order: Order = {
    orderId: `ord-${randomUUID()}`,
    userId,
    tier,
    status: 'PENDING',
    items: request.items,
    customer: request.customer,
    amount: quoteAmount(request.items),
    createdAt: new Date().toISOString(),
  };
  await dynamo.send(new PutItemCommand({ TableName: requireEnv('ORDERS_TABLE'), Item: toItem({ ...order }) }));
  await sqs.send(new SendMessageCommand({ QueueUrl: requireEnv('PAYMENTS_QUEUE_URL'), MessageBody: JSON.stringify(order) }));
  const click = { type: 'order_placed', userId, orderId: order.orderId, at: order.createdAt };
  await kinesis.send(new PutRecordCommand({ StreamName: requireEnv('CLICKSTREAM_STREAM'), PartitionKey: userId, Data: Buffer.from(JSON.stringify(click)) }));
  console.log(`order ${order.orderId} placed by ${userId}: ${order.items.length} item(s), ${order.amount} cents`);
  return json(201, { orderId: order.orderId });
}

async function getOrder(event: Event): Promise<APIGatewayProxyStructuredResultV2> {
  const { userId } = caller(event);
  const orderId = event.pathParameters?.orderId ?? '';
  const out = await dynamo.send(new GetItemCommand({ TableName: requireEnv('ORDERS_TABLE'), Key: { orderId: toAttr(orderId) } }));
  if (out.Item === undefined) return json(404, { message: `order ${orderId} not found` });
  const order = fromItem(out.Item) as unknown as Order;
  if (order.userId !== userId) {
    logJson('warn', 'order read by another user', { orderId, userId, owner: order.userId });
    return json(403, { message: 'not your order' });
  }
  return json(200, order);
}

export const handler = wrap(async (event: Event): Promise<APIGatewayProxyStructuredResultV2> => {
  try {
    switch (event.routeKey) {
      case 'POST /orders':
        return await placeOrder(event);
      case 'GET /orders/{orderId}':
        return await getOrder(event);
      default:
        return json(404, { message: `no route ${event.routeKey}` });
    }
  } catch (err) {
    logJson('error', 'request failed', { routeKey: event.routeKey, ...errorFields(err) });
    throw err;
  }
});
