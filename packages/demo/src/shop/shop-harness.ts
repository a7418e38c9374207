// Test support: the shop built into a temp dir and run on the real local Lambda runtime against the
// fake AWS endpoint (fake-aws.ts) and the real provider stand-ins, with deterministic providers.
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLocalLambda, type FunctionConfig, type LocalLambda } from '@nightjar/lambda-runtime';
import { seededRandom } from '@nightjar/testkit';
import { buildShop } from './build-functions.ts';
import { SHOP_FUNCTIONS, toFunctionConfig, type ShopEnv } from './catalog.ts';
import { startFakeAws, type FakeAws } from './fake-aws.ts';
import { startMessagingProvider, startPaymentProvider, type Provider } from './providers.ts';

export interface Deployment {
  name: string;
  extraEnv?: Record<string, string>;
  /** Deploy under another name (two configurations of one function). */
  as?: string;
}

export interface ShopHarness {
  lambda: LocalLambda;
  aws: FakeAws;
  payment: Provider;
  messaging: Provider;
  logs: { fn: string; message: string }[];
  /** Spans of this function reached Nightjar (the service name is plain text in the OTLP body). */
  traced(fn: string): boolean;
  close(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** Waits until `ok()` holds (for work done in the background, e.g. by the extension). */
export async function until(what: string, ok: () => boolean, timeoutMs = 3000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function startShopHarness(deployments: Deployment[]): Promise<ShopHarness> {
  const dir = mkdtempSync(path.join(tmpdir(), 'shop-run-'));
  const built = await buildShop(dir);
  const logs: ShopHarness['logs'] = [];
  const runtime: { lambda?: LocalLambda } = {};
  // Lambda Invoke calls (process-payment -> fraud-check) run on the same local runtime
  const aws = await startFakeAws(async (name, payload) => {
    if (runtime.lambda === undefined) throw new Error('the local Lambda is not up');
    const r = await runtime.lambda.invoke(name, payload);
    return { payload: r.payloadText, ...(r.functionError === undefined ? {} : { functionError: r.functionError }) };
  });
  const payment = await startPaymentProvider({ random: seededRandom(7), faults: () => ({ slow: false, failing: false, hang: false }) });
  const messaging = await startMessagingProvider({ random: seededRandom(8), faults: () => ({ down: false, hang: false }) });
  const resources: ShopEnv = {
    ordersTable: 'shop-orders',
    inventoryTable: 'shop-inventory',
    usersTable: 'shop-users',
    paymentsQueueUrl: `${aws.url}/123456789012/shop-payments`,
    notificationsTopicArn: 'arn:aws:sns:us-east-1:123456789012:shop-notifications',
    eventBus: 'shop',
    avatarsBucket: 'shop-avatars',
    reportsBucket: 'shop-reports',
    clickstream: 'shop-clickstream',
    fraudCheckFunction: 'fraud-check',
    paymentProviderUrl: payment.url,
    messagingProviderUrl: messaging.url,
  };
  const env = { AWS_ENDPOINT_URL: aws.url, AWS_ENDPOINT_URL_KINESIS: aws.h2Url, NIGHTJAR_ENDPOINT: aws.url, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
  const configs: FunctionConfig[] = [];
  for (const d of deployments) {
    const fn = SHOP_FUNCTIONS.find((f) => f.name === d.name);
    if (fn === undefined) throw new Error(`no function ${d.name}`);
    // each instance's extension needs its own relay port on this one host
    const extraEnv = { ...(fn.telemetryExtension ? { NIGHTJAR_EXTENSION_PORT: String(await freePort()) } : {}), ...d.extraEnv };
    configs.push({ ...toFunctionConfig(fn, built, { env, resources, version: '1', extraEnv }), name: d.as ?? d.name });
  }
  const running = createLocalLambda({ functions: configs, onLog: (fn, _s, e) => logs.push({ fn, message: e.message }) });
  runtime.lambda = running;
  return {
    lambda: running,
    aws,
    payment,
    messaging,
    logs,
    traced: (fn) => aws.calls.some((c) => c.op === 'Nightjar:/v1/traces' && String(c.input.body).includes(fn)),
    close: async () => {
      await running.close();
      await Promise.all([aws.close(), payment.close(), messaging.close()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
