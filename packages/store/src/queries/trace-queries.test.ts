import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { nsToIso, type SpanItem, type SpanRow } from '@nightjar/model';
import type { Store } from '../open-store.ts';
import { openTestStore, tempDir } from '../testing/temp-store.ts';
import { PROJECT, batch, hexId, nsAgo, span } from '../testing/rows.ts';

const tmp = tempDir();
let store: Store;
before(async () => {
  store = await openTestStore(tmp.dir);
});
after(async () => {
  await store.close();
  tmp.remove();
});

function expected(s: SpanRow): SpanItem {
  return {
    traceId: s.traceId,
    spanId: s.spanId,
    parentSpanId: s.parentSpanId,
    name: s.name,
    service: s.service,
    kind: s.kind,
    start: nsToIso(s.startNs),
    startNs: s.startNs,
    durationMs: s.durationNs / 1e6,
    status: s.status,
    statusMessage: s.statusMessage,
    attributes: s.attributes,
    resource: s.resource,
    events: s.events.map((e) => ({ time: nsToIso(e.timeNs), name: e.name, attributes: e.attributes })),
    functionName: s.functionName,
    requestId: s.requestId,
    linkOut: s.linkOut,
    linkIn: s.linkIn,
    input: s.input,
    output: s.output,
  };
}

const traceId = hexId(0x7ace, 32);
// A trace across two functions and more than an hour (a slow async consumer), with every field set.
const root = span({
  traceId, spanId: hexId(1, 16), name: 'POST /orders', service: 'orders-api', kind: 'server', startNs: nsAgo(2 * 3600_000, '000001'),
  durationNs: 1_500_000_250, status: 'error', statusMessage: 'card "declined" — \\ ünïcødé \n line 2',
  attributes: { 'http.request.method': 'POST', 'url.path': "/orders?q='x'&y=\t", 'emoji': '🦉' },
  resource: { 'service.name': 'orders-api', 'faas.name': 'orders-api', 'cloud.region': 'eu-west-1' },
  events: [{ timeNs: nsAgo(2 * 3600_000 - 5, '999999'), name: 'exception', attributes: { 'exception.type': 'PaymentDeclined', 'exception.message': 'no' } }],
  links: [{ traceId: hexId(0x11, 32), spanId: hexId(0x22, 16), attributes: { 'link.kind': 'follows' } }],
  functionName: 'orders-api', requestId: 'req-aaa', coldStart: true, httpRoute: '/orders', errorType: 'PaymentDeclined',
  linkOut: ['sqs:m-1', 'sqs:m-2'], input: '{"cart":[1,2]}', output: '{"statusCode":500}',
});
const child = span({
  traceId, spanId: hexId(2, 16), parentSpanId: hexId(1, 16), name: 'DynamoDB.PutItem', service: 'orders-api', kind: 'client',
  startNs: nsAgo(2 * 3600_000 - 2, '500000'), durationNs: 3_000_001, attributes: { 'rpc.service': 'DynamoDB' },
  resource: root.resource, functionName: 'orders-api', requestId: '',
});
const consumer = span({
  traceId, spanId: hexId(3, 16), parentSpanId: hexId(1, 16), name: 'orders process', service: 'payments-worker', kind: 'consumer',
  startNs: nsAgo(10 * 60_000, '000003'), durationNs: 42, attributes: {}, resource: { 'service.name': 'payments-worker' },
  functionName: 'payments-worker', requestId: 'req-bbb', linkIn: ['sqs:m-1'],
});
const other = span({ traceId: hexId(0x07e, 32), spanId: hexId(9, 16), requestId: 'req-ccc' });

test('traceById returns exactly what was written, in start order, across services and hours', async () => {
  await store.writer.write(batch({ spans: [consumer, child, root, other] }));
  const got = await store.queries.traceById(PROJECT, traceId);
  assert.deepEqual(got, [expected(root), expected(child), expected(consumer)]);
  assert.deepEqual(await store.queries.traceById(PROJECT, traceId.toUpperCase()), got, 'ids are case-insensitive');
});

test('span links are stored', async () => {
  const rows = await store.db.query<{ t: string[]; s: string[]; a: Record<string, string>[] }>(
    `SELECT link_trace_ids AS t, link_span_ids AS s, link_attributes AS a FROM spans WHERE trace_id = '${traceId}' AND span_id = '${hexId(1, 16)}'`,
  );
  assert.deepEqual(rows, [{ t: [hexId(0x11, 32)], s: [hexId(0x22, 16)], a: [{ 'link.kind': 'follows' }] }]);
});

test('an unknown trace, or another project, gives no spans', async () => {
  assert.deepEqual(await store.queries.traceById(PROJECT, hexId(0xdead, 32)), []);
  assert.deepEqual(await store.queries.traceById('other-project', traceId), []);
});

test('spansForInvocation: the spans carrying the request id and their descendants without one', async () => {
  const withTrace = await store.queries.spansForInvocation(PROJECT, 'req-aaa', traceId);
  assert.deepEqual(withTrace.map((s) => s.spanId), [hexId(1, 16), hexId(2, 16)]);
  const withoutTrace = await store.queries.spansForInvocation(PROJECT, 'req-bbb');
  assert.deepEqual(withoutTrace.map((s) => s.spanId), [hexId(3, 16)]);
  assert.deepEqual(await store.queries.spansForInvocation(PROJECT, 'req-none'), []);
});

test('tracesById returns the spans of several traces', async () => {
  const got = await store.queries.tracesById(PROJECT, [traceId, other.traceId]);
  assert.equal(got.length, 4);
});
