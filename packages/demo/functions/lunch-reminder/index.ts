// lunch-reminder: a scheduled internal reminder to the platform team, published to shop-notifications
// like the customer notifications (always with a phone number, so notify's strict mode accepts it).
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { ScheduledEvent } from 'aws-lambda';
import { wrap } from '@nightjar/lambda';
import { requireEnv } from '../shared/env.ts';
import { notificationAttributes, type Notification } from '../shared/notification.ts';

const sns = new SNSClient({});

export const handler = wrap(async (event: ScheduledEvent): Promise<{ messageId: string | undefined }> => {
  const reminder: Notification = {
    kind: 'lunch-reminder',
    channel: 'sms',
    to: { userId: 'team-platform', name: 'Platform team', email: 'platform@shop.example', phone: '+15555550100' },
    text: 'Lunch in 10 minutes',
  };
  const out = await sns.send(new PublishCommand({
    TopicArn: requireEnv('NOTIFICATIONS_TOPIC_ARN'),
    Message: JSON.stringify(reminder),
    MessageAttributes: notificationAttributes(reminder),
  }));
  console.log(`lunch reminder published (${out.MessageId ?? 'no id'}) for schedule ${event.resources?.[0] ?? 'manual'}`);
  return { messageId: out.MessageId };
});
