// The tracer's configuration, read from the function's environment. The one module of the tracer
// that reads process.env. Bad values never throw: one warning line names the variable and the
// default is used.
import { existsSync } from 'node:fs';
import { DEFAULT_MAX_FIELD_BYTES } from './scrub/scrub-payload.ts';

export type Env = Record<string, string | undefined>;

export interface TracerConfig {
  /** Base URL of the Nightjar server; spans go to `${endpoint}/v1/traces`. Undefined: tracing is off. */
  endpoint: string | undefined;
  /** Sent as `Authorization: Bearer <token>`. */
  token: string | undefined;
  capturePayloads: boolean;
  /** Record console output made during an invocation as OTLP log records. */
  captureConsole: boolean;
  maxFieldBytes: number;
  /** Extra key-name patterns whose values are masked (from the environment: compiled, case-insensitive). */
  secretPatterns: readonly (string | RegExp)[];
  /** Dotted paths into the event tried first for the end user's id. */
  userIdPaths: string[];
  /** Dotted paths into the event tried first for the end user's tier (`nightjar.enduser.tier`). */
  userTierPaths: string[];
  /** Hard bound of one export (connect + response), in milliseconds. */
  exportTimeoutMs: number;
  disabled: boolean;
  /** Present when spans go through the Nightjar extension: `endpoint` is then its local relay
   * (`http://127.0.0.1:<port>`) and `exportTimeoutMs` at most EXTENSION_EXPORT_TIMEOUT_MS. */
  extension?: { port: number; remoteEndpoint: string };
}

/** Where the layer installs the extension (auto-detected in Lambda when NIGHTJAR_EXTENSION is unset). */
export const EXTENSION_PATH = '/opt/extensions/nightjar';
export const DEFAULT_EXTENSION_PORT = 4243;
/** A loopback round trip; the extension answers before forwarding. */
export const EXTENSION_EXPORT_TIMEOUT_MS = 100;

export const DEFAULT_EXPORT_TIMEOUT_MS = 300;

export type Warn = (line: string) => void;

const defaultWarn: Warn = (line) => {
  try {
    process.stderr.write(`${line}\n`);
  } catch {
    // nowhere to warn
  }
};

/** The live process environment (the Lambda runtime updates _X_AMZN_TRACE_ID per invocation). */
export function processEnv(): Env {
  // eslint-disable-next-line no-restricted-properties -- the tracer is configured by the function's environment
  return process.env;
}

function get(env: Env, name: string): string | undefined {
  try {
    const v = env[name];
    return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
  } catch {
    return undefined;
  }
}

const TRUE = new Set(['1', 'true', 'yes', 'on']);
const FALSE = new Set(['0', 'false', 'no', 'off']);

function bool(env: Env, name: string, fallback: boolean, warn: Warn): boolean {
  const v = get(env, name);
  if (v === undefined) return fallback;
  const l = v.toLowerCase();
  if (TRUE.has(l)) return true;
  if (FALSE.has(l)) return false;
  warn(`nightjar: ${name}=${JSON.stringify(v)} is not a boolean (true/false); using ${fallback}`);
  return fallback;
}

function int(env: Env, name: string, fallback: number, min: number, max: number, warn: Warn): number {
  const v = get(env, name);
  if (v === undefined) return fallback;
  const n = /^\d+$/.test(v) ? Number(v) : NaN;
  if (Number.isSafeInteger(n) && n >= min && n <= max) return n;
  warn(`nightjar: ${name}=${JSON.stringify(v)} is not an integer from ${min} to ${max}; using ${fallback}`);
  return fallback;
}

function list(env: Env, name: string): string[] {
  const v = get(env, name);
  if (v === undefined) return [];
  return v.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

/** A comma-separated list of dotted paths ("a.b.0.c"); a path with an empty segment is dropped with one warning. */
function paths(env: Env, name: string, warn: Warn): string[] {
  const out: string[] = [];
  const bad: string[] = [];
  for (const p of list(env, name)) (p.split('.').every((segment) => segment !== '') ? out : bad).push(p);
  if (bad.length > 0) warn(`nightjar: ${name} has invalid dotted paths ${JSON.stringify(bad)}; they are ignored`);
  return out;
}

function endpoint(env: Env, warn: Warn): string | undefined {
  const v = get(env, 'NIGHTJAR_ENDPOINT');
  if (v === undefined) return undefined;
  try {
    const url = new URL(v);
    if (url.protocol === 'http:' || url.protocol === 'https:') return v.replace(/\/+$/, '');
  } catch {
    // reported below
  }
  warn(`nightjar: NIGHTJAR_ENDPOINT=${JSON.stringify(v)} is not an http(s) URL; tracing is off`);
  return undefined;
}

function patterns(env: Env, warn: Warn): RegExp[] {
  const out: RegExp[] = [];
  const bad: string[] = [];
  for (const source of list(env, 'NIGHTJAR_SECRET_PATTERNS')) {
    try {
      out.push(new RegExp(source, 'i'));
    } catch {
      bad.push(source);
    }
  }
  if (bad.length > 0) warn(`nightjar: NIGHTJAR_SECRET_PATTERNS has invalid regular expressions ${JSON.stringify(bad)}; they are ignored`);
  return out;
}

function safeExists(file: string): boolean {
  try {
    return existsSync(file);
  } catch {
    return false;
  }
}

/** NIGHTJAR_EXTENSION=true|false, or unset: on in Lambda when the layer's extension is installed. */
function useExtension(env: Env, warn: Warn, exists: (file: string) => boolean): boolean {
  if (get(env, 'NIGHTJAR_EXTENSION') !== undefined) return bool(env, 'NIGHTJAR_EXTENSION', false, warn);
  return get(env, 'AWS_LAMBDA_RUNTIME_API') !== undefined && exists(EXTENSION_PATH);
}

/** Never throws. `exists` checks for the installed extension (tests pass their own). */
export function readConfig(env: Env, warn: Warn = defaultWarn, exists: (file: string) => boolean = safeExists): TracerConfig {
  const remote = endpoint(env, warn);
  const exportTimeoutMs = int(env, 'NIGHTJAR_EXPORT_TIMEOUT_MS', DEFAULT_EXPORT_TIMEOUT_MS, 1, 60_000, warn);
  const viaExtension = remote !== undefined && useExtension(env, warn, exists);
  const port = viaExtension ? int(env, 'NIGHTJAR_EXTENSION_PORT', DEFAULT_EXTENSION_PORT, 1, 65_535, warn) : 0;
  return {
    endpoint: viaExtension ? `http://127.0.0.1:${port}` : remote,
    token: get(env, 'NIGHTJAR_TOKEN'),
    capturePayloads: bool(env, 'NIGHTJAR_CAPTURE_PAYLOADS', true, warn),
    captureConsole: bool(env, 'NIGHTJAR_CAPTURE_CONSOLE', true, warn),
    maxFieldBytes: int(env, 'NIGHTJAR_MAX_FIELD_BYTES', DEFAULT_MAX_FIELD_BYTES, 16, 1_048_576, warn),
    secretPatterns: patterns(env, warn),
    userIdPaths: list(env, 'NIGHTJAR_USER_ID_PATHS'),
    userTierPaths: paths(env, 'NIGHTJAR_USER_TIER_PATHS', warn),
    exportTimeoutMs: viaExtension ? Math.min(exportTimeoutMs, EXTENSION_EXPORT_TIMEOUT_MS) : exportTimeoutMs,
    disabled: bool(env, 'NIGHTJAR_DISABLED', false, warn),
    ...(viaExtension && remote !== undefined ? { extension: { port, remoteEndpoint: remote } } : {}),
  };
}
