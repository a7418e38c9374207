// Composition root: opens the store, wires receivers, API, UI and workers, and stops them cleanly.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createIngestHandler, SinkOverloadedError, type RowSink } from '@nightjar/ingest';
import { createApiHandler } from '@nightjar/api';
import { openStore, StoreOverloadedError, type Store } from '@nightjar/store';
import type { HealthResponse } from '@nightjar/model';
import type { Config } from './config.ts';
import { createStaticHandler } from './static-files.ts';
import { VERSION } from './version.ts';

export interface RunningNightjar {
  readonly config: Config;
  readonly store: Store;
  /** http://host:port of the UI and API. */
  readonly url: string;
  /** http://host:port of the OTLP receiver, or null when disabled. */
  readonly otlpUrl: string | null;
  stop(): Promise<void>;
}

export interface Logger {
  info(msg: string): void;
  error(msg: string, err?: unknown): void;
}

const consoleLogger: Logger = {
  info: (m) => console.log(`nightjar: ${m}`),
  error: (m, e) => console.error(`nightjar: ${m}`, e ?? ''),
};

export async function startNightjar(config: Config, log: Logger = consoleLogger): Promise<RunningNightjar> {
  const started = Date.now();
  const storeConfig = config.clickhouseUrl
    ? {
        kind: 'clickhouse' as const,
        url: config.clickhouseUrl,
        database: config.clickhouseDatabase,
        ...(config.clickhouseUser ? { username: config.clickhouseUser } : {}),
        ...(config.clickhousePassword ? { password: config.clickhousePassword } : {}),
      }
    : (mkdirSync(config.dataDir, { recursive: true }), { kind: 'chdb' as const, dataDir: config.dataDir });
  // The embedded store acknowledges after its write-ahead log (<dataDir>/wal), not after the INSERT.
  const wal = config.clickhouseUrl ? null : { dir: join(config.dataDir, 'wal'), fsync: config.walFsync, onError: (m: string, e?: unknown) => log.error(m, e) };
  const store = await openStore(storeConfig, { retentionDays: config.retentionDays, runRollups: config.role === 'all' || config.role === 'worker', wal });
  await store.migrate();
  if (store.walReplay) log.info(`replayed ${store.walReplay.records} write-ahead log records (${store.walReplay.rows} rows) left by the last run`);

  const sink: RowSink = {
    async write(batch) {
      try {
        await store.writer.write(batch);
      } catch (err) {
        if (err instanceof StoreOverloadedError) throw new SinkOverloadedError(err.message, 1);
        throw err;
      }
    },
  };
  const ingest = createIngestHandler({ project: config.project, sink, firehoseAccessKey: config.firehoseAccessKey });
  const health = (): HealthResponse => ({
    status: 'ok',
    version: VERSION,
    store: config.clickhouseUrl ? 'clickhouse' : 'chdb',
    uptimeSeconds: Math.round((Date.now() - started) / 1000),
    pendingRows: store.writer.pendingRows,
  });
  const api = createApiHandler({
    project: config.project,
    queries: store.queries,
    health,
    stats: () => ({ ingest: ingest.counters.snapshot(), pendingRows: store.writer.pendingRows }),
  });
  const webDir = config.webDir ?? fileURLToPath(new URL('../../web/dist', import.meta.url));
  const serveStatic = createStaticHandler(webDir);

  const servesIngest = config.role === 'all' || config.role === 'ingest';
  const servesApi = config.role === 'all' || config.role === 'api';
  const mainHandler = guard(log, (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (servesIngest && ingest.handle(req, res, url)) return;
    if (servesApi) {
      if (api.handle(req, res, url)) return;
      serveStatic(req, res, url);
      return;
    }
    if (url.pathname === '/api/health') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(health()));
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: `role ${config.role} does not serve ${url.pathname}` }));
  });
  const otlpHandler = guard(log, (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (ingest.handle(req, res, url)) return;
    res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: `no route ${url.pathname} (OTLP paths: /v1/traces, /v1/logs, /v1/metrics)` }));
  });

  const servers: Server[] = [];
  const mainServer = await listen(createServer(mainHandler), config.port, config.host);
  servers.push(mainServer);
  let otlpUrl: string | null = null;
  if (servesIngest && config.otlpPort !== null) {
    const otlpServer = await listen(createServer(otlpHandler), config.otlpPort, config.host);
    servers.push(otlpServer);
    otlpUrl = `http://${displayHost(config.host)}:${portOf(otlpServer)}`;
  }
  const url = `http://${displayHost(config.host)}:${portOf(mainServer)}`;

  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      // 1. stop accepting; 2. let requests being received reach the writer; 3. flush; 4. close.
      await Promise.all(servers.map((s) => new Promise<void>((r) => { s.close(() => r()); s.closeIdleConnections(); })));
      const deadline = Date.now() + 15000;
      while (ingest.inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      if (ingest.inFlight > 0) log.error(`${ingest.inFlight} ingest requests still open after 15 s; their clients were not acknowledged and will retry`);
      await store.close();
      for (const s of servers) s.closeAllConnections();
    })());

  return { config, store, url, otlpUrl, stop };
}

/** No request can take the process down: a handler that throws answers 500 and is logged. */
function guard(log: Logger, handler: (req: IncomingMessage, res: ServerResponse) => void) {
  return (req: IncomingMessage, res: ServerResponse) => {
    try {
      handler(req, res);
    } catch (err) {
      log.error(`request ${req.method} ${req.url} failed`, err);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'internal error' }));
      else res.destroy();
    }
  };
}

function listen(server: Server, port: number, host: string): Promise<Server> {
  server.keepAliveTimeout = 65_000; // longer than typical client/load-balancer idle timeouts
  server.headersTimeout = 66_000;
  server.requestTimeout = 120_000;
  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') reject(new Error(`port ${port} on ${host} is in use: pass another with --port / --otlp-port`));
      else reject(err);
    });
    server.listen(port, host, () => resolve(server));
  });
}

function portOf(server: Server): number {
  const a = server.address();
  return typeof a === 'object' && a ? a.port : 0;
}

function displayHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}
