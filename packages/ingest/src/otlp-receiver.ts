// OTLP/HTTP receiver: POST /v1/traces, /v1/logs, /v1/metrics in protobuf or JSON, per the OTLP
// specification's status codes: 200 (+ partial success), 400 with a Status for bad data, 413 for
// over-large bodies, 415 for other content types, 429 + Retry-After when the store is saturated.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { batchSize, emptyBatch, msToNs, type RowBatch } from '@nightjar/model';
import { withMapEdges } from '@nightjar/assemble';
import {
  decodeLogs,
  decodeMetrics,
  decodeTraces,
  encodeExportResponse,
  encodeStatus,
  OtlpDecodeError,
  type OtlpLimits,
} from '@nightjar/otlp';
import { IngestHttpError, SinkOverloadedError } from './errors.ts';
import type { IngestLimits } from './limits.ts';
import { readBody } from './read-body.ts';
import { sendBytes } from './respond.ts';
import type { RowSink } from './sink.ts';
import type { IngestCounters } from './counters.ts';
import { invocationsFromSpans } from './invocations-from-spans.ts';

export type OtlpSignal = 'traces' | 'logs' | 'metrics';
type WireFormat = 'protobuf' | 'json';

export interface OtlpReceiverOptions {
  project: string;
  sink: RowSink;
  limits: IngestLimits;
  otlpLimits?: Partial<OtlpLimits>;
  counters: IngestCounters;
  now: () => number;
}

const CONTENT_TYPES: Record<WireFormat, string> = { protobuf: 'application/x-protobuf', json: 'application/json' };

export function wireFormatOf(contentType: string | undefined): WireFormat | null {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/x-protobuf' || type === 'application/protobuf') return 'protobuf';
  if (type === 'application/json') return 'json';
  return null;
}

export async function handleOtlp(
  signal: OtlpSignal,
  req: IncomingMessage,
  res: ServerResponse,
  opts: OtlpReceiverOptions,
): Promise<void> {
  const format = wireFormatOf(req.headers['content-type']);
  if (!format) {
    req.resume();
    const body = encodeStatus('json', 3, `unsupported Content-Type "${req.headers['content-type'] ?? ''}": use application/x-protobuf or application/json`);
    sendBytes(res, 415, CONTENT_TYPES.json, body);
    return;
  }
  try {
    const raw = await readBody(req, opts.limits);
    const batch = emptyBatch();
    const ctx = { project: opts.project, ...(opts.otlpLimits ? { limits: opts.otlpLimits } : {}) };
    let rejected = 0;
    let reason = '';
    if (signal === 'traces') {
      const r = decodeTraces(raw, format, ctx);
      batch.spans = withMapEdges(r.rows);
      batch.invocations = invocationsFromSpans(r.rows);
      rejected = r.rejected;
      reason = r.rejectReason;
    } else if (signal === 'logs') {
      const r = decodeLogs(raw, format, ctx);
      batch.logs = r.rows;
      rejected = r.rejected;
      reason = r.rejectReason;
    } else {
      const r = decodeMetrics(raw, format, ctx);
      batch.metrics = r.rows;
      rejected = r.rejected;
      reason = r.rejectReason;
    }
    if (rejected > 0) batch.ingestErrors.push(rejectionRow(opts, signal, rejected, reason));
    await writeBatch(opts.sink, batch);
    opts.counters.accepted(signal, countOf(batch, signal), rejected);
    const partial = rejected > 0 ? { rejected, message: reason } : undefined;
    sendBytes(res, 200, CONTENT_TYPES[format], encodeExportResponse(signal, format, partial));
  } catch (err) {
    const { status, message, retryAfter } = classify(err);
    opts.counters.failed(signal, status);
    const headers: Record<string, string> = retryAfter !== undefined ? { 'retry-after': String(retryAfter) } : {};
    if (!res.headersSent) sendBytes(res, status, CONTENT_TYPES[format], encodeStatus(format, grpcCodeOf(status), message), headers);
  }
}

async function writeBatch(sink: RowSink, batch: RowBatch): Promise<void> {
  if (batchSize(batch) === 0) return;
  await sink.write(batch);
}

function countOf(batch: RowBatch, signal: OtlpSignal): number {
  return signal === 'traces' ? batch.spans.length : signal === 'logs' ? batch.logs.length : batch.metrics.length;
}

function rejectionRow(opts: OtlpReceiverOptions, signal: OtlpSignal, rejected: number, reason: string) {
  return {
    project: opts.project,
    timeNs: msToNs(opts.now()),
    source: `otlp-${signal}` as const,
    reason: `${rejected} record(s) rejected: ${reason}`,
    sample: '',
  };
}

export function classify(err: unknown): { status: number; message: string; retryAfter?: number } {
  if (err instanceof OtlpDecodeError) return { status: 400, message: `malformed OTLP payload: ${err.message}` };
  if (err instanceof IngestHttpError) {
    return { status: err.status, message: err.message, ...(err.retryAfterSeconds !== undefined ? { retryAfter: err.retryAfterSeconds } : {}) };
  }
  if (err instanceof SinkOverloadedError) return { status: 429, message: err.message, retryAfter: err.retryAfterSeconds };
  const message = err instanceof Error ? err.message : String(err);
  return { status: 503, message: `storage unavailable, retry later: ${message}`, retryAfter: 5 };
}

/** google.rpc.Code for an HTTP status, as carried in the OTLP error Status. */
function grpcCodeOf(status: number): number {
  if (status === 400 || status === 415) return 3; // INVALID_ARGUMENT
  if (status === 413) return 11; // OUT_OF_RANGE
  if (status === 429) return 8; // RESOURCE_EXHAUSTED
  return 14; // UNAVAILABLE
}
