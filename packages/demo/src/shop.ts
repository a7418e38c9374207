// The demo shop, running: builds the functions, starts the local AWS (SQS, SNS, EventBridge,
// DynamoDB + streams, S3 + notifications, Kinesis, Lambda), the third-party stand-ins, the local
// Lambda runtime with every function deployed, the API Gateway, the schedules, the simulated
// customers and the log shipping to Nightjar; faults switch at run time through the control API.
import { seededRandom } from '@nightjar/testkit';
import { createLocalLambda, type FunctionConfig } from '@nightjar/lambda-runtime';
import path from 'node:path';
import { startApiGateway, type ApiGateway } from './api-gateway.ts';
import { createAsyncInvoker } from './aws/async-invoke.ts';
import { createDynamoDb } from './aws/dynamodb.ts';
import { startAwsEndpoint } from './aws/endpoint.ts';
import { createEventBridge } from './aws/eventbridge.ts';
import { createKinesis } from './aws/kinesis.ts';
import { createLambdaApi } from './aws/lambda-api.ts';
import { awsJsonError } from './aws/protocol.ts';
import { createS3 } from './aws/s3.ts';
import { createScheduler } from './aws/schedule.ts';
import { createSns } from './aws/sns.ts';
import { createSqs } from './aws/sqs.ts';
import type { AwsRequest, AwsResponse } from './aws/types.ts';
import { startControlApi } from './control-api.ts';
import { makeCustomers } from './customers.ts';
import { FaultController, type FaultName } from './faults.ts';
import { localInvoker } from './lambda-invoker.ts';
import { createLogShipper } from './log-shipper.ts';
import { createPortPool } from './port-pool.ts';
import { buildShop } from './shop/build-functions.ts';
import { SHOP_FUNCTIONS, toFunctionConfig, type ShopEnv, type ShopFunction } from './shop/catalog.ts';
import { startMessagingProvider, startPaymentProvider } from './shop/providers.ts';
import { AVATAR_UPLOAD_PREFIX, BUCKETS, CLICKSTREAM, EVENT_BUS, QUEUES, TABLES, TOPICS } from './shop/resources.ts';
import { startTraffic } from './traffic.ts';

export interface ShopOptions {
  /** Nightjar's base URL: Firehose deliveries and the tracer's OTLP export go here. */
  nightjarUrl: string;
  firehoseAccessKey?: string;
  /** Where the functions are built. */
  workDir: string;
  seed: number;
  /** Customer HTTP requests per second. */
  rate: number;
  faults?: FaultName[];
  /** Echo every function's log lines to stdout. */
  echo?: boolean;
  /** How long an idle instance stays warm (default 60 s). */
  idleTimeoutMs?: number;
  /** Schedules: daily-report and lunch-reminder periods (defaults 60 s and 20 s). */
  reportEveryMs?: number;
  lunchEveryMs?: number;
  onError?: (where: string, err: unknown) => void;
}

export interface ShopStatus {
  uptimeSeconds: number;
  seed: number;
  faults: { name: string; enabled: boolean }[];
  functions: { name: string; version: string; instances: number; tracing: string }[];
  traffic: ReturnType<ReturnType<typeof startTraffic>['stats']>;
  gateway: ReturnType<ApiGateway['stats']>;
  queues: Record<string, unknown>;
  logs: ReturnType<ReturnType<typeof createLogShipper>['stats']>;
  providers: { payment: unknown; messaging: unknown };
}

export interface RunningShop {
  gatewayUrl: string;
  controlUrl: string;
  awsUrl: string;
  functions: string[];
  faults: FaultController;
  status(): ShopStatus;
  stop(): Promise<void>;
}

const JWT_SECRET = 'nightjar-demo-shop-jwt-secret';

/** A stable, realistic-looking starting version per function (deploys count up from it). */
function firstVersion(name: string): number {
  let h = 0;
  for (const ch of name) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return 3 + (h % 40);
}

export async function startShop(opts: ShopOptions): Promise<RunningShop> {
  const started = Date.now();
  const onError = opts.onError ?? ((where: string, err: unknown) => console.error(`demo ${where}:`, err instanceof Error ? err.message : err));
  const random = seededRandom(opts.seed);
  // separate streams so that one part's use of randomness does not shift another's
  const trafficRandom = seededRandom(opts.seed ^ 0x9e3779b9);
  const providerRandom = seededRandom(opts.seed ^ 0x85ebca6b);
  const faultRandom = seededRandom(opts.seed ^ 0xc2b2ae35);
  const cleanups: (() => Promise<void> | void)[] = [];
  let stopping: Promise<void> | null = null;
  const stopAll = (): Promise<void> =>
    (stopping ??= (async () => {
      for (const c of [...cleanups].reverse()) await Promise.resolve(c()).catch((err: unknown) => onError('stop', err));
    })());
  let faults: FaultController | null = null;
  const on = (name: FaultName) => faults?.on(name) ?? false;

  try {
    const built = await buildShop(path.join(opts.workDir, 'build'));

    const payment = await startPaymentProvider({ random: providerRandom, faults: () => ({ slow: on('payment-slow'), failing: on('payment-errors'), hang: false }) });
    cleanups.push(() => payment.close());
    const messaging = await startMessagingProvider({ random: providerRandom, faults: () => ({ down: on('messaging-down'), hang: on('timeouts') }) });
    cleanups.push(() => messaging.close());

    const shipper = createLogShipper({ url: opts.nightjarUrl, ...(opts.firehoseAccessKey ? { accessKey: opts.firehoseAccessKey } : {}), onError: (err) => onError('log delivery', err) });
    cleanups.push(() => shipper.close());
    const lambda = createLocalLambda({ functions: [], onLog: (fn, stream, event) => shipper.add(fn, stream, event), echo: opts.echo ?? false, idleTimeoutMs: opts.idleTimeoutMs ?? 60_000 });
    const closeLambda = () => lambda.close();
    cleanups.push(closeLambda);
    const invoker = localInvoker(lambda);
    const asyncInvoker = createAsyncInvoker(invoker, { retryDelaysMs: [1000, 2000], onFailure: (fn, _e, out, err) => onError(`async invoke of ${fn}`, err ?? new Error(`failed after retries: ${out?.status ?? 'unknown'}`)) });
    cleanups.push(() => asyncInvoker.close());

    // local AWS
    const awsError = (err: unknown) => onError('local AWS', err);
    const sqs = createSqs({ invoker, onError: awsError });
    const sns = createSns({ sqs, asyncInvoker });
    const events = createEventBridge({ asyncInvoker, sqs });
    const dynamodb = createDynamoDb({ invoker, onError: awsError });
    const s3 = createS3({ asyncInvoker });
    const kinesis = createKinesis({ invoker, onError: awsError });
    const lambdaApi = createLambdaApi({ invoker, asyncInvoker });
    const scheduler = createScheduler({ asyncInvoker });
    cleanups.push(() => scheduler.close());

    sqs.createQueue(QUEUES.paymentsDlq, { visibilityTimeoutSeconds: 30 });
    const payments = sqs.createQueue(QUEUES.payments, { visibilityTimeoutSeconds: 10, redrive: { deadLetterQueue: QUEUES.paymentsDlq, maxReceiveCount: 3 } });
    sqs.createQueue(QUEUES.notifications, { visibilityTimeoutSeconds: 10 });
    const topicArn = sns.createTopic(TOPICS.notifications);
    sns.subscribe(topicArn, { protocol: 'sqs', queueName: QUEUES.notifications });
    events.createBus(EVENT_BUS);
    events.putRule(EVENT_BUS, 'order-paid', { source: ['shop.payments'], 'detail-type': ['OrderPaid'] }, [{ functionName: 'order-events' }]);
    events.putRule(EVENT_BUS, 'payment-failed', { source: ['shop.payments'], 'detail-type': ['PaymentFailed'] }, [{ functionName: 'order-events' }]);
    dynamodb.createTable(TABLES.orders, { hashKey: 'orderId', stream: 'NEW_AND_OLD_IMAGES' });
    dynamodb.createTable(TABLES.inventory, { hashKey: 'sku' });
    dynamodb.createTable(TABLES.users, { hashKey: 'userId' });
    s3.createBucket(BUCKETS.avatars);
    s3.createBucket(BUCKETS.reports);
    s3.addNotification(BUCKETS.avatars, { functionName: 'avatar-resize', events: ['s3:ObjectCreated:*'], prefix: AVATAR_UPLOAD_PREFIX });
    kinesis.createStream(CLICKSTREAM, 2);

    const throttle = (req: AwsRequest): AwsResponse | undefined => {
      if (req.service !== 'dynamodb' || !on('dynamodb-throttling') || faultRandom() >= 0.5) return undefined;
      return awsJsonError('com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException', 'The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.', '1.0');
    };
    const endpoint = await startAwsEndpoint({ services: [sqs, sns, events, dynamodb, s3, kinesis, lambdaApi], intercept: throttle, onError: (err) => awsError(err) });
    // the endpoint outlives the functions (stopped after them); its pollers stop before them
    cleanups.splice(cleanups.indexOf(closeLambda), 0, () => endpoint.close());
    // queue URLs carry the endpoint's address: the SQS client sends each request to its QueueUrl's host
    sqs.setEndpointUrl(endpoint.url);

    const shopEnv: ShopEnv = {
      ordersTable: TABLES.orders,
      inventoryTable: TABLES.inventory,
      usersTable: TABLES.users,
      paymentsQueueUrl: payments.url,
      notificationsTopicArn: topicArn,
      eventBus: EVENT_BUS,
      avatarsBucket: BUCKETS.avatars,
      reportsBucket: BUCKETS.reports,
      clickstream: CLICKSTREAM,
      fraudCheckFunction: 'fraud-check',
      paymentProviderUrl: payment.url,
      messagingProviderUrl: messaging.url,
    };
    const commonEnv = {
      AWS_ENDPOINT_URL: endpoint.url,
      AWS_ENDPOINT_URL_KINESIS: endpoint.h2Url,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      NIGHTJAR_ENDPOINT: opts.nightjarUrl,
    };
    const versions = new Map<string, number>(SHOP_FUNCTIONS.map((f) => [f.name, firstVersion(f.name)]));
    const extraEnv = new Map<string, Record<string, string>>();
    // each sandbox's extension relay gets a port the OS just handed out (sandboxes share the host's network)
    const ports = await createPortPool();
    cleanups.push(() => ports.close());
    const extensionPort = () => ports.take();
    const configOf = (fn: ShopFunction): FunctionConfig =>
      toFunctionConfig(fn, built, { env: commonEnv, resources: shopEnv, version: String(versions.get(fn.name)), extraEnv: extraEnv.get(fn.name) ?? {}, extensionPort });
    const deploy = async (name: string, env?: Record<string, string>) => {
      const fn = SHOP_FUNCTIONS.find((f) => f.name === name);
      if (fn === undefined) throw new Error(`no function ${name}`);
      if (env !== undefined) extraEnv.set(name, env);
      versions.set(name, (versions.get(name) ?? 1) + 1);
      await lambda.deploy(configOf(fn));
    };
    for (const fn of SHOP_FUNCTIONS) await lambda.deploy(configOf(fn));

    sqs.addEventSource(QUEUES.payments, 'process-payment', { batchSize: 5, maximumBatchingWindowMs: 300, reportBatchItemFailures: true });
    sqs.addEventSource(QUEUES.notifications, 'notify', { batchSize: 10, maximumBatchingWindowMs: 300, reportBatchItemFailures: true });
    dynamodb.addStreamSource(TABLES.orders, 'inventory', { batchSize: 50, maximumBatchingWindowMs: 500 });
    kinesis.addEventSource(CLICKSTREAM, 'clickstream', { batchSize: 100, maximumBatchingWindowMs: 2000 });
    scheduler.every('daily-report', opts.reportEveryMs ?? 60_000, 'daily-report');
    scheduler.every('lunch-reminder', opts.lunchEveryMs ?? 20_000, 'lunch-reminder');

    const gateway = await startApiGateway({
      invoker,
      jwtSecret: JWT_SECRET,
      routes: [
        { routeKey: 'POST /orders', functionName: 'orders-api' },
        { routeKey: 'GET /orders/{orderId}', functionName: 'orders-api' },
        { routeKey: 'POST /users/{userId}/avatar', functionName: 'avatars-api' },
      ],
    });
    cleanups.push(() => gateway.close());

    faults = new FaultController(async (name, enabled) => {
      if (name === 'bad-deployment') await deploy('notify', enabled ? { CONTACT_VALIDATION: 'strict' } : {});
      else if (name === 'memory-leak') await deploy('clickstream', enabled ? { SESSION_CACHE: 'unbounded' } : {});
      else if (name === 'cold-start-storm' && enabled) for (const fn of SHOP_FUNCTIONS) await deploy(fn.name);
    });
    const controller = faults;
    const customers = makeCustomers(random);
    const traffic = startTraffic({
      gatewayUrl: gateway.url,
      jwtSecret: JWT_SECRET,
      customers,
      random: trafficRandom,
      rate: opts.rate,
      poisonShare: () => (on('poison-messages') ? 0.2 : 0),
      multiplier: () => (on('cold-start-storm') ? 6 : 1),
      onError: (err) => onError('traffic', err),
    });
    // stop the customers first, then the event sources, then the rest in reverse order of start
    cleanups.push(() => endpoint.closeServices());
    cleanups.push(() => traffic.stop());

    for (const f of opts.faults ?? []) await controller.set(f, true);
    // the schedules also fire once soon after start, so that a new user sees them within a minute
    const firstRuns = setTimeout(() => {
      scheduler.runNow('daily-report');
      scheduler.runNow('lunch-reminder');
    }, 10_000);
    cleanups.push(() => clearTimeout(firstRuns));

    const status = (): ShopStatus => ({
      uptimeSeconds: Math.round((Date.now() - started) / 1000),
      seed: opts.seed,
      faults: controller.list().map((f) => ({ name: f.name, enabled: f.enabled })),
      functions: SHOP_FUNCTIONS.map((f) => ({ name: f.name, version: String(versions.get(f.name)), instances: lambda.instanceCount(f.name), tracing: f.tracing })),
      traffic: traffic.stats(),
      gateway: gateway.stats(),
      queues: Object.fromEntries([QUEUES.payments, QUEUES.paymentsDlq, QUEUES.notifications].map((q) => [q, sqs.stats(q)])),
      logs: shipper.stats(),
      providers: { payment: payment.stats, messaging: messaging.stats },
    });
    const control = await startControlApi({ faults: controller, status });
    cleanups.splice(cleanups.length - 1, 0, () => control.close());

    return {
      gatewayUrl: gateway.url,
      controlUrl: control.url,
      awsUrl: endpoint.url,
      functions: SHOP_FUNCTIONS.map((f) => f.name),
      faults: controller,
      status,
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
