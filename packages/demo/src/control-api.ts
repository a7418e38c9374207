// The demo's control API: list and switch faults at run time, and see the shop's counters.
//   GET  /faults                  -> FaultState[]
//   PUT  /faults/{name}  {"enabled": true|false}   (POST accepted too) -> FaultState
//   GET  /status                  -> what the shop reports (traffic, queues, logs shipped)
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { isFaultName, type FaultController } from './faults.ts';

export interface ControlApi {
  url: string;
  close(): Promise<void>;
}

export async function startControlApi(opts: { faults: FaultController; status: () => unknown; host?: string; port?: number }): Promise<ControlApi> {
  const send = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
    res.end(`${JSON.stringify(body, null, 2)}\n`);
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      if (chunks.reduce((n, b) => n + b.length, 0) < 65_536) chunks.push(c);
    });
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://control');
      const method = req.method ?? 'GET';
      if (method === 'OPTIONS') {
        res.writeHead(204, { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'GET, PUT, POST', 'access-control-allow-headers': 'content-type' });
        return res.end();
      }
      if (url.pathname === '/faults' && method === 'GET') return send(res, 200, opts.faults.list());
      if (url.pathname === '/status' && method === 'GET') return send(res, 200, opts.status());
      const m = /^\/faults\/([^/]+)$/.exec(url.pathname);
      if (m) {
        if (method !== 'PUT' && method !== 'POST') return send(res, 405, { error: `use PUT /faults/${m[1]} with {"enabled": true|false}` });
        const name = decodeURIComponent(m[1] ?? '');
        if (!isFaultName(name)) return send(res, 404, { error: `unknown fault "${name}"`, known: opts.faults.list().map((f) => f.name) });
        let enabled: unknown;
        try {
          enabled = chunks.length === 0 ? true : (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { enabled?: unknown }).enabled;
        } catch {
          return send(res, 400, { error: 'the body must be JSON: {"enabled": true|false}' });
        }
        if (typeof enabled !== 'boolean') return send(res, 400, { error: '"enabled" must be true or false' });
        opts.faults.set(name, enabled).then(
          (state) => send(res, 200, state),
          (err: unknown) => send(res, 500, { error: `switching ${name} failed: ${err instanceof Error ? err.message : String(err)}` }),
        );
        return;
      }
      send(res, 404, { error: 'not found', endpoints: ['GET /faults', 'PUT /faults/{name}', 'GET /status'] });
    });
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', resolve));
  return {
    url: `http://${opts.host ?? '127.0.0.1'}:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
