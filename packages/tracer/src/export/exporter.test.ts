// The exporter against a real local HTTP server that answers, fails, hangs, or is not there.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import type { TracerSpan } from '../otlp/span.ts';
import { refusingUrl, startBackend, type Backend } from '../../test/otlp-backend.ts';
import { Exporter, type ExporterOptions } from './exporter.ts';

const span = (name: string): TracerSpan => ({
  traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
  spanId: '00f067aa0ba902b7',
  name,
  kind: 'server',
  startNs: 1700000000000000000n,
  endNs: 1700000000100000000n,
  attributes: { 'faas.invocation_id': name },
});

function exporter(endpoint: string, extra: Partial<ExporterOptions> = {}) {
  const logs: string[] = [];
  const e = new Exporter({
    endpoint,
    timeoutMs: 150,
    scope: { name: '@nightjar/lambda', version: '0.1.0' },
    log: (l) => logs.push(l),
    breaker: { threshold: 2, coolDownsMs: [150, 300] },
    ...extra,
  });
  return { e, logs };
}

const backends: Backend[] = [];
after(async () => {
  for (const b of backends) await b.close();
});
async function backend(mode: Parameters<typeof startBackend>[0]) {
  const b = await startBackend(mode);
  backends.push(b);
  return b;
}

async function timed<T>(f: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await f();
  return { value, ms: performance.now() - t0 };
}

describe('Exporter', () => {
  test('posts OTLP protobuf to /v1/traces with the bearer token', async () => {
    const b = await backend('ok');
    const { e, logs } = exporter(b.url + '/', { token: 's3cret' });
    assert.equal(await e.export([span('r1')], { 'service.name': 'orders' }), 'sent');
    const [got] = b.received;
    assert.equal(got?.path, '/v1/traces');
    assert.equal(got?.headers['authorization'], 'Bearer s3cret');
    assert.equal(got?.headers['content-type'], 'application/x-protobuf');
    assert.equal(got?.spans[0]?.requestId, 'r1');
    assert.equal(got?.spans[0]?.service, 'orders');
    assert.deepEqual(logs, []);
    // keep-alive: the second export reuses the connection and still arrives
    assert.equal(await e.export([span('r2')], {}), 'sent');
    assert.equal(b.received[1]?.spans[0]?.requestId, 'r2');
  });

  test('refused connections: failed quickly, then the breaker opens and exports are skipped in under 1 ms', async () => {
    const { e, logs } = exporter(await refusingUrl());
    const first = await timed(() => e.export([span('a')], {}));
    assert.equal(first.value, 'failed');
    assert.ok(first.ms < 150, `refused export took ${first.ms} ms`);
    assert.equal(await e.export([span('b')], {}), 'failed');
    assert.equal(e.breaker.state, 'open');
    const times: number[] = [];
    for (let i = 0; i < 50; i++) {
      const r = await timed(() => e.export([span('c')], {}));
      assert.equal(r.value, 'skipped');
      times.push(r.ms);
    }
    times.sort((x, y) => x - y);
    assert.ok((times[25] ?? Infinity) < 1, `median skipped export ${times[25]} ms`);
    assert.equal(logs.length, 2, logs.join('\n'));
    assert.match(logs[0] ?? '', /failed \(.*ECONNREFUSED/);
    assert.match(logs[1] ?? '', /skipping exports for/);
  });

  test('a hanging backend: each export is cut at the timeout', async () => {
    const b = await backend('hang');
    const { e } = exporter(b.url, { timeoutMs: 100 });
    const r = await timed(() => e.export([span('h')], {}));
    assert.equal(r.value, 'failed');
    assert.ok(r.ms >= 95 && r.ms < 400, `hang export took ${r.ms} ms`);
  });

  test('a slow answer within the timeout is a success; beyond it a failure', async () => {
    const b = await backend({ delayMs: 30 });
    const { e } = exporter(b.url, { timeoutMs: 200 });
    assert.equal(await e.export([span('s')], {}), 'sent');
    b.mode = { delayMs: 400 };
    const r = await timed(() => e.export([span('s2')], {}));
    assert.equal(r.value, 'failed');
    assert.ok(r.ms < 350, `took ${r.ms} ms`);
  });

  test('HTTP 500 counts as a failure; after the cool-down one probe goes out and a success closes the breaker', async () => {
    const b = await backend('error500');
    const { e, logs } = exporter(b.url);
    assert.equal(await e.export([span('1')], {}), 'failed');
    assert.equal(await e.export([span('2')], {}), 'failed');
    assert.equal(await e.export([span('3')], {}), 'skipped');
    assert.equal(b.received.length, 2);
    await new Promise((r) => setTimeout(r, 170));
    b.mode = 'ok';
    assert.equal(await e.export([span('probe')], {}), 'sent');
    assert.equal(e.breaker.state, 'closed');
    assert.equal(b.received.length, 3);
    assert.equal(logs.length, 3, logs.join('\n'));
    assert.match(logs[0] ?? '', /HTTP 500/);
    assert.match(logs[2] ?? '', /recovered/);
  });
});

describe('Exporter: console log records', () => {
  const line = { timeNs: 1700000000050000000n, severityText: 'INFO' as const, body: 'hello', traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', attributes: { 'faas.invocation_id': 'logs-1' } };

  test('spans to /v1/traces and log records to /v1/logs, both sent; no logs request without records', async () => {
    const b = await backend('ok');
    const { e } = exporter(b.url, { token: 'tok' });
    assert.equal(await e.export([span('logs-1')], { 'service.name': 'orders' }, [line]), 'sent');
    assert.deepEqual(b.received.map((r) => r.path).sort(), ['/v1/logs', '/v1/traces']);
    const logs = b.received.find((r) => r.path === '/v1/logs');
    assert.equal(logs?.headers['authorization'], 'Bearer tok');
    assert.deepEqual(logs?.logs.map((l) => [l.body, l.requestId, l.resource['service.name']]), [['hello', 'logs-1', 'orders']]);
    assert.equal(await e.export([span('logs-2')], {}), 'sent');
    assert.equal(b.received.filter((r) => r.path === '/v1/logs').length, 1);
  });

  test('a failing backend counts one breaker failure per export, not one per request', async () => {
    const b = await backend('error500');
    const { e } = exporter(b.url, { breaker: { threshold: 2, coolDownsMs: [10_000] } });
    assert.equal(await e.export([span('a')], {}, [line]), 'failed');
    assert.equal(e.breaker.state, 'closed', 'two failed requests of one export are one failure');
    assert.equal(await e.export([span('b')], {}, [line]), 'failed');
    assert.equal(e.breaker.state, 'open');
    assert.equal(await e.export([span('c')], {}, [line]), 'skipped');
  });
});
