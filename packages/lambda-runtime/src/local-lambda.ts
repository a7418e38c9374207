// createLocalLambda: the platform. Functions by name, invoke, platform and function log lines to an
// onLog callback (and optionally the terminal), close. Every process it starts is killed on close and,
// as a last resort, when this process exits.
import { LocalLambdaError } from './errors.ts';
import { FunctionRunner } from './function-runner.ts';
import type { ResolvedConfig } from './function-runner.ts';
import type { FunctionConfig, InvokeOptions, InvokeResult, LogEvent, LogListener } from './types.ts';

export interface LocalLambdaOptions {
  functions: FunctionConfig[];
  /** Every log event (platform lines and the function's output), per function and log stream. */
  onLog?: LogListener;
  /** Echo log lines to this process's stdout as "[function] message". */
  echo?: boolean;
  /** How long an idle instance stays warm before it is stopped (default 5 minutes). */
  idleTimeoutMs?: number;
  /** Init phase limit (Lambda: 10 s for on-demand functions). */
  initTimeoutMs?: number;
  /** Shutdown phase limit for sandboxes with extensions (Lambda: 2 s with external extensions). */
  shutdownTimeoutMs?: number;
  accountId?: string;
  runtimeVersion?: string;
}

export interface LocalLambda {
  invoke(functionName: string, event: unknown, opts?: InvokeOptions): Promise<InvokeResult>;
  /** The resolved configuration of a function (defaults filled in), or undefined. */
  getFunction(functionName: string): ResolvedConfig | undefined;
  /** Add or replace a function (a replaced one's instances are stopped: a deployment). */
  deploy(config: FunctionConfig): Promise<void>;
  /** Instances alive now, busy or idle. */
  instanceCount(functionName: string): number;
  close(): Promise<void>;
}

const NAME = /^[A-Za-z0-9_-]{1,64}$/;

function resolve(config: FunctionConfig): ResolvedConfig {
  if (!NAME.test(config.name)) throw new LocalLambdaError(`invalid function name: ${config.name}`);
  if (!config.handler.includes('.')) throw new LocalLambdaError(`handler must be "file.export": ${config.handler}`);
  const memoryMb = config.memoryMb ?? 128;
  if (!Number.isInteger(memoryMb) || memoryMb < 128 || memoryMb > 10240) throw new LocalLambdaError(`memoryMb must be an integer in 128..10240: ${memoryMb}`);
  if (config.reservedConcurrency !== undefined && !(Number.isInteger(config.reservedConcurrency) && config.reservedConcurrency >= 0)) {
    throw new LocalLambdaError(`reservedConcurrency must be a non-negative integer: ${config.reservedConcurrency}`);
  }
  const timeoutSeconds = config.timeoutSeconds ?? 3;
  if (!(timeoutSeconds > 0 && timeoutSeconds <= 900)) throw new LocalLambdaError(`timeoutSeconds must be in (0, 900]: ${timeoutSeconds}`);
  return {
    name: config.name,
    handler: config.handler,
    codeDir: config.codeDir,
    memoryMb,
    timeoutSeconds,
    environment: config.environment ?? {},
    version: config.version ?? '$LATEST',
    region: config.region ?? 'us-east-1',
    architecture: config.architecture ?? 'x86_64',
    execWrapper: config.execWrapper,
    extensions: config.extensions ?? [],
    sandboxEnvironment: config.sandboxEnvironment ?? (() => ({})),
    reservedConcurrency: config.reservedConcurrency ?? Number.POSITIVE_INFINITY,
  };
}

function echoLine(functionName: string, _stream: string, event: LogEvent): void {
  process.stdout.write(`[${functionName}] ${event.message.endsWith('\n') ? event.message : `${event.message}\n`}`);
}

export function createLocalLambda(options: LocalLambdaOptions): LocalLambda {
  const runners = new Map<string, FunctionRunner>();
  let closed = false;
  const onLog: LogListener = (fn, stream, event) => {
    options.onLog?.(fn, stream, event);
    if (options.echo) echoLine(fn, stream, event);
  };
  const runnerOptions = {
    idleTimeoutMs: options.idleTimeoutMs ?? 300_000,
    initTimeoutMs: options.initTimeoutMs ?? 10_000,
    shutdownTimeoutMs: options.shutdownTimeoutMs ?? 2000,
    accountId: options.accountId ?? '123456789012',
    runtimeVersion: options.runtimeVersion ?? `nodejs:${process.versions.node.split('.')[0] ?? '20'}.v1`,
    onLog,
  };
  const killAll = (): void => {
    for (const r of runners.values()) r.killAll();
  };
  process.on('exit', killAll);

  for (const config of options.functions) {
    const resolved = resolve(config);
    if (runners.has(resolved.name)) throw new LocalLambdaError(`duplicate function name: ${resolved.name}`);
    runners.set(resolved.name, new FunctionRunner(resolved, runnerOptions));
  }

  function runner(name: string): FunctionRunner {
    if (closed) throw new LocalLambdaError('local lambda is closed');
    const r = runners.get(name);
    if (!r) throw new LocalLambdaError(`Function not found: ${name}`);
    return r;
  }

  return {
    invoke: (name, event, opts) => {
      try {
        return runner(name).invoke(event, opts);
      } catch (error) {
        return Promise.reject(error as Error);
      }
    },
    getFunction: (name) => runners.get(name)?.config,
    async deploy(config) {
      if (closed) throw new LocalLambdaError('local lambda is closed');
      const resolved = resolve(config);
      const old = runners.get(resolved.name);
      runners.set(resolved.name, new FunctionRunner(resolved, runnerOptions));
      await old?.close();
    },
    instanceCount: (name) => runners.get(name)?.instanceCount ?? 0,
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([...runners.values()].map((r) => r.close()));
      process.off('exit', killAll);
    },
  };
}
