// The messaging provider's API (POST /v1/messages): 202 { id } or a MessagingProviderError.
import { postJson } from '../shared/http-json.ts';
import type { Address } from './contact.ts';

export class MessagingProviderError extends Error {
  override name = 'MessagingProviderError';
  constructor(message: string, readonly status: number) {
    super(message);
  }
}

export async function sendMessage(baseUrl: string, address: Address, text: string): Promise<string> {
  const res = await postJson(`${baseUrl}/v1/messages`, { channel: address.channel, to: address.to, text });
  const body = res.body as { id?: unknown; error?: { code?: unknown; message?: unknown } } | undefined;
  if (res.status === 202 && typeof body?.id === 'string') return body.id;
  throw new MessagingProviderError(`${address.channel} message not accepted: HTTP ${res.status} ${String(body?.error?.code ?? body?.error?.message ?? '')}`.trim(), res.status);
}
