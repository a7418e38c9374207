// The extension's configuration, read from the function's environment (the extension process gets
// the same variables as the function). Bad values never throw: one warning line, then the default.
export type Env = Record<string, string | undefined>;

export const DEFAULT_RELAY_PORT = 4243;

export interface ExtensionConfig {
  /** host:port of the Extensions and Telemetry APIs (AWS_LAMBDA_RUNTIME_API). */
  runtimeApi: string | undefined;
  /** Base URL of the Nightjar server; undefined: the extension registers and forwards nothing. */
  endpoint: string | undefined;
  token: string | undefined;
  functionName: string;
  functionVersion: string;
  region: string;
  /** Port on 127.0.0.1 where the tracer posts its spans (POST /v1/traces). */
  relayPort: number;
  /** Address the Telemetry API listener binds to (sandbox.localdomain in Lambda; 127.0.0.1 as fallback). */
  telemetryHost: string | undefined;
  /** Port of the Telemetry API listener (0: any free port). */
  telemetryPort: number;
  /** Telemetry API buffering timeout (25..30000 ms). */
  telemetryTimeoutMs: number;
  /** Hard bound of one forward to Nightjar (connect + response). */
  forwardTimeoutMs: number;
  /** Bytes of spans and events kept while Nightjar is slow or down; the oldest are dropped beyond. */
  maxBufferBytes: number;
}

/** The live process environment. */
export function extensionEnv(): Env {
  // eslint-disable-next-line no-restricted-properties -- the extension is configured by the function's environment
  return process.env;
}

function get(env: Env, name: string): string | undefined {
  const v = env[name];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

function int(env: Env, name: string, fallback: number, min: number, max: number, warn: (line: string) => void): number {
  const v = get(env, name);
  if (v === undefined) return fallback;
  const n = /^\d+$/.test(v) ? Number(v) : NaN;
  if (Number.isSafeInteger(n) && n >= min && n <= max) return n;
  warn(`nightjar extension: ${name}=${JSON.stringify(v)} is not an integer from ${min} to ${max}; using ${fallback}`);
  return fallback;
}

function endpoint(env: Env, warn: (line: string) => void): string | undefined {
  const v = get(env, 'NIGHTJAR_ENDPOINT');
  if (v === undefined) return undefined;
  try {
    const url = new URL(v);
    if (url.protocol === 'http:' || url.protocol === 'https:') return v.replace(/\/+$/, '');
  } catch {
    // reported below
  }
  warn(`nightjar extension: NIGHTJAR_ENDPOINT=${JSON.stringify(v)} is not an http(s) URL; nothing is forwarded`);
  return undefined;
}

export function readExtensionConfig(env: Env, warn: (line: string) => void): ExtensionConfig {
  return {
    runtimeApi: get(env, 'AWS_LAMBDA_RUNTIME_API'),
    endpoint: endpoint(env, warn),
    token: get(env, 'NIGHTJAR_TOKEN'),
    functionName: get(env, 'AWS_LAMBDA_FUNCTION_NAME') ?? 'unknown',
    functionVersion: get(env, 'AWS_LAMBDA_FUNCTION_VERSION') ?? '$LATEST',
    region: get(env, 'AWS_REGION') ?? get(env, 'AWS_DEFAULT_REGION') ?? '',
    relayPort: int(env, 'NIGHTJAR_EXTENSION_PORT', DEFAULT_RELAY_PORT, 1, 65_535, warn),
    telemetryHost: get(env, 'NIGHTJAR_TELEMETRY_HOST'),
    telemetryPort: int(env, 'NIGHTJAR_TELEMETRY_PORT', 0, 0, 65_535, warn),
    telemetryTimeoutMs: int(env, 'NIGHTJAR_TELEMETRY_TIMEOUT_MS', 100, 25, 30_000, warn),
    forwardTimeoutMs: int(env, 'NIGHTJAR_FORWARD_TIMEOUT_MS', 2_000, 1, 60_000, warn),
    maxBufferBytes: int(env, 'NIGHTJAR_EXTENSION_BUFFER_BYTES', 4 * 1024 * 1024, 65_536, 256 * 1024 * 1024, warn),
  };
}
