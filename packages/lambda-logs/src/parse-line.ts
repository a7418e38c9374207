// One log line (a CloudWatch log event's message) in either Lambda log format -> what it says.
import type { ParsedLine } from './parsed-line.ts';
import { parsePlatformText } from './platform-text.ts';
import { parseRuntimeText } from './runtime-text.ts';
import { isJsonObject, jsonAppLine, safeStringify } from './json-app-line.ts';
import { platformRecordToLine } from './platform-record.ts';

/** Objects larger than this are kept as text rather than parsed (a log line is at most 256 KB). */
const MAX_JSON_CHARS = 1_048_576;

function parseJsonLine(text: string): ParsedLine | null {
  if (text.length > MAX_JSON_CHARS) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isJsonObject(value)) return null;
  const type = value['type'];
  if (typeof type === 'string' && type.startsWith('platform.') && Object.hasOwn(value, 'record')) {
    const result = platformRecordToLine(type, value['record']);
    if ('line' in result) return result.line;
  }
  return jsonAppLine(value);
}

/** What a log line says. Total: any string gives a result (unknown text is a plain app line). */
export function parseLogLine(message: string): ParsedLine {
  const text = typeof message === 'string' ? message : safeStringify(message);
  const trimmed = text.trim();
  if (trimmed.startsWith('{') && trimmed.endsWith('}')) {
    const json = parseJsonLine(trimmed);
    if (json !== null) return json;
  }
  return parsePlatformText(text) ?? parseRuntimeText(text);
}

/** A function/extension record (never a platform line): text through the runtime formats, objects as JSON. */
export function parseAppRecord(record: unknown): ParsedLine {
  if (isJsonObject(record)) return jsonAppLine(record);
  const text = typeof record === 'string' ? record : safeStringify(record);
  const trimmed = text.trim();
  if (trimmed.startsWith('{') && trimmed.endsWith('}') && trimmed.length <= MAX_JSON_CHARS) {
    try {
      const value: unknown = JSON.parse(trimmed);
      if (isJsonObject(value)) return jsonAppLine(value);
    } catch {
      // not JSON after all: plain text below
    }
  }
  return parseRuntimeText(text);
}
