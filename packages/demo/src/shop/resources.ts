// The demo shop's resources and the environment variables its functions read. One place, shared
// by the local AWS set-up, the function catalog and the handlers' build.

export const TABLES = {
  orders: 'shop-orders', // key orderId (S); stream NEW_AND_OLD_IMAGES -> inventory
  inventory: 'shop-inventory', // key sku (S)
  users: 'shop-users', // key userId (S)
} as const;

export const QUEUES = {
  payments: 'shop-payments', // -> process-payment; DLQ shop-payments-dlq after 3 receives
  paymentsDlq: 'shop-payments-dlq',
  notifications: 'shop-notifications-queue', // SNS shop-notifications -> this queue -> notify
} as const;

export const TOPICS = { notifications: 'shop-notifications' } as const;
export const EVENT_BUS = 'shop';
export const BUCKETS = { avatars: 'shop-avatars', reports: 'shop-reports' } as const;
/** Uploads under this prefix notify avatar-resize (thumbnails go under thumbnails/, no loop). */
export const AVATAR_UPLOAD_PREFIX = 'uploads/';
export const CLICKSTREAM = 'shop-clickstream';

/** Environment variable names the handlers read (values filled in by the demo at start). */
export const ENV = {
  ordersTable: 'ORDERS_TABLE',
  inventoryTable: 'INVENTORY_TABLE',
  usersTable: 'USERS_TABLE',
  paymentsQueueUrl: 'PAYMENTS_QUEUE_URL',
  notificationsTopicArn: 'NOTIFICATIONS_TOPIC_ARN',
  eventBus: 'EVENT_BUS_NAME',
  avatarsBucket: 'AVATARS_BUCKET',
  reportsBucket: 'REPORTS_BUCKET',
  clickstream: 'CLICKSTREAM_STREAM',
  fraudCheckFunction: 'FRAUD_CHECK_FUNCTION',
  paymentProviderUrl: 'PAYMENT_PROVIDER_URL',
  messagingProviderUrl: 'MESSAGING_PROVIDER_URL',
} as const;
