// The shop's eleven Lambda functions: code folder, memory, timeout, how each is traced (wrap() in
// code, the layer's exec wrapper, or nothing) and the environment each reads; toFunctionConfig turns
// one into the local Lambda runtime's FunctionConfig against a build (buildShop).
import path from 'node:path';
import type { FunctionConfig } from '@nightjar/lambda-runtime';
import type { BuiltShop } from './build-functions.ts';
import { ENV } from './resources.ts';

/** The values of every ENV variable of resources.ts (table names, queue URL, topic ARN, provider URLs...). */
export type ShopEnv = Record<keyof typeof ENV, string>;

export type Tracing = 'wrap' | 'exec-wrapper' | 'none';

export interface ShopFunction {
  name: string;
  /** Folder under packages/demo/functions/. */
  dir: string;
  handler: 'index.handler';
  memoryMb: number;
  timeoutSeconds: number;
  tracing: Tracing;
  /** The layer's Lambda extension (Telemetry API forwarding, span relay); exec-wrapper functions only. */
  telemetryExtension: boolean;
  /** The function's own environment variables. */
  env: (resources: ShopEnv) => Record<string, string>;
  /** NIGHTJAR_USER_ID_PATHS: where the user id is in events that carry no JWT claims. */
  userIdPaths?: string[];
}

/** Picks the given ENV variables with their values. */
function pick(...keys: (keyof typeof ENV)[]): (r: ShopEnv) => Record<string, string> {
  return (r) => Object.fromEntries(keys.map((k) => [ENV[k], r[k]]));
}

const fn = (f: Omit<ShopFunction, 'handler' | 'dir' | 'telemetryExtension'> & Partial<Pick<ShopFunction, 'telemetryExtension'>>): ShopFunction => ({
  dir: f.name,
  handler: 'index.handler',
  telemetryExtension: false,
  ...f,
});

export const SHOP_FUNCTIONS: ShopFunction[] = [
  // HTTP API events: enduser.id comes from the JWT authorizer's claims (sub)
  fn({ name: 'orders-api', memoryMb: 256, timeoutSeconds: 6, tracing: 'wrap', env: pick('ordersTable', 'paymentsQueueUrl', 'clickstream') }),
  fn({ name: 'avatars-api', memoryMb: 256, timeoutSeconds: 6, tracing: 'exec-wrapper', env: pick('avatarsBucket') }),
  fn({ name: 'fraud-check', memoryMb: 128, timeoutSeconds: 3, tracing: 'wrap', env: () => ({}), userIdPaths: ['userId'] }),
  fn({
    name: 'process-payment',
    memoryMb: 512,
    timeoutSeconds: 5,
    tracing: 'exec-wrapper',
    telemetryExtension: true,
    env: pick('ordersTable', 'eventBus', 'fraudCheckFunction', 'paymentProviderUrl'),
    userIdPaths: ['Records.0.body.userId'],
  }),
  fn({ name: 'order-events', memoryMb: 256, timeoutSeconds: 6, tracing: 'exec-wrapper', env: pick('ordersTable', 'notificationsTopicArn'), userIdPaths: ['detail.userId'] }),
  fn({ name: 'notify', memoryMb: 256, timeoutSeconds: 4, tracing: 'wrap', env: pick('messagingProviderUrl'), userIdPaths: ['Records.0.body.Message.to.userId'] }),
  fn({ name: 'inventory', memoryMb: 256, timeoutSeconds: 10, tracing: 'exec-wrapper', env: pick('inventoryTable'), userIdPaths: ['Records.0.dynamodb.NewImage.userId.S', 'Records.0.dynamodb.OldImage.userId.S'] }),
  fn({ name: 'avatar-resize', memoryMb: 512, timeoutSeconds: 10, tracing: 'wrap', env: pick('usersTable') }),
  fn({ name: 'clickstream', memoryMb: 128, timeoutSeconds: 10, tracing: 'exec-wrapper', env: pick('clickstream') }),
  fn({ name: 'daily-report', memoryMb: 1024, timeoutSeconds: 30, tracing: 'none', env: pick('ordersTable', 'reportsBucket') }),
  fn({ name: 'lunch-reminder', memoryMb: 128, timeoutSeconds: 3, tracing: 'wrap', env: pick('notificationsTopicArn') }),
];

export interface FunctionConfigOptions {
  /** Common to every function: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_KINESIS, NIGHTJAR_ENDPOINT... */
  env: Record<string, string>;
  /** The resources' values for the functions' own variables. */
  resources: ShopEnv;
  version: string;
  /** Per-deployment switches (CONTACT_VALIDATION=strict, SESSION_CACHE=unbounded...), applied last. */
  extraEnv?: Record<string, string>;
  /** A free loopback port for each new sandbox's extension relay (sandboxes share the host's network
   * here, unlike in Lambda); without it the extension's default port is used. */
  extensionPort?: () => number | undefined;
}

const isTracerSetting = (name: string): boolean => name.startsWith('NIGHTJAR_');

export function toFunctionConfig(f: ShopFunction, build: BuiltShop, opts: FunctionConfigOptions): FunctionConfig {
  const code = build.functions[f.name];
  if (code === undefined) throw new Error(`function ${f.name} is not in the build (${build.outDir})`);
  // an untraced function gets no tracer settings at all
  const common = f.tracing === 'none' ? Object.fromEntries(Object.entries(opts.env).filter(([k]) => !isTracerSetting(k))) : opts.env;
  const environment: Record<string, string> = { ...common, ...f.env(opts.resources) };
  if (f.tracing !== 'none' && f.userIdPaths !== undefined) environment.NIGHTJAR_USER_ID_PATHS = f.userIdPaths.join(',');
  const config: FunctionConfig = {
    name: f.name,
    handler: f.handler,
    codeDir: code.dir,
    memoryMb: f.memoryMb,
    timeoutSeconds: f.timeoutSeconds,
    version: opts.version,
  };
  if (f.tracing === 'exec-wrapper') {
    config.execWrapper = build.tracer.wrapper;
    // Lambda puts the layers' /opt/nodejs/node_modules on NODE_PATH; the local runtime has no /opt
    environment.NODE_PATH = path.join(build.tracer.layerDir, 'nodejs', 'node_modules');
    if (f.telemetryExtension) {
      config.extensions = [build.tracer.extension];
      // in Lambda the tracer finds /opt/extensions/nightjar itself; here it is told
      environment.NIGHTJAR_EXTENSION = 'true';
      const port = opts.extensionPort;
      if (port !== undefined) {
        config.sandboxEnvironment = (): Record<string, string> => {
          const p = port();
          return p === undefined ? {} : { NIGHTJAR_EXTENSION_PORT: String(p) };
        };
      }
    }
  }
  config.environment = { ...environment, ...opts.extraEnv };
  return config;
}
