import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decodeTraces } from '@nightjar/otlp';
import fc from 'fast-check';
import { encodeTraceRequest } from './encode-traces.ts';
import type { TracerAttributes, TracerSpan, TracerSpanKind } from './span.ts';

const decode = (body: Uint8Array) => decodeTraces(body, 'protobuf', { project: 'p' });

describe('encodeTraceRequest, read back by the real decoder', () => {
  test('a Lambda root span with every field', () => {
    const root: TracerSpan = {
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId: '00f067aa0ba902b7',
      name: 'orders-handler',
      kind: 'server',
      startNs: 1700000000123456789n,
      endNs: '1700000000223456789',
      status: { code: 'error', message: 'boom' },
      attributes: {
        'faas.invocation_id': 'req-1',
        'faas.coldstart': true,
        'http.route': '/orders/{id}',
        'http.response.status_code': 500,
        'negative': -42,
        'ratio': 0.25,
        'nightjar.link.in': ['sqs:m1', 'sqs:m2'],
        'nightjar.input': '{"a":1}',
        skipped: undefined,
      },
      events: [{ name: 'exception', timeNs: 1700000000200000000n, attributes: { 'exception.type': 'TypeError', 'exception.message': 'x is undefined' } }],
      links: [{ traceId: '5759e988bd862e3fe1be46a994272793', spanId: '53995c3f42cd8ad8', attributes: { 'nightjar.link.kind': 'aws-trace-header' } }],
    };
    const child: TracerSpan = {
      traceId: root.traceId,
      spanId: '1111111111111111',
      parentSpanId: root.spanId,
      name: 'SQS.SendMessage',
      kind: 'producer',
      startNs: '1700000000130000000',
      endNs: '1700000000140000000',
      attributes: { 'nightjar.link.out': ['sqs:abc'] },
    };
    const result = decode(encodeTraceRequest([root, child], { 'service.name': 'orders', 'faas.name': 'orders-fn', 'cloud.region': 'eu-west-1' }, { name: '@nightjar/lambda', version: '0.1.0' }));
    assert.equal(result.rejected, 0);
    const [a, b] = result.rows;
    assert.ok(a !== undefined && b !== undefined);
    assert.equal(a.traceId, root.traceId);
    assert.equal(a.spanId, root.spanId);
    assert.equal(a.parentSpanId, '');
    assert.equal(a.name, 'orders-handler');
    assert.equal(a.kind, 'server');
    assert.equal(a.startNs, '1700000000123456789');
    assert.equal(a.durationNs, 100_000_000);
    assert.equal(a.status, 'error');
    assert.equal(a.statusMessage, 'boom');
    assert.equal(a.scopeName, '@nightjar/lambda');
    assert.equal(a.scopeVersion, '0.1.0');
    assert.equal(a.service, 'orders');
    assert.equal(a.functionName, 'orders-fn');
    assert.equal(a.requestId, 'req-1');
    assert.equal(a.coldStart, true);
    assert.equal(a.httpRoute, '/orders/{id}');
    assert.equal(a.errorType, 'TypeError');
    assert.deepEqual(a.linkIn, ['sqs:m1', 'sqs:m2']);
    assert.equal(a.input, '{"a":1}');
    assert.equal(a.attributes['http.response.status_code'], '500');
    assert.equal(a.attributes['negative'], '-42');
    assert.equal(a.attributes['ratio'], '0.25');
    assert.equal(a.attributes['skipped'], undefined);
    assert.deepEqual(a.events, [{ timeNs: '1700000000200000000', name: 'exception', attributes: { 'exception.type': 'TypeError', 'exception.message': 'x is undefined' } }]);
    assert.deepEqual(a.links, [{ traceId: '5759e988bd862e3fe1be46a994272793', spanId: '53995c3f42cd8ad8', attributes: { 'nightjar.link.kind': 'aws-trace-header' } }]);
    assert.equal(b.parentSpanId, root.spanId);
    assert.equal(b.kind, 'producer');
    assert.equal(b.status, 'unset');
    assert.deepEqual(b.linkOut, ['sqs:abc']);
  });

  test('large bodies (buffer growth, multi-byte length prefixes)', () => {
    const big = 'é'.repeat(20_000);
    const spans: TracerSpan[] = Array.from({ length: 50 }, (_, i) => ({
      traceId: 'aa'.repeat(16),
      spanId: (i + 1).toString(16).padStart(16, '0'),
      name: `s${i}`,
      kind: 'internal',
      startNs: 1n,
      endNs: 2n,
      attributes: { big: big.slice(0, 100 * i) },
    }));
    const rows = decode(encodeTraceRequest(spans, {}, { name: 't' })).rows;
    assert.equal(rows.length, 50);
    assert.equal(rows[49]?.attributes['big']?.startsWith('é'.repeat(4900)), true);
  });
});

const hex = (n: number) => fc.uint8Array({ minLength: n, maxLength: n }).filter((b) => b.some((x) => x !== 0)).map((b) => Buffer.from(b).toString('hex'));
const attrValue = fc.oneof(fc.string({ maxLength: 30 }), fc.boolean(), fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Number.isInteger(d)), fc.array(fc.string({ maxLength: 8 }), { maxLength: 4 }));
const attrs: fc.Arbitrary<TracerAttributes> = fc.dictionary(fc.string({ minLength: 1, maxLength: 10 }).map((k) => `k.${k}`), attrValue, { maxKeys: 6 });
const kinds: TracerSpanKind[] = ['internal', 'server', 'client', 'producer', 'consumer'];
const spanArb: fc.Arbitrary<TracerSpan> = fc.record({
  traceId: hex(16),
  spanId: hex(8),
  parentSpanId: fc.option(hex(8), { nil: undefined }),
  name: fc.string({ maxLength: 40 }),
  kind: fc.constantFrom(...kinds),
  startNs: fc.bigInt({ min: 1n, max: 2n ** 62n }), // the decoder rejects spans without a start time
  endNs: fc.constant(0n),
  status: fc.record({ code: fc.constantFrom('unset' as const, 'ok' as const, 'error' as const), message: fc.string({ maxLength: 20 }) }),
  attributes: attrs,
  events: fc.array(fc.record({ name: fc.string({ maxLength: 10 }), timeNs: fc.bigInt({ min: 1n, max: 2n ** 63n }), attributes: attrs }), { maxLength: 3 }),
  links: fc.array(fc.record({ traceId: hex(16), spanId: hex(8), attributes: attrs }), { maxLength: 3 }),
}).chain((s) => fc.bigInt({ min: 0n, max: 2n ** 50n }).map((d) => ({ ...s, endNs: (s.startNs as bigint) + d })));

/** How the decoder flattens an attribute value to text. */
function flat(v: unknown): string {
  if (Array.isArray(v)) return JSON.stringify(v);
  return String(v);
}
function flatAll(a: TracerAttributes | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(a ?? {}).map(([k, v]) => [k, flat(v)]));
}

test('property: every span round-trips through the real decoder', () => {
  fc.assert(
    fc.property(fc.array(spanArb, { minLength: 1, maxLength: 4 }), attrs, (spans, resource) => {
      const result = decode(encodeTraceRequest(spans, resource, { name: 'scope', version: '1' }));
      assert.equal(result.rejected, 0);
      assert.equal(result.rows.length, spans.length);
      spans.forEach((s, i) => {
        const row = result.rows[i];
        assert.ok(row !== undefined);
        assert.equal(row.traceId, s.traceId);
        assert.equal(row.spanId, s.spanId);
        assert.equal(row.parentSpanId, s.parentSpanId ?? '');
        assert.equal(row.name, s.name);
        assert.equal(row.kind, s.kind);
        assert.equal(row.startNs, String(s.startNs));
        assert.equal(BigInt(row.durationNs), BigInt(s.endNs) - BigInt(s.startNs));
        assert.equal(row.status, s.status?.code);
        assert.equal(row.statusMessage, s.status?.message ?? '');
        assert.deepEqual(row.attributes, flatAll(s.attributes));
        assert.deepEqual(row.resource, flatAll(resource));
        assert.deepEqual(row.events, (s.events ?? []).map((e) => ({ timeNs: String(e.timeNs), name: e.name, attributes: flatAll(e.attributes) })));
        assert.deepEqual(row.links, (s.links ?? []).map((l) => ({ traceId: l.traceId, spanId: l.spanId, attributes: flatAll(l.attributes) })));
      });
    }),
    { numRuns: 150 },
  );
});
