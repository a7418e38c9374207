// inventory: consumes the shop-orders DynamoDB stream and keeps shop-inventory's reserved and sold
// counts per sku in step with the orders' lifecycle. Traced by the layer only.
import { DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { requireEnv } from '../shared/env.ts';
import { fromItem, toAttr } from '../shared/dynamo-item.ts';
import { logJson } from '../shared/log.ts';
import { countedItems, stockMove, type StockMove } from './stock-moves.ts';

const dynamo = new DynamoDBClient({});

const EXPRESSIONS: Record<StockMove, string> = {
  reserve: 'ADD reserved :q',
  sell: 'ADD reserved :minus, sold :q',
  release: 'ADD reserved :minus',
};

async function move(kind: StockMove, sku: string, quantity: number): Promise<void> {
  await dynamo.send(new UpdateItemCommand({
    TableName: requireEnv('INVENTORY_TABLE'),
    Key: { sku: toAttr(sku) },
    UpdateExpression: EXPRESSIONS[kind],
    ExpressionAttributeValues: kind === 'reserve' ? { ':q': toAttr(quantity) } : kind === 'sell' ? { ':q': toAttr(quantity), ':minus': toAttr(-quantity) } : { ':minus': toAttr(-quantity) },
  }));
}

export async function handler(event: DynamoDBStreamEvent): Promise<void> {
  const counts: Record<StockMove, number> = { reserve: 0, sell: 0, release: 0 };
  for (const record of event.Records) {
    const ddb = record.dynamodb ?? {};
    const oldImage = ddb.OldImage === undefined ? undefined : fromItem(ddb.OldImage);
    const newImage = ddb.NewImage === undefined ? undefined : fromItem(ddb.NewImage);
    const kind = stockMove(record.eventName, oldImage, newImage);
    if (kind === undefined) continue;
    const image = kind === 'reserve' ? newImage : (oldImage ?? newImage);
    const { valid, skipped } = countedItems(image);
    if (skipped.length > 0) logJson('warn', 'items with an unusable quantity are not counted', { orderId: image?.orderId, skipped });
    for (const item of valid) await move(kind, item.sku, item.quantity);
    counts[kind] += 1;
  }
  console.log(`inventory: ${event.Records.length} change(s): ${counts.reserve} reserved, ${counts.sell} sold, ${counts.release} released`);
}
