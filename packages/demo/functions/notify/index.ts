// notify: consumes shop-notifications-queue (SNS envelopes in SQS) and sends each notification
// through the messaging provider; failed records are reported for redelivery (all failed: the
// invocation fails).
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { wrap } from '@nightjar/lambda';
import { optionalEnv, requireEnv } from '../shared/env.ts';
import { logJson } from '../shared/log.ts';
import { processSqsBatch } from '../shared/sqs-batch.ts';
import type { Notification } from '../shared/notification.ts';
import { contactValidation, resolveAddress } from './contact.ts';
import { sendMessage } from './messaging-provider.ts';

function notificationOf(record: SQSRecord): Notification {
  const envelope = JSON.parse(record.body) as { Type?: string; Message?: string };
  // raw message delivery sends the message itself; the default is the SNS envelope
  return JSON.parse(envelope.Type === 'Notification' && typeof envelope.Message === 'string' ? envelope.Message : record.body) as Notification;
}

export const handler = wrap(async (event: SQSEvent): Promise<SQSBatchResponse> => {
  const mode = contactValidation(optionalEnv('CONTACT_VALIDATION'));
  const providerUrl = requireEnv('MESSAGING_PROVIDER_URL');
  return processSqsBatch(event.Records, async (record) => {
    const n = notificationOf(record);
    const address = resolveAddress(n, mode);
    if (address.fallback !== undefined) logJson('warn', address.fallback, { kind: n.kind, orderId: n.orderId });
    const id = await sendMessage(providerUrl, address, n.text);
    console.log(`sent ${n.kind} to ${n.to.userId} by ${address.channel} (${id}, contact validation ${mode})`);
  });
});
