// The package's entry points: one OTLP export request body -> flat rows of one signal.
import type { LogRow, MetricRow, SpanRow } from '@nightjar/model';
import { DecodeState, type DecodeResult } from './decode-state.ts';
import { decodeLogsJson } from './json-logs.ts';
import { decodeMetricsJson } from './json-metrics.ts';
import { decodeTracesJson } from './json-traces.ts';
import { resolveLimits, type OtlpLimits } from './limits.ts';
import { decodeLogsProto } from './proto-logs.ts';
import { decodeMetricsProto } from './proto-metrics.ts';
import { decodeTracesProto } from './proto-traces.ts';
import type { OtlpFormat } from './response.ts';

export interface DecodeContext {
  /** Written into every row. */
  project: string;
  /** Overrides of DEFAULT_LIMITS. */
  limits?: Partial<OtlpLimits>;
}

type Decoder<T> = (body: Uint8Array, s: DecodeState<T>) => void;

function run<T>(body: Uint8Array, format: OtlpFormat, ctx: DecodeContext, proto: Decoder<T>, json: Decoder<T>): DecodeResult<T> {
  const s = new DecodeState<T>(ctx.project, resolveLimits(ctx.limits));
  if (format === 'json') json(body, s);
  else proto(body, s);
  return s.result();
}

/**
 * ExportTraceServiceRequest -> SpanRow[]. Throws OtlpDecodeError when the body cannot be read;
 * invalid spans (ids, start time) are rejected alone and counted.
 */
export function decodeTraces(body: Uint8Array, format: OtlpFormat, ctx: DecodeContext): DecodeResult<SpanRow> {
  return run(body, format, ctx, decodeTracesProto, decodeTracesJson);
}

/** ExportLogsServiceRequest -> LogRow[] (see decodeTraces for errors and rejections). */
export function decodeLogs(body: Uint8Array, format: OtlpFormat, ctx: DecodeContext): DecodeResult<LogRow> {
  return run(body, format, ctx, decodeLogsProto, decodeLogsJson);
}

/** ExportMetricsServiceRequest -> one MetricRow per data point (see decodeTraces). */
export function decodeMetrics(body: Uint8Array, format: OtlpFormat, ctx: DecodeContext): DecodeResult<MetricRow> {
  return run(body, format, ctx, decodeMetricsProto, decodeMetricsJson);
}
