// How each kind of node is named and badged in the transaction view.
import type { TxNode, TxNodeType } from '@nightjar/model';

export const NODE_KINDS: Record<TxNodeType, { badge: string; word: string; unit: string }> = {
  lambda: { badge: 'λ', word: 'Lambda function', unit: 'invocation' },
  api: { badge: 'API', word: 'HTTP API route', unit: 'request' },
  schedule: { badge: '⏱', word: 'EventBridge schedule', unit: 'run' },
  sqs: { badge: 'SQS', word: 'SQS queue', unit: 'message' },
  sns: { badge: 'SNS', word: 'SNS topic', unit: 'message' },
  eventbridge: { badge: 'EB', word: 'EventBridge bus', unit: 'event' },
  kinesis: { badge: 'KDS', word: 'Kinesis stream', unit: 'record' },
  dynamodb: { badge: 'DDB', word: 'DynamoDB table', unit: 'call' },
  s3: { badge: 'S3', word: 'S3 bucket', unit: 'call' },
  stepfunctions: { badge: 'SFN', word: 'Step Functions', unit: 'execution' },
  http: { badge: 'HTTP', word: 'External host', unit: 'call' },
};

export function countText(node: Pick<TxNode, 'type' | 'count'>): string {
  const unit = NODE_KINDS[node.type]?.unit ?? 'call';
  return `${node.count} ${unit}${node.count === 1 ? '' : 's'}`;
}
