/// <reference types="node" />
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TxEdge, TxNode } from '@nightjar/model';
import ELK from 'elkjs/lib/elk.bundled.js';
import { edgeId, edgeLabel, elkGraph, fitZoom, labelPoint, labelWidth, layoutElements, NODE_WIDTH, pickLayout, placeLabels, roundedPath, txNodeFlags } from './graph-layout';

function node(id: string, status: TxNode['status'] = 'ok'): TxNode {
  const [type = 'lambda', name = id] = id.split(':') as [TxNode['type'], string];
  return { id, type, name, status, count: 1, errors: status === 'error' ? 1 : 0, requestIds: [], spanIds: [], traced: true, versions: [], start: null, durationMs: 1 };
}
function edge(from: string, to: string, via: TxEdge['via'], count = 1): TxEdge {
  return { from, to, via, count, status: 'ok', spanIds: [] };
}

const tx = {
  nodes: [node('api:POST /orders'), node('lambda:orders-api'), node('sqs:shop-payments'), node('lambda:process-payment'), node('dynamodb:shop-orders'), node('lambda:notify', 'error')],
  edges: [
    edge('api:POST /orders', 'lambda:orders-api', 'trigger'),
    edge('lambda:orders-api', 'sqs:shop-payments', 'sqs'),
    edge('sqs:shop-payments', 'lambda:process-payment', 'sqs', 2),
    edge('lambda:orders-api', 'dynamodb:shop-orders', 'dynamodb'),
    edge('lambda:process-payment', 'dynamodb:shop-orders', 'dynamodb'),
    edge('lambda:process-payment', 'lambda:notify', 'invoke'),
    edge('lambda:notify', 'lambda:notify', 'invoke'),
    edge('lambda:notify', 'lambda:gone', 'invoke'),
  ],
  rootCause: null,
};

test('the ELK input has one box per node and one edge per known, non-loop edge', () => {
  const g = elkGraph(tx);
  assert.equal(g.layoutOptions?.['elk.layered.wrapping.strategy'], undefined);
  const w = elkGraph(tx, 2.5);
  assert.equal(w.layoutOptions?.['elk.layered.wrapping.strategy'], 'MULTI_EDGE');
  assert.equal(w.layoutOptions?.['elk.aspectRatio'], '2.50');
  assert.equal(g.layoutOptions?.['elk.algorithm'], 'layered');
  assert.equal(g.layoutOptions?.['elk.direction'], 'RIGHT');
  assert.deepEqual(g.children?.map((c) => c.id), tx.nodes.map((n) => n.id));
  assert.equal(g.edges?.length, 6);
  const e = g.edges?.find((x) => x.id === edgeId({ from: 'sqs:shop-payments', to: 'lambda:process-payment', via: 'sqs' }));
  assert.deepEqual([e?.sources, e?.targets], [['sqs:shop-payments'], ['lambda:process-payment']]);
  assert.equal(edgeLabel({ via: 'sqs', count: 2 }), 'sqs ×2');
});

test('ELK lays the flow out left to right without overlaps, and every edge gets a route', async () => {
  const laid = await new ELK().layout(elkGraph(tx));
  const { nodes, edges } = layoutElements(tx, laid, { label: edgeLabel });
  const x = (id: string) => nodes.find((n) => n.id === id)?.position.x ?? NaN;
  assert.ok(x('api:POST /orders') < x('lambda:orders-api'));
  assert.ok(x('lambda:orders-api') < x('sqs:shop-payments'));
  assert.ok(x('sqs:shop-payments') < x('lambda:process-payment'));
  assert.ok(x('lambda:process-payment') < x('lambda:notify'));
  for (const a of nodes)
    for (const b of nodes) {
      if (a.id >= b.id) continue;
      const apart = Math.abs(a.position.x - b.position.x) >= NODE_WIDTH || Math.abs(a.position.y - b.position.y) >= a.height;
      assert.ok(apart, `${a.id} overlaps ${b.id}`);
    }
  assert.equal(edges.length, 6);
  for (const e of edges) {
    assert.ok(e.points.length >= 2, `route of ${e.id}`);
    assert.ok(e.labelX !== null && e.labelY !== null, `label of ${e.id}`);
    assert.equal(e.label, edgeLabel(e.edge));
  }
});

test('a bigger node size is given to ELK and to the positioned nodes', async () => {
  const size = { width: 220, height: 90 };
  const g = elkGraph(tx, null, size);
  assert.ok(g.children?.every((c) => c.width === 220 && c.height === 90));
  const { nodes } = layoutElements(tx, await new ELK().layout(g), { size, label: edgeLabel });
  assert.ok(nodes.every((n) => n.width === 220 && n.height === 90));
  const x = (id: string) => nodes.find((n) => n.id === id)?.position.x ?? NaN;
  assert.ok(x('lambda:orders-api') - x('api:POST /orders') >= 220, 'layers a node width apart at least');
});

test('root cause and first failure are flagged on their nodes', () => {
  const rc = {
    ...tx,
    rootCause: {
      nodeId: 'lambda:orders-api',
      function: 'orders-api',
      requestId: 'r1',
      spanId: 's1',
      reason: 'x',
      field: 'phone',
      firstFailure: { nodeId: 'lambda:notify', function: 'notify', requestId: 'r2', spanId: 's2', errorType: 'E', message: 'm', time: null },
    },
  };
  const flags = tx.nodes.map((n) => ({ id: n.id, ...txNodeFlags(rc, n.id, 'lambda:notify') }));
  assert.deepEqual(flags.filter((n) => n.rootCause).map((n) => n.id), ['lambda:orders-api']);
  assert.deepEqual(flags.filter((n) => n.firstFailure).map((n) => n.id), ['lambda:notify']);
  assert.deepEqual(flags.filter((n) => n.selected).map((n) => n.id), ['lambda:notify']);
  assert.equal(txNodeFlags(tx, 'lambda:notify', null).firstFailure, false, 'no root cause: nothing flagged');
});

test('the straight layout is kept while readable; a much larger wrapped one wins otherwise', () => {
  const view = { width: 1000, height: 500 };
  assert.equal(fitZoom({ width: 500, height: 100 }, view), 1);
  assert.equal(fitZoom({ width: 2000, height: 100 }, view), 0.5);
  const straight = { width: 2000, height: 300, name: 'straight' };
  const wrapped = { width: 1100, height: 560, name: 'wrapped' };
  assert.equal(pickLayout(straight, wrapped, view).name, 'wrapped');
  assert.equal(pickLayout({ ...straight, width: 1200 }, wrapped, view).name, 'straight');
  assert.equal(pickLayout(straight, { width: 1900, height: 400, name: 'w' }, view).name, 'straight');
  assert.equal(pickLayout(straight, null, view).name, 'straight');
});

test('a label sits on the longest horizontal run of its route', () => {
  assert.equal(labelPoint([]), null);
  const route = [{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 10, y: 100 }, { x: 70, y: 100 }];
  assert.deepEqual(labelPoint(route), { x: 40, y: 100 });
  assert.deepEqual(labelPoint([{ x: 0, y: 0 }, { x: 0, y: 50 }]), { x: 0, y: 25 });
});

test('labels of parallel runs do not overlap each other or the nodes', () => {
  const run = (y: number) => [{ x: 0, y }, { x: 400, y }];
  const spots = placeLabels(
    [
      { id: 'a', points: run(100), text: 'dynamodb ×2' },
      { id: 'b', points: run(100), text: 'eventbridge ×2' },
      { id: 'c', points: [{ x: 0, y: 300 }, { x: 10, y: 300 }], text: 'sqs ×1' },
    ],
    [{ x: 150, y: 90, width: 100, height: 40 }],
  );
  const a = spots.get('a');
  const b = spots.get('b');
  assert.ok(a && b);
  const wa = labelWidth('dynamodb ×2');
  const wb = labelWidth('eventbridge ×2');
  assert.ok(Math.abs(a.x - b.x) >= (wa + wb) / 2, `labels apart: ${a.x} ${b.x}`);
  for (const [p, w] of [[a, wa], [b, wb]] as const) assert.ok(p.x + w / 2 <= 150 || p.x - w / 2 >= 250, 'clear of the node');
  assert.deepEqual(spots.get('c'), { x: 5, y: 300 }, 'too short a run: its middle');
});

test('routes are drawn with rounded corners', () => {
  assert.equal(roundedPath([]), '');
  assert.equal(roundedPath([{ x: 0, y: 0 }, { x: 10, y: 0 }]), 'M 0 0 L 10 0');
  assert.equal(roundedPath([{ x: 0, y: 0 }, { x: 20, y: 0 }, { x: 20, y: 20 }], 5), 'M 0 0 L 15 0 Q 20 0 20 5 L 20 20');
});
