import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, request, type Server } from 'node:http';
import { gzipSync } from 'node:zlib';
import { readBody } from './read-body.ts';
import { IngestHttpError } from './errors.ts';
import { DEFAULT_LIMITS, type IngestLimits } from './limits.ts';

const limits: IngestLimits = { ...DEFAULT_LIMITS, maxBodyBytes: 1024 * 1024, maxDecompressedBytes: 4 * 1024 * 1024 };

let server: Server;
let port = 0;
const ready = new Promise<void>((resolve) => {
  server = createServer((req, res) => {
    readBody(req, limits).then(
      (body) => res.writeHead(200).end(String(body.length)),
      (err: unknown) => {
        const status = err instanceof IngestHttpError ? err.status : 500;
        res.writeHead(status).end(err instanceof Error ? err.message : String(err));
      },
    );
  }).listen(0, '127.0.0.1', () => {
    port = (server.address() as { port: number }).port;
    resolve();
  });
});
after(() => server.close());

async function post(body: Buffer | Buffer[], headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  await ready;
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
    });
    req.on('error', (err: NodeJS.ErrnoException) => {
      // The server may answer and close before the whole body is sent.
      if (err.code === 'EPIPE' || err.code === 'ECONNRESET') resolve({ status: 413, text: 'connection closed early' });
      else reject(err);
    });
    for (const b of Array.isArray(body) ? body : [body]) req.write(b);
    req.end();
  });
}

test('plain body is read whole', async () => {
  const r = await post(Buffer.alloc(5000, 1));
  assert.equal(r.status, 200);
  assert.equal(r.text, '5000');
});

test('declared Content-Length over the limit is refused before reading', async () => {
  const r = await post(Buffer.alloc(2 * 1024 * 1024), {});
  assert.equal(r.status, 413);
});

test('chunked body over the limit is refused while streaming', async () => {
  const chunks = Array.from({ length: 20 }, () => Buffer.alloc(100 * 1024));
  const r = await post(chunks, { 'transfer-encoding': 'chunked' });
  assert.equal(r.status, 413);
});

test('gzip body is decompressed', async () => {
  const r = await post(gzipSync(Buffer.alloc(300_000, 7)), { 'content-encoding': 'gzip' });
  assert.equal(r.status, 200);
  assert.equal(r.text, '300000');
});

test('a gzip bomb stops at the decompressed limit with 413 and bounded memory', async () => {
  // 100 gzip members of 10 MiB of zeros each: ~1 GiB once decompressed, ~1 MB on the wire.
  const member = gzipSync(Buffer.alloc(10 * 1024 * 1024));
  const bomb = Buffer.concat(Array.from({ length: Math.floor(limits.maxBodyBytes / member.length) - 1 }, () => member));
  assert.ok(bomb.length < limits.maxBodyBytes);
  const rssBefore = process.memoryUsage().rss;
  const r = await post(bomb, { 'content-encoding': 'gzip' });
  assert.equal(r.status, 413);
  assert.match(r.text, /decompressed body exceeds/);
  const grown = process.memoryUsage().rss - rssBefore;
  assert.ok(grown < 200 * 1024 * 1024, `RSS grew by ${grown} bytes`);
});

test('corrupt gzip is a 400 with a reason', async () => {
  const r = await post(Buffer.from('definitely not gzip'), { 'content-encoding': 'gzip' });
  assert.equal(r.status, 400);
  assert.match(r.text, /not valid compressed data/);
});

test('unknown Content-Encoding is a 415', async () => {
  const r = await post(Buffer.from('x'), { 'content-encoding': 'br' });
  assert.equal(r.status, 415);
});
