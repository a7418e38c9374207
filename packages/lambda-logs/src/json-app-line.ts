// Structured JSON application logs: Lambda's JSON log format ({timestamp, level, requestId, message})
// and the common logger shapes (Powertools, pino, structlog): level -> severity, message -> body,
// every other field -> an attribute.
import type { Attributes } from '@nightjar/model';
import type { AppError, AppLine } from './parsed-line.ts';
import { normaliseTraceId } from './xray.ts';

const MESSAGE_KEYS = ['message', 'msg'];
const LEVEL_KEYS = ['level', 'levelname', 'severity', 'log.level', 'log_level', 'lvl'];
const REQUEST_ID_KEYS = ['requestId', 'request_id', 'function_request_id', 'aws_request_id', 'awsRequestId', 'AWSRequestId'];
const TRACE_KEYS = ['xray_trace_id', 'traceId', 'trace_id', 'xrayTraceId'];
const MAX_ATTRIBUTE_CHARS = 16384;

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** JSON text of a value, never throwing (BigInt, cycles, objects without prototype -> a plain description). */
export function safeStringify(value: unknown): string {
  try {
    const text = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
    if (text !== undefined) return text;
  } catch {
    // a cycle or a throwing toJSON: described below
  }
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

function attributeValue(value: unknown): string {
  const text = typeof value === 'string' ? value : safeStringify(value);
  return text.length > MAX_ATTRIBUTE_CHARS ? text.slice(0, MAX_ATTRIBUTE_CHARS) : text;
}

function pick(obj: JsonObject, keys: string[]): [string, unknown] | null {
  for (const key of keys) if (Object.hasOwn(obj, key) && obj[key] !== null && obj[key] !== undefined) return [key, obj[key]];
  return null;
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function errorFields(obj: JsonObject): { errorType: string | null; errorMessage: string | null } | null {
  const errorType = stringOrNull(obj['errorType']);
  const errorMessage = typeof obj['errorMessage'] === 'string' ? obj['errorMessage'] : null;
  return errorType === null && errorMessage === null ? null : { errorType, errorMessage };
}

/**
 * The error an ERROR record carries. The runtime's own record (Python's {errorMessage, errorType,
 * requestId, stackTrace} with no "message") is strong; an Error logged by code is weak.
 */
function errorOf(obj: JsonObject, level: string | null): AppError | null {
  const top = errorFields(obj);
  if (top !== null && !Object.hasOwn(obj, 'message') && (Object.hasOwn(obj, 'stackTrace') || level === 'ERROR')) {
    return { ...top, strong: true };
  }
  if (level !== 'ERROR' && level !== 'FATAL' && level !== 'CRITICAL') return null;
  const nested = isJsonObject(obj['message']) ? errorFields(obj['message']) : null;
  const found = top ?? nested;
  return found === null ? null : { ...found, strong: false };
}

/** An application record from a parsed JSON object (a function log line in JSON format). */
export function jsonAppLine(obj: JsonObject): AppLine {
  const message = pick(obj, MESSAGE_KEYS);
  const level = pick(obj, LEVEL_KEYS);
  const requestId = pick(obj, REQUEST_ID_KEYS);
  const trace = pick(obj, TRACE_KEYS);
  const attributes: Attributes = {};
  for (const [key, value] of Object.entries(obj)) {
    if (key === message?.[0] || key === level?.[0]) continue;
    if (value === undefined) continue;
    attributes[key] = attributeValue(value);
  }
  const levelValue = level === null ? null : typeof level[1] === 'number' ? level[1] : typeof level[1] === 'string' ? level[1] : null;
  const levelText = typeof levelValue === 'string' ? levelValue.toUpperCase() : null;
  let body: string;
  if (message === null) body = safeStringify(obj);
  else body = typeof message[1] === 'string' ? message[1] : safeStringify(message[1]);
  return {
    kind: 'app',
    format: 'json',
    requestId: requestId !== null && typeof requestId[1] === 'string' && requestId[1] !== '' ? requestId[1] : null,
    level: levelValue,
    body,
    attributes,
    traceId: trace !== null && typeof trace[1] === 'string' ? normaliseTraceId(trace[1]) : null,
    error: errorOf(obj, levelText),
  };
}
