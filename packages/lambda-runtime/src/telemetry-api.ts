// The Telemetry API (2022-07-01) subscribe call: PUT /2022-07-01/telemetry from a registered extension.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from './read-body.ts';
import type { SubscriptionSpec, TelemetryCategory, TelemetryHub } from './telemetry-hub.ts';

const PATHS = new Set(['/2022-07-01/telemetry', '/2020-08-15/logs']);
const CATEGORIES = new Set(['platform', 'function', 'extension']);

function reply(res: ServerResponse, status: number, body: unknown): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json' });
  res.end(text);
}

function inRange(value: unknown, min: number, max: number, fallback: number): number | null {
  if (value === undefined) return fallback;
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? value : null;
}

export function isTelemetryPath(path: string): boolean {
  return PATHS.has(path);
}

/** Validate and record a subscription; `nameOf` says which registered extension an id belongs to. */
export async function handleSubscribe(
  req: IncomingMessage,
  res: ServerResponse,
  hub: TelemetryHub,
  nameOf: (id: string | undefined) => string | null,
  onSubscribed: (extensionName: string, types: TelemetryCategory[]) => void,
): Promise<void> {
  const body = await readBody(req, 64 * 1024);
  const idHeader = req.headers['lambda-extension-identifier'];
  const name = nameOf(typeof idHeader === 'string' ? idHeader : undefined);
  if (req.method !== 'PUT') return reply(res, 405, { errorType: 'MethodNotAllowed', errorMessage: 'use PUT' });
  if (name === null) return reply(res, 403, { errorType: 'Extension.InvalidExtensionIdentifier', errorMessage: 'Invalid or missing Lambda-Extension-Identifier' });
  let spec: Record<string, unknown>;
  try {
    spec = JSON.parse(body) as Record<string, unknown>;
  } catch {
    return reply(res, 400, { errorType: 'ValidationError', errorMessage: 'body is not JSON' });
  }
  const destination = spec['destination'] as { protocol?: unknown; URI?: unknown } | undefined;
  const types = spec['types'];
  const buffering = (spec['buffering'] ?? {}) as Record<string, unknown>;
  if (destination?.protocol !== 'HTTP' || typeof destination.URI !== 'string' || !/^http:\/\//.test(destination.URI)) {
    return reply(res, 400, { errorType: 'ValidationError', errorMessage: 'destination must be { protocol: "HTTP", URI: "http://sandbox.localdomain:<port>/..." }' });
  }
  if (!Array.isArray(types) || types.length === 0 || !types.every((t) => typeof t === 'string' && CATEGORIES.has(t))) {
    return reply(res, 400, { errorType: 'ValidationError', errorMessage: 'types must be a non-empty list of platform, function, extension' });
  }
  const maxItems = inRange(buffering['maxItems'], 25, 10_000, 10_000);
  const maxBytes = inRange(buffering['maxBytes'], 262_144, 1_048_576, 262_144);
  const timeoutMs = inRange(buffering['timeoutMs'], 25, 30_000, 1000);
  if (maxItems === null || maxBytes === null || timeoutMs === null) {
    return reply(res, 400, { errorType: 'ValidationError', errorMessage: 'buffering out of range (maxItems 25..10000, maxBytes 262144..1048576, timeoutMs 25..30000)' });
  }
  const categories = types as TelemetryCategory[];
  const subscription: SubscriptionSpec = { uri: destination.URI, types: new Set(categories), maxItems, maxBytes, timeoutMs };
  hub.subscribe(subscription);
  onSubscribed(name, categories);
  reply(res, 200, 'OK');
}
