// Text lines written through a Lambda runtime: Node.js ("<iso>\t<requestId>\t<LEVEL>\t<message>"),
// Python ("[LEVEL]\t<iso>\t<requestId>\t<message>"), the runtimes' own error records (Node's
// "Invoke Error", "Uncaught Exception", "Unhandled Promise Rejection"; Python's "[ERROR] Type: message"
// + traceback) and anything else (plain text, attributed later by position).
import type { AppError, AppLine } from './parsed-line.ts';
import { isJsonObject } from './json-app-line.ts';

const ISO = '\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?Z';
const NODE = new RegExp(`^(${ISO})\\t([^\\t\\n\\r]{0,128})\\t(TRACE|DEBUG|INFO|WARN|ERROR|FATAL)\\t`);
const NODE_NO_LEVEL = new RegExp(`^(${ISO})\\t([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|undefined)\\t`);
const PYTHON = /^\[(TRACE|DEBUG|INFO|WARNING|WARN|ERROR|CRITICAL|FATAL)\]\t([^\t\n\r]{0,64})\t([^\t\n\r]{0,128})\t/;
const PYTHON_ERROR = /^\[ERROR\] (\S[^\r\n]*)/;
/** "<timestamp> <uuid> [LEVEL] message" as Java (log4j) and custom runtimes often print. */
const PLAIN_WITH_ID =
  /^(?:\d{4}-\d{2}-\d{2}[T ][\d:.,]{8,18}Z?\s+)?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\s+(?:(TRACE|DEBUG|INFO|WARN|WARNING|ERROR|FATAL)\b\s*)?/;
const NODE_ERROR_MARKER = /^(Invoke Error|Uncaught Exception|Unhandled Promise Rejection)\s?\t?/;
const ERROR_TYPE = /^[A-Za-z_][\w.$]{0,127}$/;
const MAX_ERROR_MESSAGE = 4096;

/** \r\n and \r (Lambda turns newlines of a record into \r) -> \n, and no trailing whitespace. */
export function normaliseBody(text: string): string {
  return text.replace(/\r\n?/g, '\n').trimEnd();
}

function requestIdOrNull(value: string | undefined): string | null {
  if (value === undefined) return null;
  const id = value.trim();
  return id === '' || id === 'undefined' || id === 'null' ? null : id;
}

function clip(text: string): string {
  return text.length > MAX_ERROR_MESSAGE ? text.slice(0, MAX_ERROR_MESSAGE) : text;
}

/** Node's "Invoke Error \t{json}" and friends: the runtime's record of a failed invocation. */
function nodeError(message: string): AppError | null {
  const m = NODE_ERROR_MARKER.exec(message);
  if (!m) return null;
  const rest = message.slice(m[0].length).trim();
  let errorType: string | null = null;
  let errorMessage: string | null = null;
  try {
    const parsed: unknown = JSON.parse(rest);
    if (isJsonObject(parsed)) {
      if (typeof parsed['errorType'] === 'string') errorType = parsed['errorType'];
      if (typeof parsed['errorMessage'] === 'string') errorMessage = clip(parsed['errorMessage']);
    }
  } catch {
    errorMessage = rest === '' ? null : clip(rest.split('\n', 1)[0] ?? rest);
  }
  return { errorType, errorMessage, strong: true };
}

/** "KeyError: 'x'" -> type KeyError, message "'x'"; "Runtime.ImportModuleError: Unable to ..." too. */
function pythonError(firstLine: string): AppError {
  const colon = firstLine.indexOf(': ');
  if (colon > 0 && ERROR_TYPE.test(firstLine.slice(0, colon))) {
    return { errorType: firstLine.slice(0, colon), errorMessage: clip(firstLine.slice(colon + 2).trim()), strong: true };
  }
  const whole = firstLine.trim();
  if (ERROR_TYPE.test(whole)) return { errorType: whole, errorMessage: null, strong: true };
  return { errorType: null, errorMessage: clip(whole), strong: true };
}

/** An application line from runtime-formatted (or plain) text. Never fails: unknown text is 'plain'. */
export function parseRuntimeText(text: string): AppLine {
  const node = NODE.exec(text);
  if (node) {
    const message = normaliseBody(text.slice(node[0].length));
    const level = node[3] ?? null;
    return {
      kind: 'app',
      format: 'node',
      requestId: requestIdOrNull(node[2]),
      level,
      body: message,
      attributes: {},
      traceId: null,
      error: level === 'ERROR' ? nodeError(message) : null,
    };
  }
  const python = PYTHON.exec(text);
  if (python) {
    return {
      kind: 'app',
      format: 'python',
      requestId: requestIdOrNull(python[3]),
      level: python[1] ?? null,
      body: normaliseBody(text.slice(python[0].length)),
      attributes: {},
      traceId: null,
      error: null,
    };
  }
  const pyError = PYTHON_ERROR.exec(text);
  if (pyError) {
    return {
      kind: 'app',
      format: 'python',
      requestId: null,
      level: 'ERROR',
      body: normaliseBody(text),
      attributes: {},
      traceId: null,
      error: pythonError(pyError[1] ?? ''),
    };
  }
  const oldNode = NODE_NO_LEVEL.exec(text);
  if (oldNode) {
    return {
      kind: 'app',
      format: 'node',
      requestId: requestIdOrNull(oldNode[2]),
      level: null,
      body: normaliseBody(text.slice(oldNode[0].length)),
      attributes: {},
      traceId: null,
      error: null,
    };
  }
  const plain = PLAIN_WITH_ID.exec(text.slice(0, 256));
  if (plain) {
    return {
      kind: 'app',
      format: 'plain',
      requestId: plain[1] ?? null,
      level: plain[2] ?? null,
      body: normaliseBody(text),
      attributes: {},
      traceId: null,
      error: null,
    };
  }
  return { kind: 'app', format: 'plain', requestId: null, level: null, body: normaliseBody(text), attributes: {}, traceId: null, error: null };
}
