// DynamoDB Streams batches: keys from the hash of NewImage (when present) and of Keys (always).
import { dynamoHash } from '../links/dynamo-hash.ts';
import { ddbKey } from '../links/keys.ts';
import { arnResourceName, arr, at, isObj, str } from '../util/read.ts';
import type { TriggerCollector } from './collector.ts';

const OPERATIONS: Record<string, string> = { INSERT: 'insert', MODIFY: 'edit', REMOVE: 'delete' };

export function parseDynamoDb(event: unknown, c: TriggerCollector): void {
  c.is('datasource', 'dynamodb');
  const records = arr(event, 'Records');
  const first = records[0];
  const firstTable = arnResourceName(str(first, 'eventSourceARN'), 'table');
  c.set('aws.dynamodb.table_names', firstTable === undefined ? undefined : [firstTable]);
  c.set('faas.document.collection', firstTable);
  const name = str(first, 'eventName');
  c.set('faas.document.operation', name === undefined ? undefined : (OPERATIONS[name] ?? name));
  c.set('cloud.region', str(first, 'awsRegion'));
  c.set('nightjar.trigger.records', records.length);
  for (const r of records) {
    const table = arnResourceName(str(r, 'eventSourceARN'), 'table');
    if (table === undefined) continue;
    const image = at(r, 'dynamodb', 'NewImage');
    if (isObj(image)) c.link(ddbKey(table, dynamoHash(image)));
    const keys = at(r, 'dynamodb', 'Keys');
    if (isObj(keys)) c.link(ddbKey(table, dynamoHash(keys)));
  }
}
