// At the first wrap(): when the function's code can load @opentelemetry/api, register a global
// TracerProvider and ContextManager that put the user's spans into the invocation's trace.
// Absent API: nothing is loaded or registered. Something already registered: left alone.
import { createRequire } from 'node:module';
import { isAbsolute, join, sep } from 'node:path';
import type { Env } from '../config.ts';
import { BridgeTracerProvider } from './bridge-tracer.ts';
import { AlsContextManager } from './context-manager.ts';
import { OTEL_GLOBAL_KEY, type OtelApi } from './otel-types.ts';

export type BridgeState =
  /** @opentelemetry/api is not loaded by the function's code (or not resolvable): nothing done. */
  | 'absent'
  /** Our TracerProvider and ContextManager are registered. */
  | 'installed'
  /** One of them was already registered by the user's code (left alone); ours is the other. */
  | 'partial'
  /** Both were already registered: nothing done. */
  | 'declined'
  /** Loading or registering failed (logged). */
  | 'failed';

/**
 * Whether the function's code has already loaded @opentelemetry/api. Node loads the API's CommonJS
 * build for `import` and `require` alike, so it shows in the module cache. Loading the API
 * ourselves costs ~12 ms of cold start, which a function that never uses it must not pay.
 */
export function otelApiLoaded(cache: Record<string, unknown>): boolean {
  const marker = `${sep}@opentelemetry${sep}api${sep}`;
  for (const key of Object.keys(cache)) if (key.includes(marker)) return true;
  return false;
}

/**
 * @opentelemetry/api 1.x as resolved from the first of `dirs` that has it, when the function's code
 * has loaded it already (so this costs no load); undefined otherwise.
 */
export function loadOtelApi(dirs: readonly string[]): OtelApi | undefined {
  for (const dir of dirs) {
    try {
      const req = createRequire(join(dir, '__nightjar__.js'));
      if (!otelApiLoaded(req.cache)) return undefined;
      const api = req(req.resolve('@opentelemetry/api')) as Partial<OtelApi> | undefined;
      if (typeof api?.trace?.setGlobalTracerProvider === 'function' && typeof api.context?.setGlobalContextManager === 'function') return api as OtelApi;
    } catch {
      // not here
    }
  }
  return undefined;
}

function registered(name: 'trace' | 'context'): boolean {
  try {
    const registry = (globalThis as Record<symbol, unknown>)[OTEL_GLOBAL_KEY];
    return typeof registry === 'object' && registry !== null && (registry as Record<string, unknown>)[name] !== undefined;
  } catch {
    return false;
  }
}

/** Registers the bridge into `api` (never throws). */
export function registerBridge(api: OtelApi, log: (line: string) => void): BridgeState {
  try {
    const provider = !registered('trace') && api.trace.setGlobalTracerProvider(new BridgeTracerProvider(api));
    const manager = !registered('context') && api.context.setGlobalContextManager(new AlsContextManager(api));
    if (provider && manager) return 'installed';
    const theirs = [provider ? undefined : 'TracerProvider', manager ? undefined : 'ContextManager'].filter((x) => x !== undefined).join(' and ');
    log(`nightjar: @opentelemetry/api already has a ${theirs} registered by the function's code; left as it is (spans of that provider are not in the Nightjar trace)`);
    return provider || manager ? 'partial' : 'declined';
  } catch (err) {
    log(`nightjar: could not register the @opentelemetry/api bridge (${err instanceof Error ? err.message : String(err)}); your OpenTelemetry spans are not traced`);
    return 'failed';
  }
}

/** The directories @opentelemetry/api is resolved from: the function's code (LAMBDA_TASK_ROOT). */
export function bridgeSearchDirs(env: Env): string[] {
  try {
    const root = env['LAMBDA_TASK_ROOT'];
    return typeof root === 'string' && isAbsolute(root) ? [root] : [];
  } catch {
    return [];
  }
}

let processState: BridgeState | undefined;

/** Once per process (later calls return the first outcome). Never throws. */
export function installOtelBridge(env: Env, log: (line: string) => void): BridgeState {
  if (processState !== undefined) return processState;
  try {
    const api = loadOtelApi(bridgeSearchDirs(env));
    processState = api === undefined ? 'absent' : registerBridge(api, log);
  } catch {
    processState = 'failed';
  }
  return processState;
}
