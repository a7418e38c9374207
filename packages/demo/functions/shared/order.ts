// The shop's order as stored in shop-orders, sent on the payments queue and summarised on the bus.
export type Tier = 'vip' | 'standard';

export interface OrderItem {
  sku: string;
  /** Not validated by orders-api: a non-number here is the poison message process-payment chokes on. */
  quantity: unknown;
}

export interface Customer {
  name: string;
  email: string;
  /** '' when the customer gave no phone number. */
  phone: string;
}

export type OrderStatus = 'PENDING' | 'PAID' | 'PAYMENT_FAILED' | 'CONFIRMED';

export interface Order {
  orderId: string;
  userId: string;
  tier: Tier;
  status: OrderStatus;
  items: OrderItem[];
  customer: Customer;
  /** Cents. */
  amount: number;
  createdAt: string;
}

/** The Detail of OrderPaid / PaymentFailed events. */
export interface OrderSummary {
  orderId: string;
  userId: string;
  tier: Tier;
  amount: number;
  currency: 'usd';
  customer: Customer;
  chargeId?: string;
  failureCode?: string;
}
