// CloudWatch Logs subscription payloads (what a subscription filter delivers, gzip-compressed, to
// Firehose) and their validation.
import { isJsonObject } from './json-app-line.ts';

export interface CloudWatchLogEvent {
  id: string;
  /** Milliseconds since the epoch. */
  timestamp: number;
  message: string;
}

export interface CloudWatchLogsPayload {
  messageType: 'DATA_MESSAGE' | 'CONTROL_MESSAGE';
  owner: string;
  logGroup: string;
  logStream: string;
  subscriptionFilters: string[];
  logEvents: CloudWatchLogEvent[];
}

/** Later than any real log time (year 5138); rejects garbage timestamps. */
const MAX_TIMESTAMP_MS = 100_000_000_000_000;

/** The event, or why it is not one. */
export function validateLogEvent(value: unknown): CloudWatchLogEvent | string {
  if (!isJsonObject(value)) return 'log event is not an object';
  const { id, timestamp, message } = value;
  if (typeof message !== 'string') return 'log event has no string message';
  if (typeof timestamp !== 'number' || !Number.isFinite(timestamp) || timestamp < 0 || timestamp >= MAX_TIMESTAMP_MS) {
    return 'log event has no valid timestamp';
  }
  if (id !== undefined && typeof id !== 'string') return 'log event id is not a string';
  return { id: id ?? '', timestamp, message };
}

/** The payload's envelope (events unchecked), or why it is not a subscription payload. */
export function validatePayloadEnvelope(
  value: unknown,
): (Omit<CloudWatchLogsPayload, 'logEvents'> & { logEvents: unknown[] }) | string {
  if (!isJsonObject(value)) return 'payload is not a JSON object';
  const { messageType, owner, logGroup, logStream, subscriptionFilters, logEvents } = value;
  if (messageType !== 'DATA_MESSAGE' && messageType !== 'CONTROL_MESSAGE') {
    return typeof messageType === 'string' ? `unknown messageType ${messageType.slice(0, 64)}` : 'payload has no messageType';
  }
  if (!Array.isArray(logEvents)) return 'payload has no logEvents array';
  if (messageType === 'DATA_MESSAGE' && (typeof logGroup !== 'string' || logGroup === '')) return 'payload has no logGroup';
  if (messageType === 'DATA_MESSAGE' && typeof logStream !== 'string') return 'payload has no logStream';
  const filters = Array.isArray(subscriptionFilters) ? subscriptionFilters.filter((f): f is string => typeof f === 'string') : [];
  return {
    messageType,
    owner: typeof owner === 'string' ? owner : '',
    logGroup: typeof logGroup === 'string' ? logGroup : '',
    logStream: typeof logStream === 'string' ? logStream : '',
    subscriptionFilters: filters,
    logEvents,
  };
}

/** The whole payload, events included, or why it is not valid. */
export function validatePayload(value: unknown): CloudWatchLogsPayload | string {
  const envelope = validatePayloadEnvelope(value);
  if (typeof envelope === 'string') return envelope;
  const events: CloudWatchLogEvent[] = [];
  for (let i = 0; i < envelope.logEvents.length; i++) {
    const event = validateLogEvent(envelope.logEvents[i]);
    if (typeof event === 'string') return `logEvents[${i}]: ${event}`;
    events.push(event);
  }
  return { ...envelope, logEvents: events };
}
