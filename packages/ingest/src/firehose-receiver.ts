// Kinesis Data Firehose HTTP endpoint delivery: POST /ingest/firehose.
// Firehose retries a whole request on any non-200, so a bad record never fails the request: it is
// stored as an ingest error with its reason and the rest is kept. The response echoes requestId
// and carries a timestamp, as the HTTP endpoint delivery specification asks.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { emptyBatch, msToNs } from '@nightjar/model';
import {
  appendBatch,
  decodeCloudWatchRecord,
  decodeFirehoseRequest,
  FirehoseEnvelopeError,
  parseCloudWatchPayload,
} from '@nightjar/lambda-logs';
import { IngestHttpError } from './errors.ts';
import type { IngestLimits } from './limits.ts';
import { readBody } from './read-body.ts';
import { sendJson } from './respond.ts';
import type { RowSink } from './sink.ts';
import type { IngestCounters } from './counters.ts';
import { classify } from './otlp-receiver.ts';

export interface FirehoseReceiverOptions {
  project: string;
  sink: RowSink;
  limits: IngestLimits;
  /** When set, the X-Amz-Firehose-Access-Key header must equal it. */
  accessKey: string | null;
  counters: IngestCounters;
  now: () => number;
}

export async function handleFirehose(req: IncomingMessage, res: ServerResponse, opts: FirehoseReceiverOptions): Promise<void> {
  const headerRequestId = String(req.headers['x-amz-firehose-request-id'] ?? '');
  const reply = (status: number, requestId: string, errorMessage?: string, headers: Record<string, string> = {}) =>
    sendJson(res, status, { requestId, timestamp: Math.floor(opts.now()), ...(errorMessage ? { errorMessage } : {}) }, headers);

  if (opts.accessKey !== null && !accessKeyMatches(req.headers['x-amz-firehose-access-key'], opts.accessKey)) {
    req.resume();
    opts.counters.failed('firehose', 401);
    reply(401, headerRequestId, 'missing or wrong X-Amz-Firehose-Access-Key');
    return;
  }
  let requestId = headerRequestId;
  try {
    const raw = await readBody(req, opts.limits);
    let envelope;
    try {
      envelope = decodeFirehoseRequest(raw);
    } catch (err) {
      if (err instanceof FirehoseEnvelopeError) {
        requestId = err.requestId ?? headerRequestId;
        throw new IngestHttpError(400, `malformed Firehose request: ${err.message}`);
      }
      throw err;
    }
    requestId = envelope.requestId || headerRequestId;
    const receivedNs = msToNs(opts.now());
    const batch = emptyBatch();
    let rejected = 0;
    envelope.records.forEach((data, index) => {
      const decoded = decodeCloudWatchRecord(data, { maxDecompressedBytes: opts.limits.maxRecordBytes });
      if (!decoded.ok) {
        rejected++;
        batch.ingestErrors.push({
          project: opts.project,
          timeNs: receivedNs,
          source: 'firehose',
          reason: `record ${index} of Firehose request ${requestId}: ${decoded.reason}`,
          sample: decoded.sample.slice(0, 2048),
        });
        return;
      }
      // CONTROL_MESSAGE payloads yield no rows: acknowledged and ignored.
      for (const payload of decoded.payloads) appendBatch(batch, parseCloudWatchPayload(payload, { project: opts.project, receivedNs }));
    });
    await opts.sink.write(batch);
    opts.counters.accepted('firehose', envelope.records.length - rejected, rejected);
    reply(200, requestId);
  } catch (err) {
    const { status, message, retryAfter } = classify(err);
    opts.counters.failed('firehose', status);
    if (!res.headersSent) reply(status, requestId, message, retryAfter !== undefined ? { 'retry-after': String(retryAfter) } : {});
  }
}

function accessKeyMatches(header: string | string[] | undefined, expected: string): boolean {
  if (typeof header !== 'string') return false;
  const a = Buffer.from(header);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
