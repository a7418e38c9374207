// Calls fraud-check synchronously through the Lambda Invoke API (Lambda-to-Lambda).
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';

export class FraudCheckError extends Error {
  override name = 'FraudCheckError';
}

export interface FraudResult {
  decision: 'allow' | 'review' | 'deny';
  score: number;
}

const lambda = new LambdaClient({});

export async function checkFraud(functionName: string, input: { orderId: string; userId: string; amount: number; items: unknown[] }): Promise<FraudResult> {
  const out = await lambda.send(new InvokeCommand({
    FunctionName: functionName,
    InvocationType: 'RequestResponse',
    Payload: Buffer.from(JSON.stringify(input)),
  }));
  const text = out.Payload === undefined ? '' : Buffer.from(out.Payload).toString('utf8');
  if (out.FunctionError !== undefined) throw new FraudCheckError(`fraud-check failed (${out.FunctionError}): ${text.slice(0, 300)}`);
  const result = JSON.parse(text) as Partial<FraudResult>;
  if (result.decision !== 'allow' && result.decision !== 'review' && result.decision !== 'deny') {
    throw new FraudCheckError(`fraud-check answered no decision: ${text.slice(0, 300)}`);
  }
  return { decision: result.decision, score: Number(result.score) };
}
