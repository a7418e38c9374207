// daily-report: scheduled. Scans shop-orders (paginated), writes the day's numbers to
// shop-reports/reports/<date>/<time>.json and logs them. No tracer at all: Nightjar sees it only
// through its platform logs.
import { DynamoDBClient, ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { ScheduledEvent } from 'aws-lambda';
import { requireEnv } from '../shared/env.ts';
import { fromItem } from '../shared/dynamo-item.ts';
import { addOrder, emptySummary } from './summarise.ts';

const dynamo = new DynamoDBClient({});
const s3 = new S3Client({ forcePathStyle: true });

export async function handler(event: ScheduledEvent): Promise<{ key: string; orders: number }> {
  const summary = emptySummary();
  let startKey: Record<string, AttributeValue> | undefined;
  let pages = 0;
  do {
    const page = await dynamo.send(new ScanCommand({ TableName: requireEnv('ORDERS_TABLE'), ExclusiveStartKey: startKey, Limit: 500 }));
    for (const item of page.Items ?? []) addOrder(summary, fromItem(item));
    startKey = page.LastEvaluatedKey;
    pages++;
  } while (startKey !== undefined);
  const now = new Date(event.time ?? Date.now());
  const iso = (Number.isNaN(now.getTime()) ? new Date() : now).toISOString();
  const key = `reports/${iso.slice(0, 10)}/${iso.slice(11, 19).replace(/:/g, '-')}.json`;
  const report = { generatedAt: new Date().toISOString(), scheduledFor: iso, ...summary };
  await s3.send(new PutObjectCommand({ Bucket: requireEnv('REPORTS_BUCKET'), Key: key, Body: JSON.stringify(report, null, 2), ContentType: 'application/json' }));
  console.log(`daily report ${key}: ${summary.orders} orders in ${pages} page(s), revenue $${(summary.revenueCents / 100).toFixed(2)}`);
  console.log(JSON.stringify({ report: key, byStatus: summary.byStatus, vipOrders: summary.vipOrders }));
  return { key, orders: summary.orders };
}
