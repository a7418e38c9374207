import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { RowBatch } from '@nightjar/model';
import { createIngestHandler } from './ingest-handler.ts';
import { SinkOverloadedError } from './errors.ts';
import type { RowSink } from './sink.ts';

type Mode = 'ok' | 'overloaded' | 'broken';
let mode: Mode = 'ok';
const written: RowBatch[] = [];
const sink: RowSink = {
  async write(batch) {
    if (mode === 'overloaded') throw new SinkOverloadedError('writer holds 200000 rows', 2);
    if (mode === 'broken') throw new Error('disk full');
    written.push(batch);
  },
};
const ingest = createIngestHandler({ project: 'p1', sink, now: () => 1_700_000_000_000 });
const server: Server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  if (!ingest.handle(req, res, url)) res.writeHead(404).end();
});
const base = await new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as { port: number }).port}`)));
after(() => server.close());

const TRACE = '5b8efff798038103d269b633813fc60c';
function otlpJson(spans: { traceId: string; spanId: string }[]) {
  return JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'svc' } }] },
        scopeSpans: [{ spans: spans.map((s) => ({ ...s, name: 'op', kind: 2, startTimeUnixNano: '1700000000000000000', endTimeUnixNano: '1700000000100000000' })) }],
      },
    ],
  });
}
const post = (path: string, body: string, type = 'application/json') => fetch(base + path, { method: 'POST', headers: { 'content-type': type }, body });

test('a request with one invalid span keeps the others and reports partial success', async () => {
  mode = 'ok';
  written.length = 0;
  const res = await post('/v1/traces', otlpJson([{ traceId: TRACE, spanId: 'eee19b7ec3c1b174' }, { traceId: 'abc', spanId: 'eee19b7ec3c1b175' }]));
  assert.equal(res.status, 200);
  const body = (await res.json()) as { partialSuccess?: { rejectedSpans?: string | number; errorMessage?: string } };
  assert.equal(Number(body.partialSuccess?.rejectedSpans), 1);
  assert.ok(body.partialSuccess?.errorMessage);
  assert.equal(written.length, 1);
  assert.equal(written[0]!.spans.length, 1);
  assert.equal(written[0]!.spans[0]!.project, 'p1');
  assert.equal(written[0]!.ingestErrors.length, 1, 'the rejection is kept where a user can see it');
  assert.equal(written[0]!.ingestErrors[0]!.source, 'otlp-traces');
});

test('a saturated store answers 429 with Retry-After and accepts nothing', async () => {
  mode = 'overloaded';
  written.length = 0;
  const res = await post('/v1/traces', otlpJson([{ traceId: TRACE, spanId: 'eee19b7ec3c1b176' }]));
  assert.equal(res.status, 429);
  assert.equal(res.headers.get('retry-after'), '2');
  assert.equal(written.length, 0);
  const fh = await post('/ingest/firehose', JSON.stringify({ requestId: 'r-9', timestamp: 1, records: [] }));
  assert.equal(fh.status, 429);
  assert.equal(((await fh.json()) as { requestId: string }).requestId, 'r-9');
});

test('a failing store answers 503 with Retry-After, never 200', async () => {
  mode = 'broken';
  const res = await post('/v1/traces', otlpJson([{ traceId: TRACE, spanId: 'eee19b7ec3c1b177' }]));
  assert.equal(res.status, 503);
  assert.ok(res.headers.get('retry-after'));
  const tel = await post('/ingest/lambda-telemetry?function=f', '[]');
  assert.equal(tel.status, 503);
});

test('other paths are left to the caller; ingest paths refuse GET', async () => {
  mode = 'ok';
  assert.equal((await fetch(base + '/api/health')).status, 404);
  const get = await fetch(base + '/ingest/firehose');
  assert.equal(get.status, 405);
  assert.equal(get.headers.get('allow'), 'POST');
});

test('counters record accepted rows and failed requests', () => {
  const snap = ingest.counters.snapshot();
  assert.ok((snap['traces']?.accepted ?? 0) >= 1);
  assert.ok((snap['traces']?.failedRequests['429'] ?? 0) >= 1);
  assert.ok((snap['traces']?.failedRequests['503'] ?? 0) >= 1);
});
