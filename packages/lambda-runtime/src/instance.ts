// One execution environment (sandbox): its API endpoint (Runtime, Extensions and Telemetry APIs),
// its external extensions and its runtime process (optionally launched through
// AWS_LAMBDA_EXEC_WRAPPER); init, one invocation at a time with a deadline, memory watch, output
// lines, and shutdown (SHUTDOWN event and SIGTERM when extensions are registered, then SIGKILL).
import { fileURLToPath } from 'node:url';
import { basename } from 'node:path';
import { sampleMemory } from './memory-probe.ts';
import { ProcessGroup } from './process-group.ts';
import { RuntimeApi } from './runtime-api.ts';
import type { Invocation, RuntimeSignal } from './runtime-api.ts';
import { ExtensionsApi } from './extensions-api.ts';
import type { FunctionInfo } from './extensions-api.ts';
import { handleSubscribe, isTelemetryPath } from './telemetry-api.ts';
import type { TelemetryCategory, TelemetryHub } from './telemetry-hub.ts';
import { SandboxServer } from './sandbox-server.ts';

const BOOTSTRAP = fileURLToPath(new URL('../bootstrap/index.mjs', import.meta.url));
const MEMORY_WATCH_MS = 50;
const RUNTIME_SHUTDOWN_GRACE_MS = 500;

export type InitOutcome = { ok: true } | { ok: false; errorType: string; body: string };

export type InvokeOutcome =
  | { kind: 'response'; body: string; runtimeMs: number }
  | { kind: 'error'; errorType: string; body: string; runtimeMs: number }
  | { kind: 'timeout' }
  | { kind: 'exit'; reason: string; errorType: string };

export type ShutdownReason = 'spindown' | 'timeout' | 'failure';

export interface InstanceSpec {
  memoryMb: number;
  env: (runtimeApi: string) => Record<string, string>;
  execWrapper?: string | undefined;
  /** Paths of external extensions (executables, or .js/.mjs/.cjs files run by node). */
  extensions: string[];
  initTimeoutMs: number;
  shutdownTimeoutMs: number;
  functionInfo: FunctionInfo;
  telemetry: TelemetryHub;
  onLine: (message: string, source: 'function' | 'extension') => void;
  onSubscribed: (extensionName: string, types: TelemetryCategory[]) => void;
  /** Called once when the runtime process has exited, whatever the reason. */
  onExit: () => void;
}

function errorBody(errorType: string, errorMessage: string): string {
  return JSON.stringify({ errorType, errorMessage });
}

function race<T>(promises: Promise<T>[]): Promise<T> {
  return Promise.race(promises);
}

export class Instance {
  private runtimeProcess: ProcessGroup | null = null;
  private readonly extensionProcesses: ProcessGroup[] = [];
  private server!: SandboxServer;
  private listener: ((signal: RuntimeSignal) => void) | null = null;
  private peakMb = 0;
  private sawHeapOom = false;
  private killedForMemory = false;
  private readyListeners: ((ready: boolean) => void)[] = [];
  private extensionExit: Promise<string> = new Promise<string>(() => undefined);
  private shuttingDown: Promise<void> | null = null;
  private readonly runtime = new RuntimeApi((s) => {
    this.sample();
    this.listener?.(s);
    if (s.kind === 'next') this.notifyReady(true);
  });
  readonly extensions: ExtensionsApi;

  private constructor(private readonly spec: InstanceSpec) {
    this.extensions = new ExtensionsApi(spec.functionInfo);
  }

  static async start(spec: InstanceSpec): Promise<{ instance: Instance; init: Promise<InitOutcome> }> {
    const instance = new Instance(spec);
    instance.server = await SandboxServer.start((req, res, path) => {
      if (RuntimeApi.handles(path)) return instance.runtime.handle(req, res, path);
      if (ExtensionsApi.handles(path)) return instance.extensions.handle(req, res, path);
      if (isTelemetryPath(path)) return handleSubscribe(req, res, spec.telemetry, (id) => instance.extensions.nameOf(id), spec.onSubscribed);
      res.writeHead(404).end();
    });
    return { instance, init: instance.runInit() };
  }

  /** The runtime process has exited (the sandbox is unusable). */
  get exited(): boolean {
    return this.runtimeProcess?.exited ?? false;
  }

  /** Peak resident memory of the sandbox's processes, MB (rounded up, at most the memory size). */
  maxMemoryUsedMb(): number {
    this.sample();
    return Math.min(this.spec.memoryMb, Math.ceil(this.peakMb));
  }

  private async runInit(): Promise<InitOutcome> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<InitOutcome>((resolve) => {
      timer = setTimeout(() => resolve({ ok: false, errorType: 'Sandbox.Timedout', body: errorBody('Sandbox.Timedout', `Init timed out after ${(this.spec.initTimeoutMs / 1000).toFixed(2)} seconds`) }), this.spec.initTimeoutMs);
    });
    try {
      const outcome = await race([this.initSteps(), timedOut]);
      if (!outcome.ok) this.kill();
      return outcome;
    } finally {
      clearTimeout(timer);
      this.extensions.registrationOpen = false;
      this.spec.telemetry.endInit();
    }
  }

  private async initSteps(): Promise<InitOutcome> {
    const env = this.spec.env(this.server.address);
    const extensionFailed = (): Promise<InitOutcome> =>
      this.extensionExit.then((reason) => ({ ok: false, errorType: 'Extension.Crash', body: errorBody('Extension.Crash', reason.replace('Runtime', 'Extension')) }));
    if (this.spec.extensions.length > 0) {
      this.launchExtensions(env);
      const registered = this.extensions.until(() => this.extensions.count >= this.spec.extensions.length || this.extensions.errors.length > 0).then((): InitOutcome => ({ ok: true }));
      const r = await race([registered, extensionFailed()]);
      if (!r.ok) return r;
    }
    const runtimeInit = this.runtimeInit(env);
    const runtimeOutcome = await race([runtimeInit, extensionFailed()]);
    if (!runtimeOutcome.ok) return runtimeOutcome;
    const ready = this.extensions.until(() => this.extensions.allWaiting() || this.extensions.errors.length > 0).then((): InitOutcome => ({ ok: true }));
    const extOutcome = await race([ready, extensionFailed()]);
    const extError = this.extensions.errors[0];
    if (extError) return { ok: false, errorType: extError.errorType, body: errorBody(extError.errorType, `extension ${extError.name} failed during ${extError.phase}`) };
    return extOutcome;
  }

  private launchExtensions(env: Record<string, string>): void {
    const exits: Promise<string>[] = [];
    for (const path of this.spec.extensions) {
      const isScript = /\.(m|c)?js$/.test(path);
      const [command, args] = isScript ? [process.execPath, [path]] : [path, []];
      const p = new ProcessGroup(command, args, { ...env, _HANDLER: '' }, env['LAMBDA_TASK_ROOT'], (line) => this.spec.onLine(line, 'extension'));
      this.extensionProcesses.push(p);
      exits.push(p.exit.then((reason) => `${basename(path)}: ${reason}`));
    }
    this.extensionExit = Promise.race(exits);
  }

  private runtimeInit(env: Record<string, string>): Promise<InitOutcome> {
    return new Promise((resolve) => {
      let initError: { errorType: string; body: string } | null = null;
      this.listener = (s) => {
        if (s.kind === 'next') {
          this.listener = null;
          resolve({ ok: true });
        } else if (s.kind === 'init-error') initError = { errorType: s.errorType, body: s.body };
      };
      const nodeArgs = ['--expose-gc', '--max-http-header-size=81920', `--max-old-space-size=${Math.max(16, Math.floor(this.spec.memoryMb * 0.9))}`, BOOTSTRAP];
      const [command, args] = this.spec.execWrapper ? [this.spec.execWrapper, [process.execPath, ...nodeArgs]] : [process.execPath, nodeArgs];
      const runtime = new ProcessGroup(command, args, env, env['LAMBDA_TASK_ROOT'], (line) => {
        if (line.includes('JavaScript heap out of memory')) this.sawHeapOom = true;
        this.spec.onLine(line, 'function');
      });
      this.runtimeProcess = runtime;
      void runtime.exit.then(async (reason) => {
        this.notifyReady(false);
        this.spec.onExit();
        await settle();
        this.listener = null;
        resolve(initError ? { ok: false, ...initError } : { ok: false, errorType: 'Runtime.ExitError', body: errorBody('Runtime.ExitError', reason) });
      });
    });
  }

  private notifyReady(ready: boolean): void {
    const listeners = this.readyListeners;
    this.readyListeners = [];
    for (const l of listeners) l(ready);
  }

  /** Resolves true once the runtime asks for the next invocation again, false if it exits first. */
  whenReady(): Promise<boolean> {
    if (this.exited || this.shuttingDown) return Promise.resolve(false);
    if (this.runtime.isWaiting) return Promise.resolve(true);
    return new Promise((resolve) => this.readyListeners.push(resolve));
  }

  /** Run one invocation: INVOKE to extensions, the event to the runtime; done when the runtime has
   * answered and every extension is back at /event/next, or at the deadline, or when a process dies. */
  async invoke(invocation: Invocation): Promise<InvokeOutcome> {
    const runtime = this.runtimeProcess;
    if (runtime === null || runtime.exited) return { kind: 'exit', reason: 'Runtime exited', errorType: 'Runtime.ExitError' };
    const started = performance.now();
    const watch = setInterval(() => this.watchMemory(), MEMORY_WATCH_MS);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<InvokeOutcome>((resolve) => {
      timer = setTimeout(() => resolve({ kind: 'timeout' }), Math.max(0, invocation.deadlineMs - Date.now()));
    });
    const died = runtime.exit.then(async (reason): Promise<InvokeOutcome> => {
      await settle();
      const oom = this.killedForMemory || this.sawHeapOom;
      return { kind: 'exit', reason, errorType: oom ? 'Runtime.OutOfMemory' : 'Runtime.ExitError' };
    });
    const extensionDied = this.extensionExit.then((reason): InvokeOutcome => ({ kind: 'exit', reason: reason.replace('Runtime', 'Extension'), errorType: 'Extension.Crash' }));
    const answered = new Promise<InvokeOutcome>((resolve) => {
      this.listener = (s) => {
        if (s.kind === 'response' && s.requestId === invocation.requestId) resolve({ kind: 'response', body: s.body, runtimeMs: performance.now() - started });
        else if (s.kind === 'error' && s.requestId === invocation.requestId) resolve({ kind: 'error', errorType: s.errorType, body: s.body, runtimeMs: performance.now() - started });
      };
    });
    try {
      this.extensions.dispatch({
        eventType: 'INVOKE',
        deadlineMs: invocation.deadlineMs,
        requestId: invocation.requestId,
        invokedFunctionArn: invocation.invokedFunctionArn,
        tracing: { type: 'X-Amzn-Trace-Id', value: invocation.traceHeader },
      });
      this.runtime.deliver(invocation);
      const outcome = await race([answered, deadline, died, extensionDied]);
      if (outcome.kind !== 'response' && outcome.kind !== 'error') return outcome;
      const extensionsDone = this.extensions.until(() => this.extensions.allWaiting()).then(() => outcome);
      return await race([extensionsDone, deadline, extensionDied]);
    } finally {
      clearInterval(watch);
      clearTimeout(timer);
      this.listener = null;
      this.sample();
    }
  }

  /** Peak of the runtime plus what the extensions hold now: the sandbox's memory, as Lambda counts it. */
  private sample(): number | null {
    const runtime = this.runtimeProcess;
    if (!runtime || runtime.exited || runtime.pid === undefined) return null;
    const m = sampleMemory(runtime.pid);
    if (m === null) return null;
    let extensionsMb = 0;
    for (const p of this.extensionProcesses) {
      if (p.exited || p.pid === undefined) continue;
      extensionsMb += sampleMemory(p.pid)?.rssMb ?? 0;
    }
    this.peakMb = Math.max(this.peakMb, m.peakRssMb + extensionsMb);
    return m.rssMb + extensionsMb;
  }

  private watchMemory(): void {
    const current = this.sample();
    if (current !== null && current > this.spec.memoryMb) {
      this.killedForMemory = true;
      this.runtimeProcess?.signal('SIGKILL');
    }
  }

  /** SIGKILL every process of the sandbox (synchronous; safe at process exit). */
  kill(): void {
    this.runtimeProcess?.signal('SIGKILL');
    for (const p of this.extensionProcesses) p.signal('SIGKILL');
  }

  /** End the sandbox. With extensions registered: SHUTDOWN event and SIGTERM to the runtime, up to
   * shutdownTimeoutMs for them to finish; then SIGKILL for whatever is left, and the endpoint closes. */
  shutdown(reason: ShutdownReason): Promise<void> {
    this.shuttingDown ??= this.doShutdown(reason);
    return this.shuttingDown;
  }

  private async doShutdown(reason: ShutdownReason): Promise<void> {
    const all = [this.runtimeProcess, ...this.extensionProcesses].filter((p): p is ProcessGroup => p !== null);
    await this.spec.telemetry.flush();
    if (this.extensions.count > 0) {
      const limit = this.spec.shutdownTimeoutMs;
      const sent = this.extensions.dispatch({ eventType: 'SHUTDOWN', shutdownReason: reason, deadlineMs: Date.now() + limit });
      this.runtimeProcess?.signal('SIGTERM');
      const runtimeKill = setTimeout(() => this.runtimeProcess?.signal('SIGKILL'), RUNTIME_SHUTDOWN_GRACE_MS);
      const extensionsDone = sent === 0 ? Promise.resolve() : this.extensions.until(() => this.extensions.allWaiting());
      const everyExit = Promise.all(this.extensionProcesses.map((p) => p.exit));
      await race([Promise.race([extensionsDone, everyExit]), new Promise((r) => setTimeout(r, limit))]);
      clearTimeout(runtimeKill);
    }
    this.kill();
    await Promise.all(all.map((p) => p.exit));
    await this.server.close();
  }
}

/** Let output already written by the process reach its line callbacks (pipes are read on the next poll). */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
}
