// OTLP/HTTP end to end with the REAL OpenTelemetry JS exporters as clients.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { OTLPTraceExporter as ProtoTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { OTLPTraceExporter as JsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { CompressionAlgorithm } from '@opentelemetry/otlp-exporter-base';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { LoggerProvider, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs';
import { SeverityNumber } from '@opentelemetry/api-logs';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import type { ListResponse, LogItem, TraceResponse } from '@nightjar/model';
import { eventually, startTestServer } from './test-server.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
before(async () => {
  server = await startTestServer();
});
after(async () => {
  await server.stop();
});

const resource = resourceFromAttributes({ 'service.name': 'checkout', 'faas.name': 'checkout', 'cloud.region': 'eu-west-1' });

async function sendTrace(exporter: ProtoTraceExporter | JsonTraceExporter, requestId: string): Promise<string> {
  const provider = new BasicTracerProvider({ resource, spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const tracer = provider.getTracer('e2e');
  const root = tracer.startSpan('checkout', {
    kind: SpanKind.SERVER,
    attributes: { 'faas.invocation_id': requestId, 'faas.coldstart': true, 'http.route': '/checkout', 'nightjar.link.in': ['sqs:abc'], retries: 3, ratio: 0.5 },
  });
  const child = tracer.startSpan('DynamoDB.PutItem', { kind: SpanKind.CLIENT, attributes: { 'rpc.service': 'DynamoDB' } }, trace.setSpan(context.active(), root));
  child.recordException(new TypeError('cannot read properties of undefined'));
  child.setStatus({ code: SpanStatusCode.ERROR, message: 'boom' });
  child.end();
  root.end();
  await provider.forceFlush();
  await provider.shutdown();
  return root.spanContext().traceId;
}

for (const [label, make] of [
  ['protobuf', () => new ProtoTraceExporter({ url: `${server.otlpUrl}/v1/traces` })],
  ['JSON', () => new JsonTraceExporter({ url: `${server.otlpUrl}/v1/traces` })],
  ['gzip protobuf', () => new ProtoTraceExporter({ url: `${server.otlpUrl}/v1/traces`, compression: CompressionAlgorithm.GZIP })],
] as const) {
  test(`traces from the OTel ${label} exporter are queryable by trace id`, async () => {
    const traceId = await sendTrace(make(), `req-${label}`);
    const trace = await eventually(async () => {
      const r = await server.getJson<TraceResponse>(`/api/traces/${traceId}`);
      return r.status === 200 && r.body.spans.length === 2 ? r.body : undefined;
    });
    const root = trace.spans.find((s) => s.parentSpanId === '')!;
    const child = trace.spans.find((s) => s.parentSpanId !== '')!;
    assert.equal(root.name, 'checkout');
    assert.equal(root.service, 'checkout');
    assert.equal(root.kind, 'server');
    assert.equal(root.requestId, `req-${label}`);
    assert.equal(root.functionName, 'checkout');
    assert.deepEqual(root.linkIn, ['sqs:abc']);
    assert.equal(root.attributes['http.route'], '/checkout');
    assert.equal(root.attributes['retries'], '3');
    assert.equal(child.parentSpanId, root.spanId);
    assert.equal(child.status, 'error');
    assert.equal(child.statusMessage, 'boom');
    assert.equal(child.events[0]?.name, 'exception');
    assert.equal(child.events[0]?.attributes['exception.type'], 'TypeError');
  });
}

test('logs from the OTel protobuf log exporter are searchable', async () => {
  const provider = new LoggerProvider({ resource, processors: [new SimpleLogRecordProcessor({ exporter: new OTLPLogExporter({ url: `${server.otlpUrl}/v1/logs` }) })] });
  provider.getLogger('e2e').emit({ severityNumber: SeverityNumber.WARN, severityText: 'WARN', body: 'payment provider slow: 2400 ms', attributes: { 'faas.invocation_id': 'req-log-1' } });
  await provider.forceFlush();
  await provider.shutdown();
  const items = await eventually(async () => {
    const r = await server.getJson<ListResponse<LogItem>>('/api/logs?q=provider%20slow');
    return r.body.items.length > 0 ? r.body.items : undefined;
  });
  assert.equal(items[0]!.body, 'payment provider slow: 2400 ms');
  assert.equal(items[0]!.severityText, 'WARN');
  assert.equal(items[0]!.function, 'checkout');
  assert.equal(items[0]!.requestId, 'req-log-1');
});

test('metrics from the OTel JSON metric exporter are stored', async () => {
  const exporter = new OTLPMetricExporter({ url: `${server.otlpUrl}/v1/metrics` });
  const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 60000 });
  const provider = new MeterProvider({ resource, readers: [reader] });
  const meter = provider.getMeter('e2e');
  meter.createCounter('orders.placed').add(5, { route: '/checkout' });
  meter.createHistogram('payment.latency', { unit: 'ms' }).record(120);
  await provider.forceFlush();
  await provider.shutdown();
  await eventually(async () => {
    const r = await server.getJson<{ tables: { table: string; rows: number }[] }>('/api/stats');
    const metrics = r.body.tables.find((t) => t.table === 'metrics');
    return metrics && metrics.rows >= 2 ? true : undefined;
  });
});

test('OTLP status codes: 415 for other content types, 400 with a reason for malformed data, 405 for GET', async () => {
  const text = await fetch(`${server.otlpUrl}/v1/traces`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hi' });
  assert.equal(text.status, 415);
  const bad = await fetch(`${server.otlpUrl}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"resourceSpans": [' });
  assert.equal(bad.status, 400);
  const status = (await bad.json()) as { message?: string };
  assert.match(status.message ?? '', /malformed OTLP payload/);
  const badProto = await fetch(`${server.otlpUrl}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/x-protobuf' }, body: Buffer.from([0x0a, 0xff, 0xff, 0xff]) });
  assert.equal(badProto.status, 400);
  const get = await fetch(`${server.otlpUrl}/v1/traces`);
  assert.equal(get.status, 405);
});

test('malformed URLs get a 400, never a crash', async () => {
  assert.equal((await fetch(`${server.url}/api/traces/%E0%A4%A`)).status, 400);
  assert.equal((await fetch(`${server.url}/functions/%E0%A4%A`)).status, 400);
  assert.equal((await fetch(`${server.url}/api/health`)).status, 200);
});
