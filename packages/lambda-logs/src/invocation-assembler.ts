// From the lines of one log stream (or one Telemetry API batch), in time order: which invocation each
// line belongs to, and what the lines say about each invocation as partial InvocationRows.
//
// Attribution: a line naming a request id belongs to it. Other lines belong to the invocation between
// START and its REPORT (one sandbox runs one invocation at a time). Lines before any START, or between a
// REPORT and the next START, are init-phase lines of the next START's invocation; lines seen before the
// END/REPORT of an invocation whose START is not in this batch belong to that invocation.
import { blankInvocation, type InvocationRow, type InvocationSource, type InvocationStatus } from '@nightjar/model';
import type { AppError, ParsedLine } from './parsed-line.ts';
import { explicitRequestId } from './parsed-line.ts';
import { isFailedPhase, isInitErrorType, statusFromErrorType, statusFromPlatform, worseStatus } from './status.ts';
import { estimateCostUsd } from './cost.ts';
import type { Architecture } from './cost.ts';
import { compareNs, subtractMsFromNs } from './iso-time.ts';

export interface AssembleContext {
  project: string;
  function: string;
  region: string | null;
  architecture: Architecture | null;
  /** Version for rows whose START is not in the batch (the Telemetry API knows it from the environment). */
  defaultVersion: string | null;
  /** False for logs that are not Lambda's: attribute lines, but make no invocation rows. */
  emitInvocations: boolean;
  sourceOf(line: ParsedLine): InvocationSource;
}

export interface AssembleResult {
  /** The invocation each line belongs to ('' when unknown), by input index. */
  requestIds: string[];
  invocations: InvocationRow[];
  /** OTel trace id per request id, when some line carried the X-Ray trace. */
  traceIds: Map<string, string>;
}

/** Error details, kept from the most telling source: runtime error records over platform lines. */
const PRIORITY_APP = 3;
const PRIORITY_PLATFORM = 2;

interface Acc {
  row: InvocationRow;
  ended: boolean;
  killed: boolean;
  errorPriority: number;
  weak: AppError | null;
}

function emptyRow(ctx: AssembleContext, requestId: string, source: InvocationSource): InvocationRow {
  return {
    ...blankInvocation({ project: ctx.project, function: ctx.function, requestId, source }),
    version: ctx.defaultVersion,
    region: ctx.region,
    architecture: ctx.architecture,
  };
}

function maxOf(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.max(a, b);
}

function minNs(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return compareNs(a, b) <= 0 ? a : b;
}

function setError(acc: Acc, priority: number, errorType: string | null, errorMessage: string | null): void {
  if (errorType === null && errorMessage === null) return;
  if (priority <= acc.errorPriority) return;
  acc.errorPriority = priority;
  acc.row.errorType = errorType;
  acc.row.errorMessage = errorMessage;
}

function attribute(lines: ParsedLine[]): { requestIds: (string | null)[]; initPhase: boolean[] } {
  const requestIds: (string | null)[] = lines.map(() => null);
  const initPhase: boolean[] = lines.map(() => false);
  const started = new Set<string>();
  let open: string | null = null;
  let pending: number[] = [];
  const flush = (id: string, init: boolean): void => {
    for (const i of pending) {
      requestIds[i] = id;
      initPhase[i] = init;
    }
    pending = [];
  };
  lines.forEach((line, i) => {
    const id = explicitRequestId(line);
    switch (line.kind) {
      case 'start':
        flush(line.requestId, true);
        started.add(line.requestId);
        open = line.requestId;
        requestIds[i] = line.requestId;
        return;
      case 'end':
      case 'runtime-done':
        if (!started.has(line.requestId)) flush(line.requestId, false);
        open = line.requestId;
        requestIds[i] = line.requestId;
        return;
      case 'report':
        if (!started.has(line.requestId)) flush(line.requestId, false);
        if (open === line.requestId) open = null;
        requestIds[i] = line.requestId;
        return;
      default:
        if (id !== null) requestIds[i] = id;
        else if (open !== null) requestIds[i] = open;
        else pending.push(i);
    }
  });
  return { requestIds, initPhase };
}

/** Attribute lines and build the invocation partials they describe. */
export function assembleInvocations(
  entries: { line: ParsedLine; timeNs: string }[],
  ctx: AssembleContext,
): AssembleResult {
  const { requestIds, initPhase } = attribute(entries.map((e) => e.line));
  const accs = new Map<string, Acc>();
  const order: string[] = [];
  const acc = (requestId: string, line: ParsedLine): Acc => {
    const source = ctx.sourceOf(line);
    const key = `${requestId}\u0000${source}`;
    let found = accs.get(key);
    if (found === undefined) {
      found = { row: emptyRow(ctx, requestId, source), ended: false, killed: false, errorPriority: 0, weak: null };
      accs.set(key, found);
      order.push(key);
    }
    return found;
  };
  const traceIds = new Map<string, string>();

  entries.forEach(({ line, timeNs }, i) => {
    const requestId = requestIds[i];
    if (requestId === null || requestId === undefined) return;
    switch (line.kind) {
      case 'start': {
        const a = acc(requestId, line);
        if (line.version !== null) a.row.version = line.version;
        a.row.startNs = minNs(a.row.startNs, timeNs);
        if (line.traceId !== null) a.row.traceId = line.traceId;
        return;
      }
      case 'end':
        acc(requestId, line).ended = true;
        return;
      case 'runtime-done': {
        const a = acc(requestId, line);
        a.ended = true;
        a.row.status = worseStatus(a.row.status, statusFromPlatform(line.status, line.errorType, false));
        if (line.status !== null && line.status !== 'success') setError(a, PRIORITY_PLATFORM, line.errorType, null);
        if (line.traceId !== null) a.row.traceId = line.traceId;
        return;
      }
      case 'report': {
        const a = acc(requestId, line);
        const r = line.report;
        const row = a.row;
        a.ended = true;
        row.durationMs = maxOf(row.durationMs, r.durationMs);
        row.billedDurationMs = maxOf(row.billedDurationMs, r.billedDurationMs);
        row.memorySizeMb = maxOf(row.memorySizeMb, r.memorySizeMb);
        row.maxMemoryUsedMb = maxOf(row.maxMemoryUsedMb, r.maxMemoryUsedMb);
        row.initDurationMs = maxOf(row.initDurationMs, r.initDurationMs);
        row.restoreDurationMs = maxOf(row.restoreDurationMs, r.restoreDurationMs);
        const cold = r.initDurationMs !== null || r.restoreDurationMs !== null;
        if (cold) row.coldStart = true;
        else if (row.coldStart === null && r.billedDurationMs !== null) row.coldStart = false;
        const memoryFull = r.memorySizeMb !== null && r.maxMemoryUsedMb !== null && r.maxMemoryUsedMb >= r.memorySizeMb;
        row.status = worseStatus(row.status, statusFromPlatform(r.status, r.errorType, memoryFull));
        if (r.status !== null && r.status !== 'success') setError(a, PRIORITY_PLATFORM, r.errorType, null);
        if (r.traceId !== null) row.traceId = r.traceId;
        if (r.durationMs !== null) row.startNs = minNs(row.startNs, subtractMsFromNs(timeNs, r.durationMs));
        if (r.billedDurationMs !== null && r.memorySizeMb !== null) {
          row.costUsd = estimateCostUsd({
            billedDurationMs: r.billedDurationMs,
            memorySizeMb: r.memorySizeMb,
            architecture: ctx.architecture,
            billedRestoreDurationMs: r.billedRestoreDurationMs,
          });
        }
        return;
      }
      case 'init-report': {
        const a = acc(requestId, line);
        if (line.initType !== 'provisioned-concurrency' && line.initType !== 'snap-start') {
          a.row.initDurationMs = maxOf(a.row.initDurationMs, line.initDurationMs);
          if (line.initDurationMs !== null || isFailedPhase(line.status)) a.row.coldStart = true;
        }
        if (isFailedPhase(line.status)) {
          a.row.status = worseStatus(a.row.status, 'init_error');
          setError(a, PRIORITY_PLATFORM, line.errorType, `init phase ${line.status ?? 'failed'}${line.phase === null ? '' : ` (${line.phase})`}`);
        }
        return;
      }
      case 'restore-report': {
        const a = acc(requestId, line);
        a.row.restoreDurationMs = maxOf(a.row.restoreDurationMs, line.restoreDurationMs);
        if (line.restoreDurationMs !== null) a.row.coldStart = true;
        if (isFailedPhase(line.status)) {
          a.row.status = worseStatus(a.row.status, 'init_error');
          setError(a, PRIORITY_PLATFORM, line.errorType, `restore phase ${line.status ?? 'failed'}`);
        }
        return;
      }
      case 'timeout': {
        const a = acc(requestId, line);
        a.row.status = worseStatus(a.row.status, 'timeout');
        setError(a, PRIORITY_PLATFORM, null, line.seconds === null ? 'Task timed out' : `Task timed out after ${line.seconds.toFixed(2)} seconds`);
        return;
      }
      case 'runtime-exit': {
        const a = acc(requestId, line);
        const status: InvocationStatus = initPhase[i] ? 'init_error' : statusFromErrorType(line.errorType ?? 'Runtime.ExitError', false);
        a.row.status = worseStatus(a.row.status, status);
        if (/signal: killed/.test(line.errorMessage)) a.killed = true;
        setError(a, PRIORITY_PLATFORM, line.errorType, line.errorMessage);
        return;
      }
      case 'app': {
        if (line.traceId !== null && !traceIds.has(requestId)) traceIds.set(requestId, line.traceId);
        const error = line.error;
        if (error === null) return;
        if (!error.strong) {
          const a = acc(requestId, line);
          if (a.weak === null) a.weak = error;
          return;
        }
        const a = acc(requestId, line);
        const status: InvocationStatus = initPhase[i] || isInitErrorType(error.errorType) ? 'init_error' : 'error';
        a.row.status = worseStatus(a.row.status, status);
        setError(a, PRIORITY_APP, error.errorType, error.errorMessage);
        return;
      }
      default:
        return;
    }
  });

  // Per request: the worst status any row saw, and whether a REPORT says memory ran full.
  const worst = new Map<string, InvocationStatus | null>();
  const memoryFull = new Set<string>();
  for (const a of accs.values()) {
    const r = a.row;
    worst.set(r.requestId, worseStatus(worst.get(r.requestId) ?? null, r.status));
    if (r.memorySizeMb !== null && r.maxMemoryUsedMb !== null && r.maxMemoryUsedMb >= r.memorySizeMb) memoryFull.add(r.requestId);
    if (r.traceId !== null && !traceIds.has(r.requestId)) traceIds.set(r.requestId, r.traceId);
  }

  const invocations: InvocationRow[] = [];
  for (const key of order) {
    const a = accs.get(key);
    if (a === undefined) continue;
    const row = a.row;
    if (a.killed && memoryFull.has(row.requestId) && row.status === 'crash') row.status = 'out_of_memory';
    if (row.status === null && a.ended) row.status = 'success';
    const final = worst.get(row.requestId) ?? null;
    if (a.weak !== null && final !== null && final !== 'success') {
      // An ERROR record shaped like an error explains a failed invocation (JSON log format, where
      // the runtime's record is indistinguishable from one the code wrote).
      if (row.errorType === null && row.errorMessage === null) {
        row.errorType = a.weak.errorType;
        row.errorMessage = a.weak.errorMessage;
      } else if (row.errorMessage === null && (a.weak.errorType === null || a.weak.errorType === row.errorType)) {
        row.errorMessage = a.weak.errorMessage;
      }
    }
    if (isEmpty(row)) continue;
    invocations.push(row);
  }
  return {
    requestIds: requestIds.map((id) => id ?? ''),
    invocations: ctx.emitInvocations ? invocations : [],
    traceIds,
  };
}

/** A row that says nothing beyond its key (e.g. only a weak error of a successful call) is not emitted. */
function isEmpty(row: InvocationRow): boolean {
  return (
    row.startNs === null &&
    row.durationMs === null &&
    row.billedDurationMs === null &&
    row.memorySizeMb === null &&
    row.maxMemoryUsedMb === null &&
    row.initDurationMs === null &&
    row.restoreDurationMs === null &&
    row.coldStart === null &&
    row.status === null &&
    row.errorType === null &&
    row.errorMessage === null &&
    row.traceId === null
  );
}
