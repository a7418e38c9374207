import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { InvocationItem, SpanItem } from '@nightjar/model';
import { nsToIso } from '@nightjar/model';
import { assembleTransaction } from '@nightjar/assemble';
import { seededRandom } from './random.ts';
import { transactionChain } from './transaction-chain.ts';

/** The rows as the store would return them. */
function items(chain: ReturnType<typeof transactionChain>): { spans: SpanItem[]; invocations: InvocationItem[] } {
  return {
    spans: chain.spans.map((s) => ({
      traceId: s.traceId, spanId: s.spanId, parentSpanId: s.parentSpanId, name: s.name, service: s.service, kind: s.kind,
      start: nsToIso(s.startNs), startNs: s.startNs, durationMs: s.durationNs / 1e6, status: s.status, statusMessage: s.statusMessage,
      attributes: s.attributes, resource: s.resource, events: s.events.map((e) => ({ time: nsToIso(e.timeNs), name: e.name, attributes: e.attributes })),
      functionName: s.functionName, requestId: s.requestId, linkOut: s.linkOut, linkIn: s.linkIn, input: s.input, output: s.output,
    })),
    invocations: chain.invocations.map((i) => ({
      function: i.function, requestId: i.requestId, version: '7', region: 'us-east-1', start: i.startNs ? nsToIso(i.startNs) : null, durationMs: i.durationMs,
      billedDurationMs: null, memorySizeMb: null, maxMemoryUsedMb: null, initDurationMs: null, coldStart: false, status: i.status ?? 'unknown',
      errorType: i.errorType, errorMessage: i.errorMessage, costUsd: null, traceId: i.traceId, sources: ['report-log', 'tracer'],
    })),
  };
}

test('a failing chain assembles into one transaction: seven functions, entry POST /orders, root cause orders-api', () => {
  const chain = transactionChain({ rnd: seededRandom(3), startMs: Date.now() - 60_000, failing: true, userId: 'u-0042' });
  assert.equal(chain.traceIds.length, 7);
  const tx = assembleTransaction({ id: chain.requestIds.notify ?? '', ...items(chain) });
  assert.equal(tx.status, 'error');
  assert.equal(tx.entry?.name, 'POST /orders');
  assert.deepEqual(tx.users.map((u) => u.id), ['u-0042']);
  const lambdas = tx.nodes.filter((n) => n.type === 'lambda').map((n) => n.name).sort();
  assert.deepEqual(lambdas, ['clickstream', 'fraud-check', 'inventory', 'notify', 'order-events', 'orders-api', 'process-payment']);
  assert.equal(tx.rootCause?.function, 'orders-api');
  assert.equal(tx.rootCause?.field, 'phone');
  assert.equal(tx.rootCause?.firstFailure.function, 'notify');
});

test('a healthy chain has no root cause; the same seed gives the same chain', () => {
  const a = transactionChain({ rnd: seededRandom(9), startMs: 1_800_000_000_000 });
  const b = transactionChain({ rnd: seededRandom(9), startMs: 1_800_000_000_000 });
  assert.deepEqual(a, b);
  const tx = assembleTransaction({ id: a.traceIds[0] ?? '', ...items(a) });
  assert.equal(tx.status, 'ok');
  assert.equal(tx.rootCause, null);
});
