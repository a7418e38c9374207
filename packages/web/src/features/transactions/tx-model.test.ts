/// <reference types="node" />
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { InvocationItem, SpanItem, TxEdge, TxNode } from '@nightjar/model';
import { defaultInvocation, descendantsOf, downstreamOf, invocationsOf, nodeOfSpan, orderedUsers, rootSpanOf, upstreamOf } from './tx-model';

function node(id: string, extra: Partial<TxNode> = {}): TxNode {
  const [type = 'lambda', name = id] = id.split(':') as [TxNode['type'], string];
  return { id, type, name, status: 'ok', count: 1, errors: 0, requestIds: [], spanIds: [], traced: true, versions: [], start: null, durationMs: 1, ...extra };
}
function edge(from: string, to: string, extra: Partial<TxEdge> = {}): TxEdge {
  return { from, to, via: 'sqs', count: 1, status: 'ok', spanIds: [], ...extra };
}
function span(spanId: string, parentSpanId: string, fn: string, requestId: string, attributes: Record<string, string> = {}): SpanItem {
  return {
    traceId: 't', spanId, parentSpanId, name: spanId, service: fn, kind: 'server', start: '', startNs: '0', durationMs: 1, status: 'unset', statusMessage: '',
    attributes, resource: {}, events: [], functionName: fn, requestId, linkOut: [], linkIn: [], input: '', output: '',
  };
}
const inv = (fn: string, requestId: string, start: string, status: InvocationItem['status'] = 'success') => ({ function: fn, requestId, start, status }) as InvocationItem;

const tx = {
  nodes: [
    node('api:POST /orders', { spanIds: ['o1'] }),
    node('lambda:orders-api', { spanIds: ['o1'], requestIds: ['r-o'] }),
    node('sqs:q', { spanIds: ['send'] }),
    node('dynamodb:t', { spanIds: ['put'] }),
    node('lambda:notify', { status: 'error', spanIds: ['n1', 'n2'], requestIds: ['r-n2', 'r-n1'] }),
    node('lambda:audit'),
  ],
  edges: [
    edge('api:POST /orders', 'lambda:orders-api', { via: 'trigger' }),
    edge('lambda:orders-api', 'sqs:q'),
    edge('lambda:orders-api', 'dynamodb:t', { via: 'dynamodb' }),
    edge('sqs:q', 'lambda:notify', { status: 'error' }),
    edge('lambda:orders-api', 'lambda:audit', { via: 'invoke', spanIds: ['inv'] }),
    edge('lambda:orders-api', 'sqs:q', { via: 'sns' }),
  ],
  spans: [span('o1', 'x', 'orders-api', 'r-o', { 'enduser.id': 'u-2' }), span('send', 'o1', 'orders-api', ''), span('put', 'o1', 'orders-api', ''), span('inv', 'o1', 'orders-api', ''), span('log', 'o1', 'orders-api', ''), span('n1', 'q', 'notify', 'r-n1'), span('n1c', 'n1', 'notify', '')],
  invocations: [inv('notify', 'r-n2', '2026-01-01T00:00:02Z', 'error'), inv('orders-api', 'r-o', '2026-01-01T00:00:00Z'), inv('notify', 'r-n1', '2026-01-01T00:00:01Z', 'error')],
  users: [{ id: 'u-1', count: 5, affected: true }, { id: 'u-2', count: 1, affected: false }],
  entry: { kind: 'http' as const, name: 'POST /orders', nodeId: 'api:POST /orders', function: 'orders-api', requestId: 'r-o', time: null },
};

test('upstream and downstream follow the edges, one entry per neighbour, failing first', () => {
  assert.deepEqual(upstreamOf(tx, 'lambda:notify').map((n) => n.node.id), ['sqs:q']);
  assert.deepEqual(upstreamOf(tx, 'lambda:orders-api').map((n) => n.node.id), ['api:POST /orders']);
  assert.deepEqual(upstreamOf(tx, 'api:POST /orders'), []);
  assert.deepEqual(downstreamOf(tx, 'lambda:orders-api').map((n) => n.node.id), ['lambda:audit', 'sqs:q', 'dynamodb:t'].sort((a, b) => a.split(':')[1]!.localeCompare(b.split(':')[1]!)));
  assert.deepEqual(downstreamOf({ ...tx, nodes: tx.nodes.map((n) => (n.id === 'dynamodb:t' ? { ...n, status: 'error' as const } : n)) }, 'lambda:orders-api')[0]?.node.id, 'dynamodb:t');
});

test('each span belongs to one node: lambda before api, resources, edge targets, then the function', () => {
  const m = nodeOfSpan(tx);
  assert.equal(m.get('o1'), 'lambda:orders-api');
  assert.equal(m.get('send'), 'sqs:q');
  assert.equal(m.get('put'), 'dynamodb:t');
  assert.equal(m.get('inv'), 'lambda:audit');
  assert.equal(m.get('log'), 'lambda:orders-api');
  assert.equal(m.get('n1c'), 'lambda:notify');
});

test('invocations of a lambda node in start order; the one to show first', () => {
  const notify = tx.nodes[4] as TxNode;
  const list = invocationsOf(tx, notify);
  assert.deepEqual(list.map((i) => i.requestId), ['r-n1', 'r-n2']);
  assert.deepEqual(invocationsOf(tx, tx.nodes[2] as TxNode), []);
  assert.equal(defaultInvocation(list, 'r-n2')?.requestId, 'r-n2');
  assert.equal(defaultInvocation(list, 'nope')?.requestId, 'r-n1');
  assert.equal(defaultInvocation([inv('a', 'ok', 'x'), inv('a', 'bad', 'y', 'timeout')], null)?.requestId, 'bad');
  assert.equal(defaultInvocation([], null), null);
});

test('root span and descendants of an invocation', () => {
  assert.equal(rootSpanOf(tx.spans, 'r-n1')?.spanId, 'n1');
  assert.equal(rootSpanOf(tx.spans, 'none'), null);
  assert.deepEqual(descendantsOf(tx.spans, 'o1').map((s) => s.spanId).sort(), ['inv', 'log', 'put', 'send']);
});

test("the entry's user comes first, then by count", () => {
  assert.deepEqual(orderedUsers(tx).map((u) => [u.id, u.entry]), [['u-2', true], ['u-1', false]]);
  assert.deepEqual(orderedUsers({ ...tx, entry: null }).map((u) => u.id), ['u-1', 'u-2']);
});
