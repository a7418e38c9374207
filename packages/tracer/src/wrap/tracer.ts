// The per-wrap tracer: configuration, exporter and the life of each invocation (begin, timeout,
// finish). Every method is failure-proof: the wrapper relies on it never throwing or rejecting.
import { readConfig, type Env, type TracerConfig } from '../config.ts';
import { Exporter } from '../export/exporter.ts';
import { instrumentOutbound } from '../instrument/index.ts';
import { installOtelBridge } from '../otel-bridge/index.ts';
import type { BreakerOptions } from '../export/circuit-breaker.ts';
import type { TracerAttributes } from '../otlp/span.ts';
import { ERROR_MAX_FIELD_BYTES, SCRUB_FAILED, scrubPayload, type ScrubOptions } from '../scrub/scrub-payload.ts';
import { processColdStart, type ColdStart } from './cold-start.ts';
import { captureConsoleOf, installConsoleCapture, takeConsoleLines } from './console-capture.ts';
import { Invocation } from './invocation.ts';
import { readLambdaContext } from './lambda-context.ts';
import { resourceAttributes } from './resource.ts';
import { rootSpanStart } from './root-span.ts';
import { timeoutDelayMs } from './timeout-delay.ts';

export const SCOPE = { name: '@nightjar/lambda', version: '0.1.0' };

export interface TracerOptions {
  /** The environment to read (default process.env). */
  env?: Env;
  /** Overrides of what the environment configures. */
  endpoint?: string;
  token?: string;
  capturePayloads?: boolean;
  /** Record console output of invocations as OTLP log records (default true; NIGHTJAR_CAPTURE_CONSOLE). */
  captureConsole?: boolean;
  maxFieldBytes?: number;
  secretPatterns?: readonly (string | RegExp)[];
  userIdPaths?: string[];
  /** Dotted paths into the event for the user's tier (plan); NIGHTJAR_USER_TIER_PATHS. */
  userTierPaths?: string[];
  exportTimeoutMs?: number;
  disabled?: boolean;
  /** Circuit breaker tuning (threshold, cool-downs). */
  breaker?: Partial<BreakerOptions>;
  /** Where the tracer's own warnings go (default: one line to stderr). */
  log?: (line: string) => void;
  /** The cold-start tracker (default: the process's). */
  coldStart?: ColdStart;
  /** Instrument outbound HTTP(S), fetch and AWS calls (default true; once per process). */
  instrumentOutbound?: boolean;
  /** Replaces the payload scrubber (custom redaction; tests use it to force a failure). */
  scrub?: (value: unknown, options: ScrubOptions) => string;
}

export type Outcome = { value: unknown } | { error: unknown } | { streamed: true };

/** One invocation in progress. */
export interface Run {
  readonly inv: Invocation;
  readonly event: unknown;
  timer: ReturnType<typeof setTimeout> | undefined;
  /** Set once the spans have been handed to the exporter. */
  flushed: Promise<void> | undefined;
}

const stderrLine = (line: string): void => {
  process.stderr.write(`${line}\n`);
};
const ignore = (): void => undefined;

export class Tracer {
  private resource: TracerAttributes | undefined;

  private constructor(
    readonly config: TracerConfig,
    private readonly env: Env,
    private readonly exporter: Exporter,
    private readonly coldStart: ColdStart,
    private readonly scrub: (value: unknown, options: ScrubOptions) => string,
  ) {}

  /** Undefined when tracing is off (no endpoint, or disabled). */
  static create(options: TracerOptions, defaultEnv: () => Env): Tracer | undefined {
    const log = options.log ?? stderrLine;
    const env = options.env ?? defaultEnv();
    const fromEnv = readConfig(env, log);
    const config = {
      ...fromEnv,
      ...definedOnly({
        endpoint: options.endpoint,
        token: options.token,
        capturePayloads: options.capturePayloads,
        captureConsole: options.captureConsole,
        maxFieldBytes: options.maxFieldBytes,
        userIdPaths: options.userIdPaths,
        userTierPaths: options.userTierPaths,
        exportTimeoutMs: options.exportTimeoutMs,
        disabled: options.disabled,
      }),
      secretPatterns: [...fromEnv.secretPatterns, ...(options.secretPatterns ?? [])],
    };
    if (config.disabled || config.endpoint === undefined) return undefined;
    if (options.instrumentOutbound !== false) instrumentOutbound(config.endpoint);
    installOtelBridge(env, log);
    if (config.captureConsole) installConsoleCapture();
    const exporter = new Exporter({ endpoint: config.endpoint, token: config.token, timeoutMs: config.exportTimeoutMs, breaker: options.breaker, scope: SCOPE, log });
    return new Tracer(config, env, exporter, options.coldStart ?? processColdStart, options.scrub ?? scrubPayload);
  }

  /** Starts an invocation; undefined if that fails (the handler then runs untraced). */
  begin(event: unknown, context: unknown): Run | undefined {
    try {
      const ctx = readLambdaContext(context);
      const coldStart = this.coldStart.take(readEnv(this.env, 'AWS_LAMBDA_INITIALIZATION_TYPE'));
      const inv = new Invocation(rootSpanStart({ event, context: ctx, env: this.env, userIdPaths: this.config.userIdPaths, userTierPaths: this.config.userTierPaths, coldStart }));
      const run: Run = { inv, event, timer: undefined, flushed: undefined };
      if (this.config.captureConsole) captureConsoleOf(inv);
      if (ctx.remainingMs !== undefined) {
        run.timer = setTimeout(() => this.timeout(run), timeoutDelayMs(ctx.remainingMs));
        run.timer.unref();
      }
      return run;
    } catch {
      return undefined;
    }
  }

  /** Records the outcome, ends the spans and exports them (bounded). Never rejects; idempotent. */
  finish(run: Run, outcome: Outcome): Promise<void> {
    if (run.flushed !== undefined) return run.flushed;
    try {
      if (run.timer !== undefined) clearTimeout(run.timer);
      const failed = 'error' in outcome;
      this.captureInput(run, failed);
      if ('error' in outcome) {
        safely(() => run.inv.recordException(outcome.error, Math.max(this.config.maxFieldBytes, ERROR_MAX_FIELD_BYTES)));
      } else if ('value' in outcome) {
        safely(() => this.recordResponse(run, outcome.value));
      } else {
        run.inv.attributes['nightjar.response.streaming'] = true;
      }
      run.inv.attributes['nightjar.invocation.status'] = run.inv.status.code === 'error' ? 'error' : 'success';
    } catch {
      // the spans are still exported with what was recorded
    }
    return this.flush(run);
  }

  /** The timeout timer: mark the invocation, close open child spans as unfinished, flush now. */
  private timeout(run: Run): void {
    if (run.flushed !== undefined) return;
    try {
      run.inv.attributes['nightjar.invocation.status'] = 'timeout';
      run.inv.status = { code: 'error', message: 'invocation about to time out' };
      this.captureInput(run, true);
    } catch {
      // flush what there is
    }
    void this.flush(run);
  }

  private flush(run: Run): Promise<void> {
    try {
      const lines = takeConsoleLines(run.inv);
      if (lines !== undefined && lines.dropped > 0) run.inv.attributes['nightjar.console.dropped'] = lines.dropped;
      const spans = run.inv.end();
      run.flushed = this.exporter.export(spans, this.resourceAttributes(), lines?.records).then(ignore, ignore);
    } catch {
      run.flushed = Promise.resolve();
    }
    return run.flushed;
  }

  private resourceAttributes(): TracerAttributes {
    if (this.resource === undefined) {
      try {
        this.resource = resourceAttributes(this.env, this.config.secretPatterns);
      } catch {
        this.resource = { 'cloud.provider': 'aws', 'cloud.platform': 'aws_lambda' };
      }
    }
    return this.resource;
  }

  private payload(value: unknown, failed: boolean): string {
    try {
      const maxFieldBytes = failed ? Math.max(this.config.maxFieldBytes, ERROR_MAX_FIELD_BYTES) : this.config.maxFieldBytes;
      return this.scrub(value, { maxFieldBytes, secretPatterns: this.config.secretPatterns });
    } catch {
      return SCRUB_FAILED;
    }
  }

  private captureInput(run: Run, failed: boolean): void {
    if (this.config.capturePayloads) run.inv.attributes['nightjar.input'] = this.payload(run.event, failed);
  }

  private recordResponse(run: Run, value: unknown): void {
    if (this.config.capturePayloads) run.inv.attributes['nightjar.output'] = this.payload(value, false);
    if (typeof value !== 'object' || value === null) return;
    const status: unknown = (value as Record<string, unknown>)['statusCode'];
    if (typeof status !== 'number' || !Number.isInteger(status)) return;
    run.inv.attributes['http.response.status_code'] = status;
    if (status >= 500) run.inv.status = { code: 'error', message: `HTTP ${status}` };
  }
}

function safely(f: () => void): void {
  try {
    f();
  } catch {
    // recorded as far as it went
  }
}

function readEnv(env: Env, name: string): string | undefined {
  try {
    const v = env[name];
    return typeof v === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}

function definedOnly<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] !== undefined) out[k] = o[k];
  return out;
}
