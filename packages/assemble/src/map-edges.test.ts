// Map edges of single spans (what ingest stores) agree with the stitched graph of the same spans:
// on the demo shop's export, the edges rolled up from spanMapEdges, with "?" sources resolved through
// the producer of their sample key as the store does, equal serviceMap()'s edges.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { InvocationItem, MapEdge, SpanItem } from '@nightjar/model';
import { spanMapEdges, templated } from './map-edges.ts';
import { serviceMap } from './service-map.ts';
import { awsCall, invocation, sqsAttrs, sqsTrigger } from './test-spans.ts';

interface Fixture {
  spans: SpanItem[];
  invocations: InvocationItem[];
}
const load = (name: string): Fixture => JSON.parse(readFileSync(new URL(`../test-fixtures/${name}.json`, import.meta.url), 'utf8')) as Fixture;

/** The store's rollup + read-time resolution, in memory (every consumed key with the prefix as a sample). */
function rolledUp(spans: readonly SpanItem[]): string[] {
  const peer = new Map<string, string>();
  const all: { edge: MapEdge; linkIn: readonly string[] }[] = [];
  for (const s of spans) {
    const edges = spanMapEdges(s);
    for (const edge of edges) all.push({ edge, linkIn: s.linkIn });
    for (const k of s.linkOut) if (edges[0] !== undefined) peer.set(k, edges[0].to);
  }
  const out = new Set<string>();
  for (const { edge: e, linkIn } of all) {
    let froms = [e.from];
    if (e.from.startsWith('?')) {
      const peers = linkIn.filter((k) => e.key !== '' && k.startsWith(e.key)).map((k) => peer.get(k) ?? e.from.slice(1));
      froms = peers.length > 0 ? peers : [e.from.slice(1)];
    }
    for (const from of froms) if (from !== '' && from !== e.to) out.add(`${from} -> ${e.to} (${e.via})`);
  }
  return [...out].sort();
}

for (const name of ['bad-deployment', 'order-flow', 'avatar-upload', 'lunch-reminder']) {
  test(`map edges of single spans = the stitched graph's edges (${name})`, () => {
    const f = load(name);
    const stitched = serviceMap(f.spans, f.invocations).edges.map((e) => `${e.from} -> ${e.to} (${e.via})`);
    assert.deepEqual(rolledUp(f.spans), [...new Set(stitched)].sort());
  });
}

test('a client span: caller -> resource; an invocation root: trigger -> function, batch weight, upstream sample per message service', () => {
  const root = invocation('notify', 'r-1', { attributes: { ...sqsTrigger('notify-queue', 3), 'nightjar.trigger.source': 'sqs' }, linkIn: ['sqs:a', 'sqs:b', 'sqs:c', 'sns:x', 'lambda:r-1'] });
  assert.deepEqual(spanMapEdges(root), [
    { from: 'sqs:notify-queue', to: 'lambda:notify', via: 'sqs', weight: 3, key: '' },
    { from: '?', to: 'sqs:notify-queue', via: 'sqs', weight: 3, key: 'sqs:' },
    { from: '?', to: 'sqs:notify-queue', via: 'sns', weight: 1, key: 'sns:' },
  ]);
  const send = awsCall(root, 'SQS', 'SendMessage', sqsAttrs('orders'));
  assert.deepEqual(spanMapEdges(send), [{ from: 'lambda:notify', to: 'sqs:orders', via: 'sqs', weight: 1, key: '' }]);
  assert.deepEqual(spanMapEdges({ ...send, kind: 'internal' }), [], 'an internal span shows no edge');
});

test('a guessed trigger (EventBridge names no bus to its target) is left to its producer, with the guess as fallback', () => {
  const root = invocation('order-events', 'r-2', { attributes: { 'nightjar.trigger.source': 'eventbridge', 'aws.eventbridge.detail_type': 'OrderPlaced' }, linkIn: ['events:e-1'] });
  assert.deepEqual(spanMapEdges(root), [{ from: '?eventbridge:default', to: 'lambda:order-events', via: 'eventbridge', weight: 1, key: 'events:' }]);
});

test('an HTTP trigger without a route template: ids in the path become {id}, so the map has a node per route, not per request', () => {
  assert.equal(templated('GET /payments/54166/items'), 'GET /payments/{id}/items');
  assert.equal(templated('DELETE /users/3f2b9c1e-8a4d-4f7e-9b1a-2c3d4e5f6a7b'), 'DELETE /users/{id}');
  assert.equal(templated('GET /v1/orders'), 'GET /v1/orders');
  assert.equal(templated('GET /feeds/deadbeef'), 'GET /feeds/deadbeef');
  assert.equal(templated('GET /files/a1b2c3d4e5'), 'GET /files/{id}');
  const root = invocation('users-api', 'r-3', { attributes: { 'faas.trigger': 'http', 'http.request.method': 'GET', 'url.path': '/users/12345' } });
  assert.deepEqual(spanMapEdges(root), [{ from: 'api:GET /users/{id}', to: 'lambda:users-api', via: 'trigger', weight: 1, key: '' }]);
  const routed = invocation('users-api', 'r-4', { attributes: { 'faas.trigger': 'http', 'http.request.method': 'GET', 'http.route': '/users/{userId}', 'url.path': '/users/12345' } });
  assert.equal(spanMapEdges(routed)[0]?.from, 'api:GET /users/{userId}');
});
