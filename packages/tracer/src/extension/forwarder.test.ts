// The forwarder against a real local HTTP server: merged span bodies decode as one OTLP request,
// telemetry goes to /ingest/lambda-telemetry with the function's name, and a dead backend opens
// the breaker (one log line, no more POSTs) while the buffer keeps the newest items.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeTraces } from '@nightjar/otlp';
import { encodeTraceRequest } from '../otlp/encode-traces.ts';
import type { TracerSpan } from '../otlp/span.ts';
import { Forwarder } from './forwarder.ts';

const span = (name: string): TracerSpan => ({
  traceId: '0af7651916cd43dd8448eb211c80319c',
  spanId: name === 'a' ? 'b7ad6b7169203331' : 'b7ad6b7169203332',
  name,
  kind: 'server',
  startNs: 1_700_000_000_000_000_000n,
  endNs: 1_700_000_000_001_000_000n,
});

describe('Forwarder', () => {
  let server: http.Server;
  let url: string;
  const got: { path: string; query: string; body: Buffer }[] = [];
  before(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const u = new URL(req.url ?? '/', 'http://x');
        got.push({ path: u.pathname, query: u.search, body: Buffer.concat(chunks) });
        res.end('{}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))));

  const options = { token: 't', functionName: 'f n', functionVersion: '3', region: 'eu-west-1', timeoutMs: 500, maxBufferBytes: 1 << 20 };

  it('sends telemetry and merged span bodies; the merge decodes as one request', async () => {
    const fw = new Forwarder({ ...options, endpoint: url, log: () => undefined });
    const scope = { name: 's', version: '1' };
    fw.addEvents([{ time: 't', type: 'platform.start', record: { requestId: 'r' } }]);
    fw.addSpans(encodeTraceRequest([span('a')], { 'service.name': 'x' }, scope));
    fw.addSpans(encodeTraceRequest([span('b')], { 'service.name': 'x' }, scope));
    await fw.flush(Date.now() + 2000);
    assert.equal(fw.pending, 0);
    const telemetry = got.filter((g) => g.path === '/ingest/lambda-telemetry');
    assert.equal(telemetry[0]?.query, '?function=f+n&version=3&region=eu-west-1');
    assert.deepEqual(JSON.parse(telemetry[0]?.body.toString() ?? ''), [{ time: 't', type: 'platform.start', record: { requestId: 'r' } }]);
    const names = got.filter((g) => g.path === '/v1/traces').flatMap((g) => decodeTraces(g.body, 'protobuf', { project: 'p' }).rows.map((s) => s.name));
    assert.deepEqual(names.sort(), ['a', 'b']);
  });

  it('a refusing backend opens the breaker after 3 failures: one log line, later items stay buffered (oldest dropped)', async () => {
    const dead = http.createServer();
    await new Promise<void>((r) => dead.listen(0, '127.0.0.1', r));
    const deadUrl = `http://127.0.0.1:${(dead.address() as AddressInfo).port}`;
    await new Promise<void>((r) => dead.close(() => r()));
    const lines: string[] = [];
    const fw = new Forwarder({ ...options, endpoint: deadUrl, maxBufferBytes: 200, log: (l) => lines.push(l) });
    for (let i = 0; i < 5; i++) {
      fw.addEvents([{ i }]);
      await fw.flush(Date.now() + 1000);
    }
    assert.equal(fw.breaker.state, 'open');
    assert.equal(fw.stats.failedPosts, 3);
    assert.equal(lines.filter((l) => l.includes('failing')).length, 1);
    assert.equal(fw.pending, 2, 'sent nothing while open');
    for (let i = 0; i < 20; i++) fw.addEvents([{ i, pad: 'x'.repeat(20) }]);
    assert.ok(fw.dropped > 0);
  });
});
