// A thrown value -> the OpenTelemetry `exception` event attributes (secrets masked, bounded).
import type { TracerAttributes } from '../otlp/span.ts';
import { maskSecrets } from '../scrub/mask-string.ts';
import { truncationMarker, utf8Prefix } from '../scrub/truncate.ts';

function bounded(text: string, maxBytes: number): string {
  const masked = maskSecrets(text);
  const size = Buffer.byteLength(masked);
  if (size <= maxBytes) return masked;
  const kept = utf8Prefix(masked, maxBytes);
  return kept + truncationMarker(size - Buffer.byteLength(kept));
}

function read(obj: object, key: string): unknown {
  try {
    return (obj as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}

/** Never throws. */
export function exceptionAttributes(err: unknown, maxBytes: number): TracerAttributes {
  try {
    if (typeof err === 'object' && err !== null) {
      const name = read(err, 'name');
      const message = read(err, 'message');
      const stack = read(err, 'stack');
      let type = typeof name === 'string' && name !== '' ? name : '';
      if (type === '') {
        const ctor = read(err, 'constructor');
        type = typeof ctor === 'function' && ctor.name !== '' ? ctor.name : 'Error';
      }
      return {
        'exception.type': bounded(type, 256),
        'exception.message': bounded(typeof message === 'string' ? message : '', maxBytes),
        'exception.stacktrace': typeof stack === 'string' ? bounded(stack, maxBytes) : undefined,
      };
    }
    return { 'exception.type': typeof err, 'exception.message': bounded(String(err), maxBytes) };
  } catch {
    return { 'exception.type': 'unknown', 'exception.message': '[nightjar: the error could not be read]' };
  }
}

/** The status message of a failed span: the exception's message or type. */
export function errorMessage(attrs: TracerAttributes): string {
  const m = attrs['exception.message'];
  const t = attrs['exception.type'];
  return typeof m === 'string' && m !== '' ? m : typeof t === 'string' ? t : 'error';
}
