// Outbound HTTP through node:http and fetch, end to end: a wrap()-ed handler, a real local server,
// the spans exported to a real local OTLP backend and decoded with @nightjar/otlp.
import assert from 'node:assert/strict';
import http from 'node:http';
import http2 from 'node:http2';
import { request as esmRequest } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { startH2Server } from '../../test/h2-server.ts';
import { refusingUrl, startBackend, type Backend } from '../../test/otlp-backend.ts';
import { startServer, tracedRun, type TestServer } from '../../test/traced-run.ts';
import { outbound } from './hooks.ts';
import { instrumentOutbound } from './index.ts';
import type { OutboundHandle } from './outbound-span.ts';

let backend: Backend;
let server: TestServer;
before(async () => {
  instrumentOutbound(undefined); // wrap() does it too: here before any session or request of this file
  backend = await startBackend();
  server = await startServer((req, res) => {
    res.writeHead(req.url.startsWith('/missing') ? 404 : 200, { 'content-type': 'text/plain' });
    res.end(`hello ${req.method}`);
  });
});
after(async () => {
  await server.close();
  await backend.close();
});

function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      })
      .on('error', reject);
  });
}

function post(url: string, body: string, request: typeof http.request = http.request): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'text/plain' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function caught(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => assert.fail('expected a failure'),
    (err: unknown) => err,
  );
}

function summary(err: unknown): unknown {
  const e = err as { name?: unknown; message?: unknown; code?: unknown; cause?: { code?: unknown; message?: unknown } };
  return { name: e.name, message: e.message, code: e.code, cause: e.cause?.code, causeMessage: e.cause?.message, type: Object.getPrototypeOf(err) };
}

describe('outbound HTTP: node:http', () => {
  test('a GET inside an invocation: client span with method, scrubbed URL, server, status; traceparent sent', async () => {
    const { result, root, children } = await tracedRun(backend, () => get(`${server.url}/items?id=7&api_key=s3cr3t-value`));
    assert.deepEqual(result, { status: 200, body: 'hello GET' });
    assert.equal(children.length, 1);
    const s = children[0];
    assert.ok(s !== undefined);
    assert.equal(s.kind, 'client');
    assert.equal(s.name, 'GET 127.0.0.1');
    assert.equal(s.parentSpanId, root.spanId);
    assert.equal(s.traceId, root.traceId);
    assert.equal(s.status, 'unset');
    assert.equal(s.attributes['http.request.method'], 'GET');
    assert.equal(s.attributes['url.full'], `${server.url}/items?id=7&api_key=[REDACTED]`);
    assert.equal(s.attributes['server.address'], '127.0.0.1');
    assert.equal(s.attributes['server.port'], String(server.port));
    assert.equal(s.attributes['http.response.status_code'], '200');
    assert.ok(s.durationNs > 0);
    const seen = server.seen.at(-1);
    assert.equal(seen?.headers['traceparent'], `00-${s.traceId}-${s.spanId}-01`);
  });

  test('ESM named import and a request body; 404 marks the span as an error', async () => {
    const { result, children } = await tracedRun(backend, async () => [await post(`${server.url}/orders`, 'x'.repeat(10), esmRequest), (await get(`${server.url}/missing`)).status]);
    assert.deepEqual(result, [200, 404]);
    assert.deepEqual(
      children.map((s) => [s.name, s.attributes['http.response.status_code'], s.status]),
      [
        ['POST 127.0.0.1', '200', 'unset'],
        ['GET 127.0.0.1', '404', 'error'],
      ],
    );
    assert.equal(server.seen.at(-2)?.body, 'xxxxxxxxxx');
    assert.match(String(server.seen.at(-2)?.headers['traceparent']), /^00-[\da-f]{32}-[\da-f]{16}-01$/);
  });

  test('outside an invocation nothing is recorded and no header is added', async () => {
    const count = backend.received.length;
    assert.equal((await get(`${server.url}/plain`)).status, 200);
    assert.equal(server.seen.at(-1)?.headers['traceparent'], undefined);
    assert.equal(backend.received.length, count);
  });

  test('a caller-set traceparent is kept; requests to the Nightjar endpoint are not traced', async () => {
    const own = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const { children } = await tracedRun(backend, async () => {
      await get(`${server.url}/own`, { traceparent: own });
      await post(`${backend.url}/v1/traces`, '');
    });
    assert.equal(server.seen.at(-1)?.headers['traceparent'], own);
    assert.deepEqual(
      children.map((s) => s.name),
      ['GET 127.0.0.1'],
    );
  });

  test('connection refused: an error span, and the caller sees the same error as without the tracer', async () => {
    const refused = await refusingUrl();
    const untraced = await caught(get(`${refused}/x`));
    const { result, children } = await tracedRun(backend, () => caught(get(`${refused}/x`)));
    assert.deepEqual(summary(result), summary(untraced));
    assert.equal((result as { code?: string }).code, 'ECONNREFUSED');
    const s = children[0];
    assert.equal(s?.status, 'error');
    assert.equal(s.attributes['error.type'], 'ECONNREFUSED');
    assert.equal(s.events[0]?.name, 'exception');
  });
});

describe('outbound HTTP: fetch', () => {
  test('a fetch: client span, status, traceparent added', async () => {
    const { result, children } = await tracedRun(backend, async () => {
      const res = await fetch(`${server.url}/f?token=abc12345`, { headers: { 'x-test': '1' } });
      return [res.status, await res.text()];
    });
    assert.deepEqual(result, [200, 'hello GET']);
    const s = children[0];
    assert.equal(children.length, 1);
    assert.equal(s?.name, 'GET 127.0.0.1');
    assert.equal(s.attributes['url.full'], `${server.url}/f?token=[REDACTED]`);
    assert.equal(s.attributes['http.response.status_code'], '200');
    const seen = server.seen.at(-1);
    assert.equal(seen?.headers['x-test'], '1');
    assert.equal(seen.headers['traceparent'], `00-${s.traceId}-${s.spanId}-01`);
  });

  test('connection refused: an error span, and the same rejection as without the tracer', async () => {
    const refused = await refusingUrl();
    const untraced = await caught(fetch(`${refused}/x`));
    const { result, children } = await tracedRun(backend, () => caught(fetch(`${refused}/x`)));
    assert.deepEqual(summary(result), summary(untraced));
    const s = children[0];
    assert.equal(s?.status, 'error');
    assert.equal(s.attributes['error.type'], 'ECONNREFUSED');
  });
});

describe('outbound HTTP/2: node:http2', () => {
  test('a request on a session: client span, status, traceparent added; the body arrives', async () => {
    const h2 = await startH2Server((req, res) => {
      res.writeHead(201, { 'content-type': 'text/plain' });
      res.end(`got ${req.body}`);
    });
    const session = http2.connect(h2.url);
    try {
      const { result, children } = await tracedRun(
        backend,
        () =>
          new Promise<[number, string]>((resolve, reject) => {
            const stream = session.request({ ':method': 'POST', ':path': '/h2?password=hunter2' });
            let status = 0;
            const chunks: Buffer[] = [];
            stream.on('response', (headers) => (status = Number(headers[':status'])));
            stream.on('data', (c: Buffer) => chunks.push(c));
            stream.on('end', () => resolve([status, Buffer.concat(chunks).toString('utf8')]));
            stream.on('error', reject);
            stream.end('ping');
          }),
      );
      assert.deepEqual(result, [201, 'got ping']);
      const s = children[0];
      assert.equal(children.length, 1);
      assert.equal(s?.name, 'POST 127.0.0.1');
      assert.equal(s.attributes['url.full'], `${h2.url}/h2?password=[REDACTED]`);
      assert.equal(s.attributes['http.response.status_code'], '201');
      assert.equal(h2.seen[0]?.headers['traceparent'], `00-${s.traceId}-${s.spanId}-01`);
    } finally {
      session.destroy();
      await h2.close();
    }
  });
});

describe('a failing hook never breaks the request', () => {
  const throwing = (): never => {
    throw new Error('tracer bug');
  };
  const brokenHandle = new Proxy({} as OutboundHandle, { get: throwing });
  const throwingMethods: OutboundHandle = {
    traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    wantsRequestBody: true,
    requestBody: throwing,
    response: () => true, // so that the response's observers are installed, and throw

    responseBody: throwing,
    end: throwing,
    error: throwing,
  };

  for (const [what, start] of [
    ['start throws', throwing],
    ['every handle member throws', () => brokenHandle],
    ['every hook method throws (the request and response observers run)', () => throwingMethods],
  ] as const) {
    test(what, async () => {
      const saved = outbound.start;
      outbound.start = start;
      try {
        const refused = await refusingUrl();
        const { result } = await tracedRun(backend, async () => {
          const a = await get(`${server.url}/a`);
          const b = await post(`${server.url}/b`, 'body!', esmRequest);
          const res = await fetch(`${server.url}/c`);
          const c = await res.text();
          const errors = [summary(await caught(get(`${refused}/x`))), summary(await caught(fetch(refused)))];
          return { a, b, c, errors };
        });
        const refused2 = await refusingUrl();
        const expectedErrors = [summary(await caught(get(`${refused2}/x`))), summary(await caught(fetch(refused2)))];
        assert.deepEqual(result.a, { status: 200, body: 'hello GET' });
        assert.equal(result.b, 200);
        assert.equal(server.seen.at(-1)?.body, '', 'the fetch arrived');
        assert.equal(server.seen.at(-2)?.body, 'body!');
        assert.equal(result.c, 'hello GET');
        assert.deepEqual(
          result.errors.map((e) => ({ ...(e as object), message: undefined, causeMessage: undefined })),
          expectedErrors.map((e) => ({ ...(e as object), message: undefined, causeMessage: undefined })),
        );
      } finally {
        outbound.start = saved;
      }
    });
  }
});
