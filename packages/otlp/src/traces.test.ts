import { test } from 'node:test';
import assert from 'node:assert/strict';
import { context, SpanKind, SpanStatusCode, trace, type HrTime } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { decodeTraces } from './decode.ts';
import { bySpanId, expectedSpanRow } from '../test/expected.ts';
import { remoteParent, serializeSpans, tracerWith, type Format } from '../test/sdk.ts';

const FORMATS: Format[] = ['protobuf', 'json'];
const T0: HrTime = [1_700_000_000, 123_456_789];
const at = (ms: number): HrTime => {
  const ns = T0[1] + ms * 1_000_000 + 7;
  return [T0[0] + Math.floor(ns / 1e9), ns % 1e9];
};

/** Spans covering every field the row carries, made by the real SDK. */
function richSpans(): ReadableSpan[] {
  const { tracer, spans } = tracerWith({
    'service.name': 'orders',
    'faas.name': 'orders-prod',
    'cloud.region': 'eu-west-1',
    'faas.max_memory': 134217728,
    'process.runtime.ratio': 0.25,
    'feature.enabled': true,
    'host.tags': ['a', 'b'],
  });
  const parentCtx = remoteParent('0af7651916cd43dd8448eb211c80319c', 'b7ad6b7169203331', 'vendor=opaque,other=x');
  const server = tracer.startSpan(
    'POST /orders/{id}',
    {
      kind: SpanKind.SERVER,
      startTime: T0,
      attributes: {
        'faas.invocation_id': 'c0ffee00-1234-5678-9abc-def012345678',
        'faas.coldstart': true,
        'http.route': '/orders/{id}',
        'http.response.status_code': 500,
        'error.type': '500',
        'int.negative': -42,
        'int.big': 9007199254740991,
        'double.value': 3.14159,
        'double.tiny': 1e-300,
        'bool.false': false,
        'strings': ['x', 'y "quoted"', 'ünïcødé'],
        'ints': [1, -2, 3],
        'doubles': [1.5, -2.25],
        'bools': [true, false],
        'with.null': ['a', null, 'c'],
        'empty.array': [],
        'unicode': 'café ☕ 🐦 \u0000 nul',
        'nightjar.link.in': ['sqs:m-1', 'sns:m-2'],
        'nightjar.input': '{"orderId":"o-1"}',
        'nightjar.output': '{"ok":false}',
      },
    },
    parentCtx,
  );
  server.addEvent('cache.miss', { key: 'order:o-1', size: 12 }, at(1));
  server.addEvent('exception', { 'exception.type': 'ValidationError', 'exception.message': 'bad id' }, at(2));
  server.addEvent('exception', { 'exception.type': 'LaterError' }, at(3));
  server.addLink({ context: { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', traceFlags: 1 }, attributes: { 'link.kind': 'sqs' } });
  server.addLink({ context: { traceId: '5bf92f3577b34da6a3ce929d0e0e4736', spanId: '10f067aa0ba902b7', traceFlags: 0 } });
  server.setStatus({ code: SpanStatusCode.ERROR, message: 'order failed ✗' });

  const client = tracer.startSpan(
    'SQS.SendMessage',
    {
      kind: SpanKind.PRODUCER,
      startTime: at(10),
      attributes: { 'faas.execution': 'legacy-request-id', 'faas.name': 'span-level-name', 'nightjar.link.out': ['sqs:abc'], 'error.type': 'Throttled' },
    },
    trace.setSpan(context.active(), server),
  );
  client.setStatus({ code: SpanStatusCode.OK });
  client.end(at(20));
  server.end(at(250));

  for (const kind of [SpanKind.INTERNAL, SpanKind.CLIENT, SpanKind.CONSUMER]) {
    tracer.startSpan(`kind-${kind}`, { kind, startTime: at(30 + kind) }).end(at(40 + kind));
  }
  // Ends before it starts (clock skew in the sender): duration is clamped to 0.
  tracer.startSpan('skewed', { startTime: at(100) }).end(at(99));
  return spans();
}

for (const format of FORMATS) {
  test(`${format}: every field of real SDK spans reaches the row`, () => {
    const spans = richSpans();
    const result = decodeTraces(serializeSpans(spans, format), format, { project: 'p1' });
    assert.equal(result.rejected, 0);
    assert.equal(result.rejectReason, '');
    assert.deepEqual(result.stats, { droppedAttributes: 0, truncatedValues: 0, droppedEvents: 0, droppedLinks: 0 });
    assert.deepEqual(bySpanId(result.rows), bySpanId(spans.map((s) => expectedSpanRow(s, 'p1'))));
  });

  test(`${format}: promoted fields and enums, spelled out`, () => {
    const rows = decodeTraces(serializeSpans(richSpans(), format), format, { project: 'p1' }).rows;
    const server = rows.find((r) => r.name === 'POST /orders/{id}');
    assert.ok(server);
    assert.equal(server.traceId, '0af7651916cd43dd8448eb211c80319c');
    assert.equal(server.parentSpanId, 'b7ad6b7169203331');
    assert.equal(server.traceState, 'vendor=opaque,other=x');
    assert.equal(server.startNs, '1700000000123456789');
    assert.equal(server.durationNs, 250_000_007);
    assert.equal(server.kind, 'server');
    assert.equal(server.status, 'error');
    assert.equal(server.statusMessage, 'order failed ✗');
    assert.equal(server.service, 'orders');
    assert.equal(server.scopeName, 'test-scope');
    assert.equal(server.scopeVersion, '1.2.3');
    assert.equal(server.functionName, 'orders-prod');
    assert.equal(server.requestId, 'c0ffee00-1234-5678-9abc-def012345678');
    assert.equal(server.coldStart, true);
    assert.equal(server.httpRoute, '/orders/{id}');
    assert.equal(server.errorType, 'ValidationError');
    assert.deepEqual(server.linkIn, ['sqs:m-1', 'sns:m-2']);
    assert.deepEqual(server.linkOut, []);
    assert.equal(server.input, '{"orderId":"o-1"}');
    assert.equal(server.output, '{"ok":false}');
    assert.equal(server.attributes['nightjar.input'], undefined, 'promoted nightjar.* keys leave the attributes');
    assert.equal(server.attributes['faas.invocation_id'], 'c0ffee00-1234-5678-9abc-def012345678', 'semconv keys stay');
    assert.equal(server.attributes['int.big'], '9007199254740991');
    assert.equal(server.attributes['strings'], '["x","y \\"quoted\\"","ünïcødé"]');
    assert.equal(server.attributes['with.null'], '["a",null,"c"]');
    assert.equal(server.attributes['empty.array'], '[]');
    assert.equal(server.attributes['bool.false'], 'false');
    assert.equal(server.resource['faas.max_memory'], '134217728');
    assert.equal(server.resource['host.tags'], '["a","b"]');
    assert.deepEqual(server.events[1], {
      timeNs: '1700000000125456796',
      name: 'exception',
      attributes: { 'exception.type': 'ValidationError', 'exception.message': 'bad id' },
    });
    assert.deepEqual(server.links[0], { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', attributes: { 'link.kind': 'sqs' } });

    const client = rows.find((r) => r.name === 'SQS.SendMessage');
    assert.ok(client);
    assert.equal(client.kind, 'producer');
    assert.equal(client.status, 'ok');
    assert.equal(client.functionName, 'span-level-name');
    assert.equal(client.requestId, 'legacy-request-id');
    assert.equal(client.errorType, 'Throttled');
    assert.equal(client.coldStart, false);
    assert.deepEqual(client.linkOut, ['sqs:abc']);
    assert.equal(client.parentSpanId, server.spanId);
    assert.deepEqual(
      rows.filter((r) => r.name.startsWith('kind-')).map((r) => r.kind).sort(),
      ['client', 'consumer', 'internal'],
    );
    assert.equal(rows.find((r) => r.name === 'skewed')?.durationNs, 0);
  });

  test(`${format}: spans of several resources and scopes keep their own resource and scope`, () => {
    const a = tracerWith({ 'service.name': 'svc-a' }, { name: 'scope-a', version: '1' });
    const b = tracerWith({ 'service.name': 'svc-b', 'faas.name': 'fn-b' }, { name: 'scope-b', version: '' });
    a.tracer.startSpan('a1', { startTime: T0 }).end(at(1));
    b.tracer.startSpan('b1', { startTime: T0 }).end(at(2));
    a.tracer.startSpan('a2', { startTime: T0 }).end(at(3));
    const spans = [...a.spans(), ...b.spans()];
    const rows = decodeTraces(serializeSpans(spans, format), format, { project: 'p' }).rows;
    assert.deepEqual(bySpanId(rows), bySpanId(spans.map((s) => expectedSpanRow(s, 'p'))));
    const b1 = rows.find((r) => r.name === 'b1');
    assert.equal(b1?.service, 'svc-b');
    assert.equal(b1?.functionName, 'fn-b');
    assert.equal(b1?.scopeName, 'scope-b');
    assert.equal(rows.find((r) => r.name === 'a2')?.scopeName, 'scope-a');
  });

  test(`${format}: rows of one resource share one frozen resource map`, () => {
    const { tracer, spans } = tracerWith({ 'service.name': 's' });
    tracer.startSpan('x', { startTime: T0 }).end(at(1));
    tracer.startSpan('y', { startTime: T0 }).end(at(1));
    const rows = decodeTraces(serializeSpans(spans(), format), format, { project: 'p' }).rows;
    assert.equal(rows[0]?.resource, rows[1]?.resource);
    assert.ok(Object.isFrozen(rows[0]?.resource));
    assert.notEqual(rows[0]?.attributes, rows[1]?.attributes);
  });
}

test('protobuf and JSON give identical rows for the same spans', () => {
  const spans = richSpans();
  const p = decodeTraces(serializeSpans(spans, 'protobuf'), 'protobuf', { project: 'p' }).rows;
  const j = decodeTraces(serializeSpans(spans, 'json'), 'json', { project: 'p' }).rows;
  assert.deepEqual(bySpanId(p), bySpanId(j));
});

test('an empty request decodes to no rows', () => {
  assert.deepEqual(decodeTraces(new Uint8Array(0), 'protobuf', { project: 'p' }).rows, []);
  assert.deepEqual(decodeTraces(new TextEncoder().encode('{}'), 'json', { project: 'p' }).rows, []);
});
