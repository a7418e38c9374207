// Routes ingest requests to their receiver. Mounted on both the OTLP port (4318) and the API port
// (8318), so every ingest path is reachable on either.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { IngestCounters } from './counters.ts';
import { handleFirehose } from './firehose-receiver.ts';
import { DEFAULT_LIMITS, type IngestLimits } from './limits.ts';
import { handleOtlp, type OtlpSignal } from './otlp-receiver.ts';
import { sendJson } from './respond.ts';
import type { RowSink } from './sink.ts';
import { handleTelemetry } from './telemetry-receiver.ts';

export interface IngestOptions {
  project: string;
  sink: RowSink;
  limits?: Partial<IngestLimits>;
  firehoseAccessKey?: string | null;
  now?: () => number;
  counters?: IngestCounters;
}

export interface IngestHandler {
  /** Handles the request and returns true when the path is an ingest path; false otherwise. */
  handle(req: IncomingMessage, res: ServerResponse, url: URL): boolean;
  /** Requests being received or waiting for durability. */
  readonly inFlight: number;
  readonly counters: IngestCounters;
}

const OTLP_PATHS: Record<string, OtlpSignal> = { '/v1/traces': 'traces', '/v1/logs': 'logs', '/v1/metrics': 'metrics' };

export function createIngestHandler(options: IngestOptions): IngestHandler {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const now = options.now ?? Date.now;
  const counters = options.counters ?? new IngestCounters();
  const base = { project: options.project, sink: options.sink, limits, counters, now };
  let inFlight = 0;

  const track = (p: Promise<void>) => {
    inFlight++;
    p.catch((err: unknown) => console.error('nightjar: ingest handler failed', err)).finally(() => inFlight--);
  };

  return {
    counters,
    get inFlight() {
      return inFlight;
    },
    handle(req, res, url) {
      const signal = OTLP_PATHS[url.pathname];
      const isFirehose = url.pathname === '/ingest/firehose';
      const isTelemetry = url.pathname === '/ingest/lambda-telemetry';
      if (!signal && !isFirehose && !isTelemetry) return false;
      if (req.method !== 'POST') {
        req.resume();
        sendJson(res, 405, { error: `${url.pathname} accepts POST only` }, { allow: 'POST' });
        return true;
      }
      if (signal) track(handleOtlp(signal, req, res, base));
      else if (isFirehose) track(handleFirehose(req, res, { ...base, accessKey: options.firehoseAccessKey ?? null }));
      else track(handleTelemetry(req, url, res, base));
      return true;
    },
  };
}
