// The customer notification for an OrderPaid / PaymentFailed event: SMS for VIP customers with a
// phone number, email otherwise.
import type { Notification } from '../shared/notification.ts';
import type { OrderSummary } from '../shared/order.ts';

const dollars = (cents: number): string => `$${(cents / 100).toFixed(2)}`;

export function notificationFor(kind: 'OrderPaid' | 'PaymentFailed', order: OrderSummary): Notification {
  const { customer } = order;
  const channel = order.tier === 'vip' && customer.phone !== '' ? 'sms' : 'email';
  const to = { userId: order.userId, name: customer.name, email: customer.email, phone: customer.phone };
  if (kind === 'OrderPaid') {
    return { kind: 'order-confirmed', channel, to, orderId: order.orderId, text: `Hi ${customer.name}, your order ${order.orderId} (${dollars(order.amount)}) is confirmed.` };
  }
  return {
    kind: 'payment-failed',
    channel,
    to,
    orderId: order.orderId,
    text: `Hi ${customer.name}, we could not charge ${dollars(order.amount)} for order ${order.orderId} (${order.failureCode ?? 'declined'}). Please update your payment method.`,
  };
}
