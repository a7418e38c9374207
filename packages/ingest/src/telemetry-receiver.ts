// POST /ingest/lambda-telemetry?function=NAME[&version=V&region=R]: a JSON array of Lambda
// Telemetry API events, as forwarded by an extension. Malformed events are kept as ingest errors.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { msToNs } from '@nightjar/model';
import { parseTelemetryEvents } from '@nightjar/lambda-logs';
import { IngestHttpError } from './errors.ts';
import type { IngestLimits } from './limits.ts';
import { readBody } from './read-body.ts';
import { sendJson } from './respond.ts';
import type { RowSink } from './sink.ts';
import type { IngestCounters } from './counters.ts';
import { classify } from './otlp-receiver.ts';

export interface TelemetryReceiverOptions {
  project: string;
  sink: RowSink;
  limits: IngestLimits;
  counters: IngestCounters;
  now: () => number;
}

export async function handleTelemetry(req: IncomingMessage, url: URL, res: ServerResponse, opts: TelemetryReceiverOptions): Promise<void> {
  try {
    const fn = url.searchParams.get('function');
    if (!fn) {
      req.resume();
      throw new IngestHttpError(400, 'query parameter "function" (the Lambda function name) is required');
    }
    const raw = await readBody(req, opts.limits);
    let events: unknown;
    try {
      events = JSON.parse(raw.toString('utf8'));
    } catch (err) {
      throw new IngestHttpError(400, `body is not JSON: ${(err as Error).message}`);
    }
    if (!Array.isArray(events)) throw new IngestHttpError(400, 'body must be a JSON array of Telemetry API events');
    const batch = parseTelemetryEvents(events, {
      project: opts.project,
      function: fn,
      version: url.searchParams.get('version') ?? undefined,
      region: url.searchParams.get('region') ?? undefined,
      receivedNs: msToNs(opts.now()),
    });
    await opts.sink.write(batch);
    opts.counters.accepted('lambda-telemetry', events.length - batch.ingestErrors.length, batch.ingestErrors.length);
    sendJson(res, 200, { accepted: events.length - batch.ingestErrors.length, rejected: batch.ingestErrors.length });
  } catch (err) {
    const { status, message, retryAfter } = classify(err);
    opts.counters.failed('lambda-telemetry', status);
    if (!res.headersSent) sendJson(res, status, { error: message }, retryAfter !== undefined ? { 'retry-after': String(retryAfter) } : {});
  }
}
