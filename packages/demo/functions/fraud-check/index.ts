// fraud-check: scores an order for process-payment, which invokes it synchronously (Lambda Invoke).
import { wrap } from '@nightjar/lambda';
import { logJson } from '../shared/log.ts';
import { scoreOrder, type Decision, type FraudInput } from './score.ts';

export class InvalidFraudInputError extends Error {
  override name = 'InvalidFraudInputError';
}

export const handler = wrap(async (event: FraudInput): Promise<{ decision: Decision; score: number }> => {
  if (typeof event?.amount !== 'number' || !Array.isArray(event.items)) {
    throw new InvalidFraudInputError('expected { amount: number, items: [...] }');
  }
  const result = scoreOrder(event);
  logJson(result.decision === 'allow' ? 'info' : 'warn', 'fraud check', { orderId: event.orderId, amount: event.amount, ...result });
  return result;
});
