// One function: its pool of instances (a warm idle one is reused, otherwise a cold one starts, so
// concurrent invocations get their own processes), idle reaping, and each invocation's platform
// lines, Telemetry API events and result as Lambda reports them.
import { performance } from 'node:perf_hooks';
import { newLogStreamName, newRequestId, newTraceHeader } from './ids.ts';
import { Instance, settle } from './instance.ts';
import type { InvokeOutcome, ShutdownReason } from './instance.ts';
import { lambdaEnvironment } from './lambda-environment.ts';
import { endLine, initReportErrorLine, initStartLine, reportLine, runtimeExitLine, startLine, timeoutLine } from './platform-lines.ts';
import type { ReportSpec } from './platform-lines.ts';
import { bracketList, tracingOf, withError } from './platform-events.ts';
import type { TelemetryStatus, Tracing } from './platform-events.ts';
import { TelemetryHub } from './telemetry-hub.ts';
import { LocalLambdaError } from './errors.ts';
import type { FunctionConfig, InvokeOptions, InvokeResult, InvokeStatus, LogListener } from './types.ts';

export interface RunnerOptions {
  idleTimeoutMs: number;
  initTimeoutMs: number;
  shutdownTimeoutMs: number;
  accountId: string;
  runtimeVersion: string;
  onLog: LogListener;
}

interface Slot {
  instance: Instance;
  telemetry: TelemetryHub;
  logStreamName: string;
  idleTimer: NodeJS.Timeout | null;
}

export interface ResolvedConfig extends Required<Omit<FunctionConfig, 'execWrapper'>> {
  execWrapper: string | undefined;
}

interface LogTarget {
  logStreamName: string;
  telemetry: TelemetryHub;
}

function parsePayload(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}

function round2(ms: number): number {
  return Math.round(ms * 100) / 100;
}

export class FunctionRunner {
  private readonly idle: Slot[] = [];
  private readonly slots = new Set<Slot>();
  /** Every instance not yet fully shut down (for the last-resort kill). */
  private readonly live = new Set<Instance>();
  /** Instances that answered but whose runtime has not polled /next again yet. */
  private finishing = 0;
  private closed = false;
  private readonly waiters: ((slot: Slot | null) => void)[] = [];

  constructor(
    readonly config: ResolvedConfig,
    private readonly options: RunnerOptions,
  ) {}

  get arn(): string {
    return `arn:aws:lambda:${this.config.region}:${this.options.accountId}:function:${this.config.name}`;
  }

  /** Instances alive now (busy or idle). */
  get instanceCount(): number {
    return this.slots.size;
  }

  /** A text line to the log stream (CloudWatch Logs). */
  private log(target: LogTarget, message: string): void {
    this.options.onLog(this.config.name, target.logStreamName, { timestamp: Date.now(), message });
  }

  /** A platform event: its text line (when it has one) and its Telemetry API record. */
  private platform(target: LogTarget, line: string | null, type: string, record: object): void {
    if (line !== null) this.log(target, line);
    target.telemetry.emit(type, record);
  }

  private async coldStart(): Promise<{ slot: Slot; initDurationMs: number; initError?: { errorType: string; body: string } }> {
    const c = this.config;
    const target: LogTarget = { logStreamName: newLogStreamName(c.version, new Date()), telemetry: new TelemetryHub() };
    const runtimeVersionArn = `arn:aws:lambda:${c.region}::runtime:${'0'.repeat(64)}`;
    const initBase = { initializationType: 'on-demand', phase: 'init' };
    this.platform(target, initStartLine(this.options.runtimeVersion, runtimeVersionArn), 'platform.initStart', {
      ...initBase,
      runtimeVersion: this.options.runtimeVersion,
      runtimeVersionArn,
      functionName: c.name,
      functionVersion: c.version,
    });
    const slotRef: { slot: Slot | null } = { slot: null };
    const t0 = performance.now();
    const wrapper = c.execWrapper ?? c.environment['AWS_LAMBDA_EXEC_WRAPPER'];
    const { instance, init } = await Instance.start({
      memoryMb: c.memoryMb,
      execWrapper: wrapper,
      extensions: c.extensions,
      initTimeoutMs: this.options.initTimeoutMs,
      shutdownTimeoutMs: this.options.shutdownTimeoutMs,
      functionInfo: { functionName: c.name, functionVersion: c.version, handler: c.handler, accountId: this.options.accountId },
      telemetry: target.telemetry,
      onLine: (line, source) => {
        this.log(target, `${line}\n`);
        target.telemetry.emit(source, line);
      },
      onSubscribed: (name, types) =>
        this.platform(target, `TELEMETRY\tName: ${name}\tState: Subscribed\tTypes: ${bracketList(types, true)}\n`, 'platform.telemetrySubscription', { name, state: 'Subscribed', types }),
      onExit: () => {
        // An idle runtime that exits takes its sandbox with it; a busy one is retired by its invocation.
        const slot = slotRef.slot;
        if (slot && this.idle.includes(slot)) void this.retire(slot, 'failure');
      },
      env: (runtimeApi) => {
        const own = { ...c.environment, ...c.sandboxEnvironment(), ...(wrapper ? { AWS_LAMBDA_EXEC_WRAPPER: wrapper } : {}) };
        return lambdaEnvironment({
          functionName: c.name,
          version: c.version,
          memoryMb: c.memoryMb,
          region: c.region,
          handler: c.handler,
          taskRoot: c.codeDir,
          logStreamName: target.logStreamName,
          runtimeApi,
          architecture: c.architecture,
          nodePath: process.execPath,
          own,
        });
      },
    });
    this.live.add(instance);
    if (this.closed) {
      await this.retireInstance(instance);
      throw new LocalLambdaError('local lambda closed during a cold start');
    }
    const slot: Slot = { instance, telemetry: target.telemetry, logStreamName: target.logStreamName, idleTimer: null };
    slotRef.slot = slot;
    this.slots.add(slot);
    const outcome = await init;
    const initDurationMs = round2(performance.now() - t0);
    if (instance.exited) void this.retire(slot, 'failure');
    for (const ext of instance.extensions.names()) {
      this.platform(slot, `EXTENSION\tName: ${ext.name}\tState: Ready\tEvents: ${bracketList(ext.events, false)}\n`, 'platform.extension', { name: ext.name, state: 'Ready', events: ext.events });
    }
    if (outcome.ok) {
      slot.telemetry.emit('platform.initRuntimeDone', { ...initBase, status: 'success' });
      slot.telemetry.emit('platform.initReport', { ...initBase, status: 'success', metrics: { durationMs: initDurationMs } });
      return { slot, initDurationMs };
    }
    await settle();
    slot.telemetry.emit('platform.initRuntimeDone', { ...initBase, status: 'error', errorType: outcome.errorType });
    this.platform(slot, initReportErrorLine(initDurationMs, outcome.errorType), 'platform.initReport', {
      ...initBase,
      status: 'error',
      errorType: outcome.errorType,
      metrics: { durationMs: initDurationMs },
    });
    return { slot, initDurationMs, initError: { errorType: outcome.errorType, body: outcome.body } };
  }

  private forget(slot: Slot): void {
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    slot.idleTimer = null;
    this.slots.delete(slot);
    const i = this.idle.indexOf(slot);
    if (i >= 0) this.idle.splice(i, 1);
  }

  private async retireInstance(instance: Instance): Promise<void> {
    await instance.shutdown('spindown');
    this.live.delete(instance);
  }

  private async retire(slot: Slot, reason: ShutdownReason): Promise<void> {
    this.forget(slot);
    await slot.instance.shutdown(reason);
    this.live.delete(slot.instance);
  }

  /** A warm instance: an idle one, or one about to poll /next again (as a sequential caller gets in Lambda). */
  private acquire(): Slot | Promise<Slot | null> | null {
    const idle = this.idle.pop();
    if (idle) return idle;
    if (this.finishing > this.waiters.length) return new Promise((resolve) => this.waiters.push(resolve));
    return null;
  }

  /** Back to the pool once the runtime polls /next again (a runtime that exits instead is dropped). */
  private async release(slot: Slot): Promise<void> {
    this.finishing += 1;
    const ready = await slot.instance.whenReady();
    this.finishing -= 1;
    const usable = ready && !slot.instance.exited && this.slots.has(slot);
    const waiter = this.waiters.shift();
    if (!usable) {
      waiter?.(null);
      await this.retire(slot, 'failure');
      return;
    }
    if (waiter) {
      waiter(slot);
      return;
    }
    this.idle.push(slot);
    slot.idleTimer = setTimeout(() => void this.retire(slot, 'spindown'), this.options.idleTimeoutMs);
    slot.idleTimer.unref();
  }

  /** Invocations running now (for reserved concurrency). */
  private running = 0;

  async invoke(event: unknown, opts: InvokeOptions = {}): Promise<InvokeResult> {
    const requestId = opts.requestId ?? newRequestId();
    if (this.running >= this.config.reservedConcurrency) return this.throttled(requestId);
    this.running += 1;
    try {
      return await this.invokeNow(requestId, event, opts);
    } finally {
      this.running -= 1;
    }
  }

  private throttled(requestId: string): InvokeResult {
    const payload = { errorType: 'TooManyRequestsException', errorMessage: 'Rate Exceeded.', Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' };
    return {
      requestId,
      statusCode: 429,
      payload,
      payloadText: JSON.stringify(payload),
      status: 'throttled',
      errorType: 'TooManyRequestsException',
      durationMs: 0,
      billedDurationMs: 0,
      maxMemoryUsedMb: 0,
      coldStart: false,
      logStreamName: '',
      executedVersion: this.config.version,
    };
  }

  private async invokeNow(requestId: string, event: unknown, opts: InvokeOptions): Promise<InvokeResult> {
    const c = this.config;
    let slot = (await this.acquire()) ?? undefined;
    let coldStart = false;
    let initDurationMs: number | undefined;
    if (slot) {
      if (slot.idleTimer) clearTimeout(slot.idleTimer);
      slot.idleTimer = null;
    } else {
      const cold = await this.coldStart();
      slot = cold.slot;
      coldStart = true;
      initDurationMs = cold.initDurationMs;
      if (cold.initError) return this.initFailed(slot, requestId, cold.initDurationMs, cold.initError);
    }
    const traceHeader = opts.traceHeader ?? newTraceHeader(Date.now());
    const tracing = tracingOf(traceHeader);
    this.platform(slot, startLine(requestId, c.version), 'platform.start', { requestId, version: c.version, tracing });
    const timeoutMs = c.timeoutSeconds * 1000;
    const started = performance.now();
    const outcome = await slot.instance.invoke({
      requestId,
      deadlineMs: Date.now() + timeoutMs,
      invokedFunctionArn: this.arn,
      traceHeader,
      clientContext: opts.clientContext === undefined ? undefined : JSON.stringify(opts.clientContext),
      cognitoIdentity: opts.cognitoIdentity === undefined ? undefined : JSON.stringify(opts.cognitoIdentity),
      body: JSON.stringify(event ?? null),
    });
    const durationMs = outcome.kind === 'timeout' ? timeoutMs : round2(performance.now() - started);
    await settle();
    return this.finish(slot, requestId, tracing, outcome, durationMs, coldStart, initDurationMs);
  }

  private finish(slot: Slot, requestId: string, tracing: Tracing, outcome: InvokeOutcome, durationMs: number, coldStart: boolean, initDurationMs: number | undefined): InvokeResult {
    const c = this.config;
    const maxMemoryUsedMb = slot.instance.maxMemoryUsedMb();
    let payload: unknown;
    let status: InvokeStatus;
    let telemetryStatus: TelemetryStatus;
    let errorType: string | undefined;
    let reportStatus: ReportSpec['status'];
    let runtimeMs = durationMs;
    if (outcome.kind === 'response') {
      payload = parsePayload(outcome.body);
      status = 'success';
      telemetryStatus = 'success';
      runtimeMs = round2(outcome.runtimeMs);
    } else if (outcome.kind === 'error') {
      payload = parsePayload(outcome.body);
      status = 'error';
      telemetryStatus = 'error';
      errorType = outcome.errorType;
      runtimeMs = round2(outcome.runtimeMs);
    } else if (outcome.kind === 'timeout') {
      this.forget(slot);
      this.log(slot, timeoutLine(Date.now(), requestId, c.timeoutSeconds));
      status = 'timeout';
      telemetryStatus = 'timeout';
      errorType = 'Sandbox.Timedout';
      reportStatus = 'timeout';
      payload = { errorType, errorMessage: `RequestId: ${requestId} Error: Task timed out after ${c.timeoutSeconds.toFixed(2)} seconds` };
    } else {
      this.forget(slot);
      status = outcome.errorType === 'Runtime.OutOfMemory' ? 'out_of_memory' : 'crash';
      telemetryStatus = 'failure';
      errorType = outcome.errorType;
      reportStatus = 'error';
      this.log(slot, runtimeExitLine(requestId, outcome.reason, errorType));
      payload = { errorType, errorMessage: `RequestId: ${requestId} Error: ${outcome.reason}` };
    }
    const payloadText = outcome.kind === 'response' || outcome.kind === 'error' ? outcome.body : JSON.stringify(payload);
    const producedBytes = outcome.kind === 'response' ? Buffer.byteLength(outcome.body) : 0;
    slot.telemetry.emit('platform.runtimeDone', withError({ requestId, status: telemetryStatus, metrics: { durationMs: runtimeMs, producedBytes }, tracing }, errorType));
    this.log(slot, endLine(requestId));
    const billedDurationMs = Math.ceil(durationMs + (initDurationMs ?? 0));
    this.platform(
      slot,
      reportLine({ requestId, durationMs, billedDurationMs, memorySizeMb: c.memoryMb, maxMemoryUsedMb, initDurationMs, status: reportStatus, errorType: reportStatus ? errorType : undefined }),
      'platform.report',
      withError(
        {
          requestId,
          status: telemetryStatus,
          metrics: { durationMs, billedDurationMs, memorySizeMB: c.memoryMb, maxMemoryUsedMB: maxMemoryUsedMb, ...(initDurationMs === undefined ? {} : { initDurationMs }) },
          tracing,
        },
        errorType,
      ),
    );
    if (outcome.kind === 'timeout') void this.retire(slot, 'timeout');
    else if (outcome.kind === 'exit') void this.retire(slot, 'failure');
    else void this.release(slot);
    return {
      requestId,
      statusCode: 200,
      payload,
      payloadText,
      ...(status === 'success' ? {} : { functionError: 'Unhandled' }),
      status,
      ...(errorType === undefined ? {} : { errorType }),
      durationMs,
      billedDurationMs,
      ...(initDurationMs === undefined ? {} : { initDurationMs }),
      maxMemoryUsedMb,
      coldStart,
      logStreamName: slot.logStreamName,
      executedVersion: c.version,
    };
  }

  private async initFailed(slot: Slot, requestId: string, initDurationMs: number, error: { errorType: string; body: string }): Promise<InvokeResult> {
    const c = this.config;
    const maxMemoryUsedMb = slot.instance.maxMemoryUsedMb();
    this.log(slot, startLine(requestId, c.version));
    this.log(slot, endLine(requestId));
    const billedDurationMs = Math.ceil(initDurationMs);
    this.platform(slot, reportLine({ requestId, durationMs: initDurationMs, billedDurationMs, memorySizeMb: c.memoryMb, maxMemoryUsedMb, status: 'error', errorType: error.errorType }), 'platform.report', {
      requestId,
      status: 'failure',
      errorType: error.errorType,
      metrics: { durationMs: initDurationMs, billedDurationMs, memorySizeMB: c.memoryMb, maxMemoryUsedMB: maxMemoryUsedMb },
    });
    await this.retire(slot, 'failure');
    return {
      requestId,
      statusCode: 200,
      payload: parsePayload(error.body),
      payloadText: error.body,
      functionError: 'Unhandled',
      status: 'init_error',
      errorType: error.errorType,
      durationMs: initDurationMs,
      billedDurationMs,
      initDurationMs,
      maxMemoryUsedMb,
      coldStart: true,
      logStreamName: slot.logStreamName,
      executedVersion: c.version,
    };
  }

  /** Stop every instance of this function (extensions get SHUTDOWN). */
  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.slots];
    await Promise.all(all.map((s) => this.retire(s, 'spindown')));
    await Promise.all([...this.live].map((i) => i.shutdown('spindown')));
  }

  /** Synchronous last resort (process exit): SIGKILL every instance. */
  killAll(): void {
    for (const instance of this.live) instance.kill();
  }
}
