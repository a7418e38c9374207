// The daily report's numbers: orders and revenue (cents, paid and confirmed orders) by status.
export interface ReportSummary {
  orders: number;
  byStatus: Record<string, number>;
  revenueCents: number;
  vipOrders: number;
}

export function emptySummary(): ReportSummary {
  return { orders: 0, byStatus: {}, revenueCents: 0, vipOrders: 0 };
}

export function addOrder(s: ReportSummary, order: Record<string, unknown>): void {
  const status = typeof order.status === 'string' ? order.status : 'UNKNOWN';
  s.orders++;
  s.byStatus[status] = (s.byStatus[status] ?? 0) + 1;
  if ((status === 'PAID' || status === 'CONFIRMED') && typeof order.amount === 'number' && Number.isFinite(order.amount)) s.revenueCents += order.amount;
  if (order.tier === 'vip') s.vipOrders++;
}
