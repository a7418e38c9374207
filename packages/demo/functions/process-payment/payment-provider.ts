// The payment provider's charge API (POST /v1/charges): succeeded, declined (402), or a
// PaymentProviderError for 429/5xx and anything unexpected (the SQS record is retried).
import { postJson } from '../shared/http-json.ts';

export class PaymentProviderError extends Error {
  override name = 'PaymentProviderError';
  constructor(message: string, readonly status: number) {
    super(message);
  }
}

export type ChargeResult = { outcome: 'succeeded'; chargeId: string } | { outcome: 'declined'; code: string };

export interface ChargeRequest {
  amount: number;
  currency: 'usd';
  customer: string;
  idempotencyKey: string;
}

export async function charge(baseUrl: string, request: ChargeRequest): Promise<ChargeResult> {
  const res = await postJson(`${baseUrl}/v1/charges`, request, { 'idempotency-key': request.idempotencyKey });
  const body = res.body as { id?: unknown; status?: unknown; error?: { code?: unknown; message?: unknown } } | undefined;
  if (res.status === 200 && typeof body?.id === 'string' && body.status === 'succeeded') return { outcome: 'succeeded', chargeId: body.id };
  if (res.status === 402) return { outcome: 'declined', code: String(body?.error?.code ?? 'card_declined') };
  const code = body?.error?.code ?? 'unknown';
  const retryAfter = res.headers.get('retry-after');
  throw new PaymentProviderError(
    `charge for ${request.idempotencyKey} failed: HTTP ${res.status} ${String(code)}${retryAfter === null ? '' : ` (retry after ${retryAfter}s)`}`,
    res.status,
  );
}
