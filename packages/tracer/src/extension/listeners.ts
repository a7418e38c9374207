// The extension's two local HTTP listeners: the span relay (the tracer posts OTLP/protobuf to
// POST /v1/traces and its console lines to POST /v1/logs on 127.0.0.1; answered as soon as the body is read) and the Telemetry API
// destination (JSON arrays of events). Bodies are bounded; anything else gets 404.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const MAX_BODY_BYTES = 6 * 1024 * 1024;

function readBody(req: http.IncomingMessage, res: http.ServerResponse, onBody: (body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (c: Buffer) => {
    size += c.byteLength;
    if (size <= MAX_BODY_BYTES) chunks.push(c);
  });
  req.on('error', () => undefined);
  req.on('end', () => {
    if (size > MAX_BODY_BYTES) {
      res.writeHead(413).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    try {
      onBody(Buffer.concat(chunks));
    } catch {
      // a bad body is dropped
    }
  });
}

function listen(server: http.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export async function startSpanRelay(port: number, onSpans: (body: Buffer) => void, onLogs?: (body: Buffer) => void): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method === 'POST' && path === '/v1/traces') readBody(req, res, onSpans);
    else if (req.method === 'POST' && path === '/v1/logs' && onLogs !== undefined) readBody(req, res, onLogs);
    else {
      req.resume();
      res.writeHead(404).end();
    }
  });
  server.keepAliveTimeout = 60_000;
  await listen(server, port, '127.0.0.1');
  return server;
}

/** Binds to `host`, or else sandbox.localdomain (Lambda) and then 127.0.0.1; returns the server and its port. */
export async function startTelemetryListener(host: string | undefined, port: number, onEvents: (events: unknown[]) => void): Promise<{ server: http.Server; port: number }> {
  const handler: http.RequestListener = (req, res) => {
    if (req.method !== 'POST') {
      req.resume();
      res.writeHead(404).end();
      return;
    }
    readBody(req, res, (body) => {
      const events: unknown = JSON.parse(body.toString('utf8'));
      if (Array.isArray(events) && events.length > 0) onEvents(events);
    });
  };
  const hosts = host !== undefined ? [host] : ['sandbox.localdomain', '127.0.0.1'];
  let lastError: unknown;
  for (const h of hosts) {
    const server = http.createServer(handler);
    try {
      return { server, port: await listen(server, port, h) };
    } catch (err) {
      lastError = err;
    }
  }
  throw lastError instanceof Error ? lastError : new Error('telemetry listener failed');
}
