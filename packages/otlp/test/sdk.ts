// Real OpenTelemetry SDK pipelines for tests: spans, log records and metrics as the JS SDK makes
// them, serialised by the real OTLP serialisers (the source of truth for the wire formats).
import type { Attributes as OtelAttributes, Context, SpanContext } from '@opentelemetry/api';
import { context, trace, TraceFlags } from '@opentelemetry/api';
import { TraceState } from '@opentelemetry/core';
import {
  JsonLogsSerializer,
  JsonMetricsSerializer,
  JsonTraceSerializer,
  ProtobufLogsSerializer,
  ProtobufMetricsSerializer,
  ProtobufTraceSerializer,
} from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor, type ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { MetricReader, type ResourceMetrics, type MeterProviderOptions, MeterProvider, type MetricReaderOptions } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';

export type Format = 'protobuf' | 'json';

export function tracerWith(resource: OtelAttributes, scope = { name: 'test-scope', version: '1.2.3' }) {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes(resource),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
    spanLimits: { attributeCountLimit: 10_000, eventCountLimit: 10_000, linkCountLimit: 10_000, attributePerEventCountLimit: 10_000, attributePerLinkCountLimit: 10_000 },
  });
  const tracer = provider.getTracer(scope.name, scope.version);
  return { tracer, spans: (): ReadableSpan[] => exporter.getFinishedSpans() };
}

/** A context whose active span is a remote parent (so spans get a parent id and a trace state). */
export function remoteParent(traceId: string, spanId: string, traceState = ''): Context {
  const sc: SpanContext = { traceId, spanId, traceFlags: TraceFlags.SAMPLED, isRemote: true };
  if (traceState !== '') sc.traceState = new TraceState(traceState);
  return trace.setSpanContext(context.active(), sc);
}

export function serializeSpans(spans: ReadableSpan[], format: Format): Uint8Array {
  const body = format === 'json' ? JsonTraceSerializer.serializeRequest(spans) : ProtobufTraceSerializer.serializeRequest(spans);
  if (body === undefined) throw new Error('serializer returned nothing');
  return body;
}

export function loggerWith(resource: OtelAttributes) {
  const exporter = new InMemoryLogRecordExporter();
  const provider = new LoggerProvider({ resource: resourceFromAttributes(resource), processors: [new SimpleLogRecordProcessor({ exporter })] });
  return { logger: provider.getLogger('test-logger', '0.0.1'), records: (): ReadableLogRecord[] => exporter.getFinishedLogRecords() };
}

export function serializeLogs(records: ReadableLogRecord[], format: Format): Uint8Array {
  const body = format === 'json' ? JsonLogsSerializer.serializeRequest(records) : ProtobufLogsSerializer.serializeRequest(records);
  if (body === undefined) throw new Error('serializer returned nothing');
  return body;
}

/** A metric reader whose collect() the test calls. */
export class CollectingReader extends MetricReader {
  constructor(options?: MetricReaderOptions) {
    super(options);
  }
  protected override async onShutdown(): Promise<void> {}
  protected override async onForceFlush(): Promise<void> {}
}

export function meterWith(resource: OtelAttributes, options: Omit<MeterProviderOptions, 'resource' | 'readers'> = {}, readerOptions?: MetricReaderOptions) {
  const reader = new CollectingReader(readerOptions);
  const provider = new MeterProvider({ ...options, resource: resourceFromAttributes(resource), readers: [reader] });
  return {
    meter: provider.getMeter('test-meter', '3.2.1'),
    collect: async (): Promise<ResourceMetrics> => {
      const { resourceMetrics, errors } = await reader.collect();
      if (errors.length > 0) throw errors[0];
      return resourceMetrics;
    },
  };
}

export function serializeMetrics(rm: ResourceMetrics, format: Format): Uint8Array {
  const body = format === 'json' ? JsonMetricsSerializer.serializeRequest(rm) : ProtobufMetricsSerializer.serializeRequest(rm);
  if (body === undefined) throw new Error('serializer returned nothing');
  return body;
}
