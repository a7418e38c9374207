// A notification as published to shop-notifications (order-events, lunch-reminder) and sent by notify.
export type NotificationKind = 'order-confirmed' | 'payment-failed' | 'lunch-reminder';
export type Channel = 'email' | 'sms';

export interface Notification {
  kind: NotificationKind;
  channel: Channel;
  to: { userId: string; name: string; email: string; phone: string };
  orderId?: string;
  text: string;
}

/** SNS message attributes the subscriptions can filter on. */
export function notificationAttributes(n: Notification): Record<string, { DataType: 'String'; StringValue: string }> {
  return {
    kind: { DataType: 'String', StringValue: n.kind },
    channel: { DataType: 'String', StringValue: n.channel },
  };
}
