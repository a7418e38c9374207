// Runs a function inside a wrap()-ed handler invoked directly (fake Lambda context), exporting to
// a real local OTLP backend, and returns the decoded client spans. Used by the tracer's tests only.
import type { SpanRow } from '@nightjar/model';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ColdStart } from '../src/wrap/cold-start.ts';
import { wrap } from '../src/wrap/wrap.ts';
import { lambdaContext, lambdaEnv } from './lambda-context.ts';
import type { Backend } from './otlp-backend.ts';

let n = 0;

export interface TracedRun<T> {
  result: T;
  root: SpanRow;
  /** The invocation's child spans, in export order. */
  children: SpanRow[];
}

export async function tracedRun<T>(backend: Backend, f: () => Promise<T>): Promise<TracedRun<T>> {
  const before = backend.received.length;
  const handler = wrap(async (_event: unknown, _context: unknown) => f(), { env: lambdaEnv(backend.url), coldStart: new ColdStart(), exportTimeoutMs: 1000, log: () => undefined });
  const requestId = `req-${++n}`;
  const result = await handler({}, lambdaContext(requestId));
  const body = backend.received.slice(before).find((b) => b.spans.some((s) => s.parentSpanId === '' && s.requestId === requestId));
  const root = body?.spans.find((s) => s.parentSpanId === '');
  if (body === undefined || root === undefined) throw new Error('the invocation was not exported');
  return { result, root, children: body.spans.filter((s) => s !== root) };
}

export interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface TestServer {
  url: string;
  port: number;
  seen: Seen[];
  close(): Promise<void>;
}

/** A local HTTP server answering every request with `answer` (default: 200 "ok"). */
export async function startServer(answer: (req: Seen, res: http.ServerResponse) => void = (_q, res) => res.end('ok')): Promise<TestServer> {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const s: Seen = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      seen.push(s);
      answer(s, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    seen,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
