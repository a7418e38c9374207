// The resource an AWS call acts on (queue, topic, bus, table, bucket, stream, function), as span
// attributes read from the request: `nightjar.aws.resource` plus the semantic-convention names.
import type { TracerAttributes } from '../otlp/span.ts';
import { arnResourceName, arnTail, arr, isObj, str, type Obj } from '../util/read.ts';
import type { AwsCall } from './aws-recognise.ts';

export function resourceAttributes(call: AwsCall, input: Obj | undefined): TracerAttributes {
  switch (call.signingName) {
    case 'sqs': {
      const url = str(input, 'QueueUrl');
      return { 'messaging.system': 'aws_sqs', 'aws.sqs.queue.url': url, 'messaging.destination.name': arnTail(url), 'nightjar.aws.resource': url };
    }
    case 'sns': {
      const arn = str(input, 'TopicArn') ?? str(input, 'TargetArn');
      return { 'messaging.system': 'aws_sns', 'aws.sns.topic.arn': arn, 'messaging.destination.name': arnTail(arn), 'nightjar.aws.resource': arn };
    }
    case 'events': {
      const buses = [...new Set(arr(input, 'Entries').map((e) => arnTail(str(e, 'EventBusName')) ?? 'default'))];
      const bus = buses.length > 0 ? buses.join(',') : undefined;
      return { 'messaging.system': 'aws_eventbridge', 'messaging.destination.name': bus, 'nightjar.aws.resource': bus };
    }
    case 'kinesis': {
      const stream = str(input, 'StreamName') ?? arnResourceName(str(input, 'StreamARN'), 'stream');
      return { 'messaging.system': 'aws_kinesis', 'aws.kinesis.stream_name': stream, 'messaging.destination.name': stream, 'nightjar.aws.resource': stream };
    }
    case 'dynamodb': {
      const tables = dynamoTables(input);
      return { 'db.system': 'dynamodb', 'aws.dynamodb.table_names': tables.length > 0 ? tables : undefined, 'nightjar.aws.resource': tables.length > 0 ? tables.join(',') : undefined };
    }
    case 's3':
      return { 'aws.s3.bucket': call.bucket, 'aws.s3.key': call.key, 'nightjar.aws.resource': call.bucket };
    case 'lambda':
      return { 'faas.invoked_name': call.functionName, 'faas.invoked_provider': 'aws', 'faas.invoked_region': call.region, 'nightjar.aws.resource': call.functionName };
    case 'states': {
      const arn = str(input, 'stateMachineArn') ?? str(input, 'taskToken');
      return { 'nightjar.aws.resource': str(input, 'stateMachineArn') !== undefined ? arn : undefined };
    }
    default:
      return {};
  }
}

function tableName(v: string | undefined): string | undefined {
  return v?.startsWith('arn:') === true ? arnResourceName(v, 'table') : v;
}

function dynamoTables(input: Obj | undefined): string[] {
  const out = new Set<string>();
  const one = tableName(str(input, 'TableName'));
  if (one !== undefined) out.add(one);
  const requests = input?.['RequestItems'];
  if (isObj(requests)) for (const t of Object.keys(requests)) out.add(tableName(t) ?? t);
  for (const item of arr(input, 'TransactItems')) {
    if (!isObj(item)) continue;
    for (const v of Object.values(item)) {
      const t = tableName(str(v, 'TableName'));
      if (t !== undefined) out.add(t);
    }
  }
  return [...out];
}
