/// <reference types="node" />
// Over the demo shop's service map (serviceMap() of packages/assemble over its test fixtures).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { ServiceMap } from '@nightjar/model';
import ELK from 'elkjs/lib/elk.bundled.js';
import { elkGraph, layoutElements } from '../transactions/graph-layout';
import { errorRate, errorRateText, highlighted, mapEdgeLabel, mapEdgeTone, mapNeighbours, mapTotals, matchesFilter, visibleMap } from './service-map-model';

const demo = JSON.parse(readFileSync(new URL('./demo-service-map.json', import.meta.url), 'utf8')) as ServiceMap;
const node = (id: string) => demo.nodes.find((n) => n.id === id);

test('error rates: failures over requests, none without requests', () => {
  const notify = node('lambda:notify');
  assert.ok(notify && notify.errors > 0);
  assert.equal(errorRate(notify), notify.errors / notify.requests);
  assert.equal(errorRateText({ requests: 5, errors: 1 }), '20%');
  assert.equal(errorRateText({ requests: 40, errors: 1 }), '2.5%');
  assert.equal(errorRateText({ requests: 3, errors: 0 }), '0%');
  assert.equal(errorRateText({ requests: 0, errors: 0 }), '—');
  assert.equal(errorRate({ count: 13, errors: 1 }), 1 / 13, 'edges count calls');
});

test('edge labels: the count, and the failures when any', () => {
  const failing = demo.edges.find((e) => e.to === 'lambda:notify' && e.errors > 0);
  assert.ok(failing);
  assert.equal(mapEdgeLabel(failing), `${failing.count} · ${failing.errors} failed`);
  assert.equal(mapEdgeLabel({ count: 1234, errors: 0 }), '1,234');
  assert.equal(mapEdgeTone(failing, null), 'error');
  const quiet = demo.edges.find((e) => e.errors === 0);
  assert.ok(quiet);
  assert.equal(mapEdgeTone(quiet, null), 'ok');
  assert.equal(mapEdgeTone(quiet, new Set(['nothing'])), 'dim');
  assert.equal(mapEdgeTone(quiet, new Set([quiet.to])), 'ok', 'one end highlighted is enough');
});

test('hiding external hosts drops them and the calls to them; entries come first', () => {
  const all = visibleMap(demo, { hideHttp: false });
  assert.equal(all.nodes.length, demo.nodes.length);
  assert.equal(all.edges.length, demo.edges.length);
  assert.deepEqual(all.nodes.slice(0, 3).map((n) => n.type), ['api', 'api', 'schedule']);
  const hosts = demo.nodes.filter((n) => n.type === 'http').map((n) => n.id);
  assert.ok(hosts.length > 0, 'the demo calls a payment host');
  const hidden = visibleMap(demo, { hideHttp: true });
  assert.equal(hidden.nodes.length, demo.nodes.length - hosts.length);
  assert.ok(hidden.nodes.every((n) => n.type !== 'http'));
  assert.ok(hidden.edges.every((e) => !hosts.includes(e.from) && !hosts.includes(e.to)));
  assert.equal(hidden.edges.length, demo.edges.filter((e) => !hosts.includes(e.from) && !hosts.includes(e.to)).length);
  assert.ok(hidden.edges.length < demo.edges.length);
  assert.equal(mapTotals(demo).hosts, hosts.length);
  assert.equal(mapTotals(demo).failingNodes, 1);
});

test('the filter box highlights by name or id, case-insensitively', () => {
  assert.equal(highlighted(demo, '  '), null);
  const lit = highlighted(demo, 'NOTIF');
  assert.deepEqual([...(lit ?? [])].sort(), ['lambda:notify', 'sns:shop-notifications', 'sqs:shop-notifications-queue']);
  assert.ok(matchesFilter({ id: 'sqs:shop-payments', name: 'shop-payments' }, 'sqs:'));
  assert.equal(matchesFilter({ id: 'lambda:a', name: 'a' }, 'zzz'), false);
});

test("a node's incoming and outgoing edges, failing first", () => {
  const into = mapNeighbours(demo, 'lambda:notify', 'in');
  assert.ok(into.length >= 1);
  assert.equal(into[0]?.edge.errors && into[0].edge.errors > 0, true);
  assert.ok(into.every((x) => x.edge.to === 'lambda:notify' && x.node.id === x.edge.from));
  const out = mapNeighbours(demo, 'lambda:orders-api', 'out');
  assert.ok(out.length >= 2);
  assert.ok(out.every((x) => x.edge.from === 'lambda:orders-api'));
  for (let i = 1; i < out.length; i++) {
    const [a, b] = [out[i - 1]!, out[i]!];
    assert.ok(a.edge.errors > 0 || b.edge.errors === 0);
  }
});

test('the map is laid out left to right by ELK: every drawn edge routed and labelled, no overlaps', async () => {
  const shown = visibleMap(demo, { hideHttp: false });
  const size = { width: 200, height: 74 };
  const laid = await new ELK().layout(elkGraph(shown, null, size));
  const { nodes, edges } = layoutElements(shown, laid, { size, label: mapEdgeLabel, labelFirst: (e) => e.errors > 0 });
  assert.equal(nodes.length, demo.nodes.length);
  assert.equal(edges.length, new Set(demo.edges.filter((e) => e.from !== e.to).map((e) => `${e.from}|${e.to}|${e.via}`)).size);
  const x = (id: string) => nodes.find((n) => n.id === id)?.position.x ?? NaN;
  assert.ok(x('api:POST /orders') < x('lambda:orders-api'));
  assert.ok(x('sqs:shop-payments') < x('lambda:process-payment'));
  for (const e of edges) {
    assert.ok(e.points.length >= 2, `route of ${e.id}`);
    assert.ok(e.labelX !== null, `label of ${e.id}`);
    assert.equal(e.label, mapEdgeLabel(e.edge));
  }
  for (const a of nodes)
    for (const b of nodes) {
      if (a.id >= b.id) continue;
      const apart = Math.abs(a.position.x - b.position.x) >= size.width || Math.abs(a.position.y - b.position.y) >= size.height;
      assert.ok(apart, `${a.id} overlaps ${b.id}`);
    }
});
