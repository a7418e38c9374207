// A real OTLP/HTTP backend on 127.0.0.1 for the tracer's tests: it answers 200, answers 500, hangs,
// or answers slowly, and keeps every body it received (decoded with @nightjar/otlp: spans from
// /v1/traces, log records from /v1/logs).
import { decodeLogs, decodeTraces } from '@nightjar/otlp';
import type { LogRow, SpanRow } from '@nightjar/model';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type BackendMode = 'ok' | 'error500' | 'hang' | { delayMs: number };

export interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  raw: Buffer;
  /** Decoded from a /v1/traces body ([] for /v1/logs). */
  spans: SpanRow[];
  /** Decoded from a /v1/logs body ([] for /v1/traces). */
  logs: LogRow[];
}

export interface Backend {
  url: string;
  mode: BackendMode;
  received: Received[];
  /** Resolves when `count` bodies have arrived (rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<Received[]>;
  close(): Promise<void>;
}

export async function startBackend(mode: BackendMode = 'ok'): Promise<Backend> {
  const received: Received[] = [];
  const waiters: (() => void)[] = [];
  const backend: Backend = {
    url: '',
    mode,
    received,
    waitFor(count, timeoutMs = 2000) {
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          if (received.length < count) return false;
          clearTimeout(timer);
          resolve(received);
          return true;
        };
        const timer = setTimeout(() => reject(new Error(`backend got ${received.length} of ${count} bodies`)), timeoutMs);
        if (!check()) waiters.push(() => void check());
      });
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const m = backend.mode;
      if (m === 'hang') return;
      const raw = Buffer.concat(chunks);
      const path = req.url ?? '';
      const isLogs = path.split('?')[0] === '/v1/logs';
      const spans = isLogs ? [] : decodeTraces(raw, 'protobuf', { project: 'p' }).rows;
      const logs = isLogs ? decodeLogs(raw, 'protobuf', { project: 'p' }).rows : [];
      received.push({ path, headers: req.headers, raw, spans, logs });
      for (const w of waiters.splice(0)) w();
      const answer = (): void => {
        res.writeHead(m === 'error500' ? 500 : 200, { 'content-type': 'application/x-protobuf' });
        res.end();
      };
      if (typeof m === 'object') setTimeout(answer, m.delayMs).unref();
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  backend.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return backend;
}

/** A URL on which nothing listens (connections are refused). */
export async function refusingUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
