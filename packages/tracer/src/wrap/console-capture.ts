// Console output attributed to the invocation. The console methods in place at the first wrap()
// (in Lambda: the runtime's, which prefix each line with time, request id and level) are wrapped
// once per process: the original is called first, with the same `this` and arguments, and its
// result or error is what the caller gets; only then, inside an invocation that captures console
// output, the line is recorded (formatted like util.format, secrets masked, bounded). Recording
// never throws.
import { format } from 'node:util';
import type { TracerLogRecord, TracerSeverityText } from '../otlp/encode-logs.ts';
import { otelActiveSpanId } from './active-span.ts';
import { currentInvocation } from './current.ts';
import { nowNs } from './ids.ts';
import type { Invocation } from './invocation.ts';
import { maskDanglingJwt, maskSecrets } from '../scrub/mask-string.ts';
import { truncationMarker, utf8Prefix } from '../scrub/truncate.ts';

/** Bytes of one recorded line's body (longer ones are cut, with a marker). */
export const MAX_LINE_BYTES = 8192;
/** Lines recorded per invocation (later ones are counted as dropped). */
export const MAX_LINES = 1000;
/** Body bytes recorded per invocation. */
export const MAX_INVOCATION_BYTES = 256 * 1024;
const FORMAT_FAILED = '[nightjar: the console arguments could not be formatted]';

type Method = 'log' | 'info' | 'warn' | 'error' | 'debug' | 'trace';
const METHODS: readonly (readonly [Method, TracerSeverityText, 'stdout' | 'stderr'])[] = [
  ['log', 'INFO', 'stdout'],
  ['info', 'INFO', 'stdout'],
  ['debug', 'DEBUG', 'stdout'],
  ['warn', 'WARN', 'stderr'],
  ['error', 'ERROR', 'stderr'],
  ['trace', 'TRACE', 'stderr'],
];

/** The lines of one invocation. */
export class ConsoleLines {
  readonly records: TracerLogRecord[] = [];
  dropped = 0;
  private bytes = 0;

  constructor(private readonly requestId: string | undefined) {}

  add(inv: Invocation, severityText: TracerSeverityText, stream: string, args: unknown[]): void {
    if (this.records.length >= MAX_LINES || this.bytes >= MAX_INVOCATION_BYTES) {
      this.dropped++;
      return;
    }
    const timeNs = nowNs();
    const body = lineBody(args);
    this.bytes += Buffer.byteLength(body);
    const attributes: TracerLogRecord['attributes'] = { 'log.iostream': stream };
    if (this.requestId !== undefined) attributes['faas.invocation_id'] = this.requestId;
    this.records.push({ timeNs, severityText, body, traceId: inv.traceId, spanId: currentSpanId(inv), attributes });
  }
}

const lines = new WeakMap<Invocation, ConsoleLines>();

/** Starts recording the console lines of `inv` (never throws). */
export function captureConsoleOf(inv: Invocation): void {
  try {
    installConsoleCapture();
    const id = inv.attributes['faas.invocation_id'];
    lines.set(inv, new ConsoleLines(typeof id === 'string' && id !== '' ? id : undefined));
  } catch {
    // the invocation is traced without its console lines
  }
}

/** The lines recorded for `inv` (and stops recording them); undefined when it captured none. */
export function takeConsoleLines(inv: Invocation): ConsoleLines | undefined {
  try {
    const l = lines.get(inv);
    lines.delete(inv);
    return l;
  } catch {
    return undefined;
  }
}

let installed = false;
let recording = false;
/** Wrapped console calls in progress (the original is running). */
let depth = 0;

/** Wraps the console methods once per process. */
export function installConsoleCapture(): void {
  if (installed) return;
  installed = true;
  for (const [name, severity, stream] of METHODS) {
    try {
      const original: unknown = console[name];
      if (typeof original !== 'function') continue;
      const call = original as (...args: unknown[]) => unknown;
      const wrapped = function (this: unknown, ...args: unknown[]): unknown {
        let result: unknown;
        depth++;
        try {
          result = call.apply(this, args);
        } finally {
          depth--;
        }
        // A console method called by another one (console.trace prints through this.error) is the outer call's line.
        if (depth === 0) record(severity, stream, args);
        return result;
      };
      Object.defineProperty(wrapped, 'name', { value: call.name });
      Object.defineProperty(wrapped, 'length', { value: call.length });
      console[name] = wrapped as Console[Method];
    } catch {
      // that method is left as it is
    }
  }
}

function record(severity: TracerSeverityText, stream: string, args: unknown[]): void {
  if (recording) return; // a line printed while formatting one (a custom inspect logging) is not recorded
  recording = true;
  try {
    const inv = currentInvocation.getStore();
    if (inv === undefined || inv.ended) return;
    lines.get(inv)?.add(inv, severity, stream, args);
  } catch {
    // the line is printed, not recorded
  } finally {
    recording = false;
  }
}

/** util.format of the arguments, secret-shaped text masked, cut to MAX_LINE_BYTES. */
export function lineBody(args: unknown[]): string {
  let text: string;
  try {
    text = format(...args);
  } catch {
    return FORMAT_FAILED;
  }
  try {
    const head = text.length > MAX_LINE_BYTES + 512 ? text.slice(0, MAX_LINE_BYTES + 512) : text;
    const masked = maskSecrets(head);
    const maskedBytes = Buffer.byteLength(masked);
    if (head === text && maskedBytes <= MAX_LINE_BYTES) return masked;
    const kept = maskDanglingJwt(utf8Prefix(masked, MAX_LINE_BYTES));
    const rest = head === text ? 0 : Buffer.byteLength(text) - Buffer.byteLength(head);
    return kept + truncationMarker(maskedBytes - Buffer.byteLength(kept) + rest);
  } catch {
    return FORMAT_FAILED;
  }
}

/** The active span of `inv`: the OpenTelemetry API's active span when it is in this trace, else the root span. */
function currentSpanId(inv: Invocation): string {
  const id = otelActiveSpanId(inv.traceId);
  return id ?? inv.spanId;
}
