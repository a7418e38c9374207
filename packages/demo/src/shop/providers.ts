// Local stand-ins for the shop's third parties, real HTTP servers on 127.0.0.1: a payment provider
// (POST /v1/charges) and a messaging provider (POST /v1/messages). Their faults are read per
// request, so the demo can switch them at run time.
import { latency, randomId, startProvider, type Answer, type Provider } from './provider-server.ts';

export type { Provider, ProviderStats } from './provider-server.ts';

export interface PaymentFaults {
  /** +1-4 s per charge. */
  slow: boolean;
  /** 40% of charges answer 503/500 (with retry-after). */
  failing: boolean;
  /** Charges answer only after 30 s (past any function timeout). */
  hang: boolean;
}

export interface MessagingFaults {
  /** Every message answers 503. */
  down: boolean;
  /** Messages answer after 10 s. */
  hang: boolean;
}

const notFound = (path: string): Answer => ({ status: 404, body: { error: { code: 'not_found', message: `no route ${path}` } }, delayMs: 0 });
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

export function startPaymentProvider(opts: { random: () => number; faults: () => PaymentFaults }): Promise<Provider> {
  const { random } = opts;
  const charges = new Map<string, string>();
  return startProvider((method, path, body) => {
    if (method !== 'POST' || path !== '/v1/charges') return notFound(path);
    const faults = opts.faults();
    let delayMs = latency(random, 40, 250);
    if (faults.slow) delayMs += 1000 + Math.round(random() * 3000);
    if (faults.hang) delayMs = 30_000;
    if (!isObject(body) || typeof body.amount !== 'number' || !Number.isInteger(body.amount) || body.amount <= 0 || typeof body.customer !== 'string') {
      return { status: 400, body: { error: { code: 'invalid_request', message: 'amount (integer cents) and customer are required' } }, delayMs };
    }
    const key = typeof body.idempotencyKey === 'string' ? body.idempotencyKey : undefined;
    const earlier = key === undefined ? undefined : charges.get(key);
    if (earlier !== undefined) return { status: 200, body: { id: earlier, status: 'succeeded', amount: body.amount, idempotent_replay: true }, delayMs };
    if (faults.failing && random() < 0.4) {
      const status = random() < 0.7 ? 503 : 500;
      return {
        status,
        headers: { 'retry-after': String(1 + Math.floor(random() * 3)) },
        body: { error: { code: status === 503 ? 'service_unavailable' : 'internal_error', message: status === 503 ? 'The payment network is temporarily unavailable' : 'An unexpected error occurred' } },
        delayMs,
      };
    }
    const roll = random();
    if (roll < 0.03) return { status: 402, body: { error: { code: 'card_declined', message: 'Your card was declined.' } }, delayMs };
    if (roll < 0.035) return { status: 500, body: { error: { code: 'internal_error', message: 'An unexpected error occurred' } }, delayMs };
    const id = randomId('ch', random);
    if (key !== undefined) {
      if (charges.size >= 100_000) charges.clear();
      charges.set(key, id);
    }
    return { status: 200, body: { id, status: 'succeeded', amount: body.amount, currency: body.currency ?? 'usd' }, delayMs };
  });
}

export function startMessagingProvider(opts: { random: () => number; faults: () => MessagingFaults }): Promise<Provider> {
  const { random } = opts;
  return startProvider((method, path, body) => {
    if (method !== 'POST' || path !== '/v1/messages') return notFound(path);
    const faults = opts.faults();
    const delayMs = faults.hang ? 10_000 : latency(random, 20, 120);
    if (faults.down) return { status: 503, headers: { 'retry-after': '5' }, body: { error: { code: 'service_unavailable', message: 'Messaging is down for maintenance' } }, delayMs };
    if (!isObject(body) || typeof body.to !== 'string' || body.to === '') return { status: 400, body: { error: { code: 'invalid_recipient', message: '"to" is required' } }, delayMs };
    if (body.channel !== 'email' && body.channel !== 'sms') return { status: 400, body: { error: { code: 'invalid_channel', message: 'channel must be email or sms' } }, delayMs };
    if (typeof body.text !== 'string' || body.text === '') return { status: 400, body: { error: { code: 'invalid_text', message: '"text" is required' } }, delayMs };
    return { status: 202, body: { id: randomId('msg', random) }, delayMs };
  });
}
