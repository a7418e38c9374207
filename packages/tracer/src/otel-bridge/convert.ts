// OpenTelemetry values -> the tracer's span model: attributes, times, kinds, statuses.
import type { TracerAttributes, TracerAttributeValue, TracerSpanKind } from '../otlp/span.ts';
import type { SpanStatus } from '../wrap/invocation.ts';

/** OTel attribute values: primitives as they are, arrays (of any primitive) as string arrays. Others: undefined. */
export function attributeValue(v: unknown): TracerAttributeValue | undefined {
  if (typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number') return v;
  if (Array.isArray(v)) return v.map((x: unknown) => (x === null || x === undefined ? '' : String(x)));
  return undefined;
}

export function attributesOf(attrs: unknown): TracerAttributes {
  const out: TracerAttributes = {};
  if (typeof attrs !== 'object' || attrs === null) return out;
  for (const key of Object.keys(attrs)) {
    const v = attributeValue((attrs as Record<string, unknown>)[key]);
    if (v !== undefined) out[key] = v;
  }
  return out;
}

const KINDS: readonly TracerSpanKind[] = ['internal', 'server', 'client', 'producer', 'consumer'];

/** api.SpanKind (INTERNAL=0 ... CONSUMER=4) -> our kind; anything else is internal. */
export function spanKind(kind: unknown): TracerSpanKind {
  return (typeof kind === 'number' ? KINDS[kind] : undefined) ?? 'internal';
}

/** api.SpanStatus ({ code: UNSET=0 | OK=1 | ERROR=2, message? }) -> ours; undefined if unreadable. */
export function spanStatus(status: unknown): SpanStatus | undefined {
  if (typeof status !== 'object' || status === null) return undefined;
  const { code, message } = status as { code?: unknown; message?: unknown };
  const c = code === 1 ? 'ok' : code === 2 ? 'error' : code === 0 ? 'unset' : undefined;
  if (c === undefined) return undefined;
  return typeof message === 'string' && message !== '' ? { code: c, message } : { code: c };
}

function isTimeInput(v: unknown): boolean {
  return typeof v === 'number' || v instanceof Date || (Array.isArray(v) && v.length === 2 && typeof v[0] === 'number' && typeof v[1] === 'number');
}

function msToNs(ms: number): bigint {
  const whole = Math.trunc(ms);
  return BigInt(whole) * 1_000_000n + BigInt(Math.round((ms - whole) * 1e6));
}

/**
 * api.TimeInput -> unix nanoseconds, as the OTel SDK reads it: HrTime [s, ns], a Date, epoch
 * milliseconds, or (a number below the process's time origin) milliseconds of performance.now().
 */
export function timeNs(v: unknown): bigint | undefined {
  try {
    if (!isTimeInput(v)) return undefined;
    if (Array.isArray(v)) return BigInt(Math.trunc(Number(v[0]))) * 1_000_000_000n + BigInt(Math.trunc(Number(v[1])));
    const ms = v instanceof Date ? v.getTime() : (v as number);
    if (!Number.isFinite(ms) || ms < 0) return undefined;
    return msToNs(ms < performance.timeOrigin ? performance.timeOrigin + ms : ms);
  } catch {
    return undefined;
  }
}

/** addEvent(name, attributes?, time?) or addEvent(name, time). */
export function eventArgs(attributesOrTime: unknown, time: unknown): { attributes: TracerAttributes; timeNs: bigint | undefined } {
  if (isTimeInput(attributesOrTime)) return { attributes: {}, timeNs: timeNs(attributesOrTime) };
  return { attributes: attributesOf(attributesOrTime), timeNs: timeNs(time) };
}
