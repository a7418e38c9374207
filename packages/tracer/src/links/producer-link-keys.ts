// The PRODUCER side of stitching: the keys an outbound AWS call's response identifies (design
// section 4), read from the SDK v3 command input and deserialized output. Never throws.
import { arnResourceName, arr, at, header, isObj, str } from '../util/read.ts';
import { dynamoHash } from './dynamo-hash.ts';
import { ddbKey, eventsKey, kinesisKey, lambdaKey, s3Key, sfnKey, snsKey, sqsKey } from './keys.ts';
import { readStepFunctionsLink } from './step-functions.ts';

export type ProducerService = 'sqs' | 'sns' | 'eventbridge' | 'kinesis' | 'dynamodb' | 's3' | 'lambda' | 'stepfunctions';

export interface ProducerCall {
  service: ProducerService;
  /** The API operation ("SendMessage"); a trailing "Command" (SDK v3 class name) is ignored. */
  operation: string;
  input: unknown;
  output: unknown;
  /** HTTP response headers (any case). */
  responseHeaders?: Record<string, string>;
}

export function producerLinkKeys(call: ProducerCall): string[] {
  try {
    const op = call.operation.endsWith('Command') ? call.operation.slice(0, -'Command'.length) : call.operation;
    const keys = byService(call, op);
    return [...new Set(keys)];
  } catch {
    return [];
  }
}

function byService(call: ProducerCall, op: string): string[] {
  const { input, output } = call;
  switch (call.service) {
    case 'sqs':
      if (op === 'SendMessage') return ids([str(output, 'MessageId')], sqsKey);
      if (op === 'SendMessageBatch') return ids(arr(output, 'Successful').map((e) => str(e, 'MessageId')), sqsKey);
      return [];
    case 'sns':
      if (op === 'Publish') return ids([str(output, 'MessageId')], snsKey);
      if (op === 'PublishBatch') return ids(arr(output, 'Successful').map((e) => str(e, 'MessageId')), snsKey);
      return [];
    case 'eventbridge':
      // Failed entries carry ErrorCode and no EventId.
      if (op === 'PutEvents') return ids(arr(output, 'Entries').map((e) => str(e, 'EventId')), eventsKey);
      return [];
    case 'kinesis':
      return kinesis(op, input, output);
    case 'dynamodb':
      return dynamodb(op, input, output);
    case 's3':
      return s3(op, input, call.responseHeaders);
    case 'lambda': {
      if (op !== 'Invoke' && op !== 'InvokeAsync' && op !== 'InvokeWithResponseStream') return [];
      return ids([header(call.responseHeaders, 'x-amzn-requestid')], lambdaKey);
    }
    case 'stepfunctions':
      return stepFunctions(op, input);
    default:
      return [];
  }
}

function ids(values: (string | undefined)[], key: (id: string) => string): string[] {
  const out: string[] = [];
  for (const v of values) if (v !== undefined) out.push(key(v));
  return out;
}

function streamName(input: unknown): string | undefined {
  return str(input, 'StreamName') ?? arnResourceName(str(input, 'StreamARN'), 'stream');
}

function kinesis(op: string, input: unknown, output: unknown): string[] {
  const stream = streamName(input);
  if (stream === undefined) return [];
  const one = (r: unknown): string | undefined => {
    const shard = str(r, 'ShardId');
    const seq = str(r, 'SequenceNumber');
    return shard !== undefined && seq !== undefined ? kinesisKey(stream, shard, seq) : undefined;
  };
  if (op === 'PutRecord') return ids([one(output)], (k) => k);
  if (op === 'PutRecords') return ids(arr(output, 'Records').map(one), (k) => k);
  return [];
}

/** A table name, or the name inside a table ARN (DynamoDB accepts both). */
function tableName(v: unknown): string | undefined {
  if (typeof v !== 'string' || v.length === 0) return undefined;
  return v.startsWith('arn:') ? arnResourceName(v, 'table') : v;
}

function dynamodb(op: string, input: unknown, output: unknown): string[] {
  const table = tableName(at(input, 'TableName'));
  switch (op) {
    case 'PutItem':
      return table !== undefined && isObj(at(input, 'Item')) ? [ddbKey(table, dynamoHash(at(input, 'Item')))] : [];
    case 'UpdateItem':
    case 'DeleteItem':
      return table !== undefined && isObj(at(input, 'Key')) ? [ddbKey(table, dynamoHash(at(input, 'Key')))] : [];
    case 'BatchWriteItem':
      return batchWrite(input, output);
    case 'TransactWriteItems':
      return transactWrite(input);
    default:
      return [];
  }
}

function batchWrite(input: unknown, output: unknown): string[] {
  const requests = at(input, 'RequestItems');
  if (!isObj(requests)) return [];
  const unprocessed = new Set<string>();
  const left = at(output, 'UnprocessedItems');
  const writeKey = (table: string, w: unknown): string | undefined => {
    const item = at(w, 'PutRequest', 'Item');
    if (isObj(item)) return ddbKey(table, dynamoHash(item));
    const key = at(w, 'DeleteRequest', 'Key');
    return isObj(key) ? ddbKey(table, dynamoHash(key)) : undefined;
  };
  if (isObj(left)) {
    for (const [t, writes] of Object.entries(left)) {
      const table = tableName(t);
      if (table === undefined || !Array.isArray(writes)) continue;
      for (const w of writes) {
        const k = writeKey(table, w);
        if (k !== undefined) unprocessed.add(k);
      }
    }
  }
  const out: string[] = [];
  for (const [t, writes] of Object.entries(requests)) {
    const table = tableName(t);
    if (table === undefined || !Array.isArray(writes)) continue;
    for (const w of writes) {
      const k = writeKey(table, w);
      if (k !== undefined && !unprocessed.has(k)) out.push(k);
    }
  }
  return out;
}

function transactWrite(input: unknown): string[] {
  const out: string[] = [];
  for (const t of arr(input, 'TransactItems')) {
    const put = at(t, 'Put');
    const change = at(t, 'Update') ?? at(t, 'Delete');
    if (isObj(put)) {
      const table = tableName(at(put, 'TableName'));
      if (table !== undefined && isObj(at(put, 'Item'))) out.push(ddbKey(table, dynamoHash(at(put, 'Item'))));
    } else if (isObj(change)) {
      const table = tableName(at(change, 'TableName'));
      if (table !== undefined && isObj(at(change, 'Key'))) out.push(ddbKey(table, dynamoHash(at(change, 'Key'))));
    }
  }
  return out;
}

function s3(op: string, input: unknown, headers: Record<string, string> | undefined): string[] {
  if (op !== 'PutObject' && op !== 'CopyObject' && op !== 'CompleteMultipartUpload') return [];
  const bucket = str(input, 'Bucket');
  const key = str(input, 'Key');
  const requestId = header(headers, 'x-amz-request-id');
  return bucket !== undefined && key !== undefined && requestId !== undefined ? [s3Key(bucket, key, requestId)] : [];
}

/** StartExecution / StartSyncExecution / SendTaskSuccess whose JSON input carries the opt-in link id. */
function stepFunctions(op: string, input: unknown): string[] {
  const json = op === 'SendTaskSuccess' ? at(input, 'output') : op === 'StartExecution' || op === 'StartSyncExecution' ? at(input, 'input') : undefined;
  if (typeof json !== 'string') return [];
  const id = readStepFunctionsLink(json);
  return id !== undefined ? [sfnKey(id)] : [];
}
