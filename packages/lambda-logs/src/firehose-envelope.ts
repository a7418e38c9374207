// The Firehose HTTP endpoint delivery contract (protocol version 1.0):
//   request body  { "requestId": "<guid>", "timestamp": <ms>, "records": [ { "data": "<base64>" }, ... ] }
//   response body { "requestId": "<same guid>", "timestamp": <ms>, "errorMessage"?: "<why>" }
// A body that is not such an envelope is the sender's fault: FirehoseEnvelopeError (answer 400).
import { gunzipBounded, isGzip } from './gunzip.ts';
import { isJsonObject } from './json-app-line.ts';

export interface FirehoseRequest {
  requestId: string;
  /** When Firehose sent the request, ms since the epoch. */
  timestamp: number;
  /** The records' base64 `data`, in order. */
  records: string[];
}

export class FirehoseEnvelopeError extends Error {
  /** The request's id when it could be read, so the 400 answer can still echo it. */
  readonly requestId: string | null;
  constructor(message: string, requestId: string | null = null) {
    super(message);
    this.name = 'FirehoseEnvelopeError';
    this.requestId = requestId;
  }
}

export interface EnvelopeOptions {
  /** Cap on a gzip-encoded body's decompressed size (Content-Encoding: gzip). Default 64 MiB. */
  maxDecompressedBytes?: number;
}

const DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024;

function bodyText(body: Uint8Array | string, options: EnvelopeOptions): string {
  if (typeof body === 'string') return body;
  if (!(body instanceof Uint8Array)) throw new FirehoseEnvelopeError('body is neither text nor bytes');
  if (isGzip(body)) {
    const inflated = gunzipBounded(body, options.maxDecompressedBytes ?? DEFAULT_MAX_BODY_BYTES);
    if (!inflated.ok) throw new FirehoseEnvelopeError(`body: ${inflated.reason}`);
    return inflated.data.toString('utf8');
  }
  return Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
}

/** Read a delivery request body (JSON, or gzip of it). Throws FirehoseEnvelopeError when malformed. */
export function decodeFirehoseRequest(body: Uint8Array | string, options: EnvelopeOptions = {}): FirehoseRequest {
  const text = bodyText(body, options);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new FirehoseEnvelopeError(`body is not valid JSON: ${(err as Error).message}`);
  }
  if (!isJsonObject(value)) throw new FirehoseEnvelopeError('body is not a JSON object');
  const { requestId, timestamp, records } = value;
  if (typeof requestId !== 'string' || requestId === '') throw new FirehoseEnvelopeError('requestId is missing or not a string');
  if (typeof timestamp !== 'number' || !Number.isFinite(timestamp) || timestamp < 0) {
    throw new FirehoseEnvelopeError('timestamp is missing or not a number', requestId);
  }
  if (!Array.isArray(records)) throw new FirehoseEnvelopeError('records is missing or not an array', requestId);
  const data: string[] = [];
  records.forEach((record, i) => {
    if (!isJsonObject(record) || typeof record['data'] !== 'string') {
      throw new FirehoseEnvelopeError(`records[${i}] has no string data`, requestId);
    }
    data.push(record['data']);
  });
  return { requestId, timestamp, records: data };
}

/** The response body Firehose expects: echo requestId, the time of the answer, and errorMessage on failure. */
export function firehoseResponse(requestId: string, timestampMs: number, errorMessage?: string): string {
  const body: { requestId: string; timestamp: number; errorMessage?: string } = {
    requestId,
    timestamp: Math.floor(timestampMs),
  };
  if (errorMessage !== undefined) body.errorMessage = errorMessage;
  return JSON.stringify(body);
}
