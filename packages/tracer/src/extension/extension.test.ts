// The built extension (layer/extensions/nightjar) run by @nightjar/lambda-runtime next to a wrapped
// handler, against a real local "Nightjar" HTTP server: Telemetry API events and function log lines
// reach /ingest/lambda-telemetry, the tracer's spans reach /v1/traces through the relay, a slow or
// dead backend does not touch the invocation, and SHUTDOWN flushes what is in flight.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createLocalLambda, type FunctionConfig, type LocalLambda } from '@nightjar/lambda-runtime';
import { decodeLogs, decodeTraces } from '@nightjar/otlp';
import type { LogRow, SpanRow } from '@nightjar/model';
import { buildTracer, type BuildResult } from '../../scripts/build.ts';

interface Hit {
  path: string;
  query: URLSearchParams;
  events: { type: string; record: unknown }[];
  spans: SpanRow[];
  logs: LogRow[];
  /** The answer reached a live connection (the sender was still there to get it). */
  acked: boolean;
}

interface Nightjar {
  url: string;
  delayMs: number;
  hits: Hit[];
  until(what: string, ok: () => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

async function startNightjar(delayMs = 0): Promise<Nightjar> {
  const hits: Hit[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const body = Buffer.concat(chunks);
      const hit: Hit = { path: url.pathname, query: url.searchParams, events: [], spans: [], logs: [], acked: false };
      if (url.pathname === '/v1/traces') hit.spans = decodeTraces(body, 'protobuf', { project: 'p' }).rows;
      else if (url.pathname === '/v1/logs') hit.logs = decodeLogs(body, 'protobuf', { project: 'p' }).rows;
      else hit.events = JSON.parse(body.toString('utf8')) as Hit['events'];
      hits.push(hit);
      const answer = (): void => {
        if (req.socket.destroyed) return;
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}', () => (hit.acked = true));
      };
      if (nj.delayMs > 0) setTimeout(answer, nj.delayMs).unref();
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const nj: Nightjar = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    delayMs,
    hits,
    async until(what, ok, timeoutMs = 4000) {
      const end = Date.now() + timeoutMs;
      while (!ok()) {
        if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return nj;
}

async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const eventsOf = (nj: Nightjar): Hit['events'] => nj.hits.filter((h) => h.path === '/ingest/lambda-telemetry').flatMap((h) => h.events);
const spansOf = (nj: Nightjar, requestId: string, ackedOnly = false): SpanRow[] =>
  nj.hits.filter((h) => h.path === '/v1/traces' && (!ackedOnly || h.acked)).flatMap((h) => h.spans).filter((s) => s.requestId === requestId);
const platformOf = (nj: Nightjar, type: string, requestId: string, ackedOnly = false): boolean =>
  nj.hits
    .filter((h) => h.path === '/ingest/lambda-telemetry' && (!ackedOnly || h.acked))
    .flatMap((h) => h.events)
    .some((e) => e.type === type && (e.record as { requestId?: unknown } | null)?.requestId === requestId);

describe('the Nightjar extension through the local Lambda runtime', () => {
  let root: string;
  let built: BuildResult;
  let codeDir: string;
  let nj: Nightjar;
  let slow: Nightjar;
  let lambda: LocalLambda | undefined;
  let shutdownLambda: LocalLambda | undefined;
  const logs: { fn: string; message: string }[] = [];

  const withExtension = async (endpoint: string, extra: Record<string, string> = {}): Promise<Partial<FunctionConfig>> => ({
    environment: {
      NIGHTJAR_ENDPOINT: endpoint,
      NIGHTJAR_EXTENSION: 'true',
      NIGHTJAR_EXTENSION_PORT: String(await freePort()),
      NIGHTJAR_TELEMETRY_HOST: '127.0.0.1',
      NIGHTJAR_TELEMETRY_TIMEOUT_MS: '25',
      NIGHTJAR_FORWARD_TIMEOUT_MS: '1500',
      ...extra,
    },
    extensions: [built.extension],
  });

  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'nightjar-extension-'));
    [built, nj, slow] = await Promise.all([buildTracer(path.join(root, 'dist')), startNightjar(), startNightjar(300)]);
    codeDir = path.join(root, 'code');
    mkdirSync(codeDir);
    writeFileSync(
      path.join(codeDir, 'handler.mjs'),
      `import { wrap } from ${JSON.stringify(pathToFileURL(path.join(built.outDir, 'index.mjs')).href)};
export const handler = wrap(async (event) => {
  console.log('hello from invocation ' + event.n);
  return { ok: true, n: event.n };
});
`,
    );
    const refused = `http://127.0.0.1:${await freePort()}`;
    const fn = (name: string, more: Partial<FunctionConfig>): FunctionConfig => ({ name, handler: 'handler.handler', codeDir, timeoutSeconds: 5, ...more });
    lambda = createLocalLambda({
      functions: [
        fn('fast', await withExtension(nj.url)),
        fn('relayed-slow', await withExtension(slow.url)),
        fn('direct-slow', { environment: { NIGHTJAR_ENDPOINT: slow.url, NIGHTJAR_EXPORT_TIMEOUT_MS: '1000' } }),
        fn('down', await withExtension(refused)),
      ],
      onLog: (f, _stream, event) => logs.push({ fn: f, message: event.message }),
    });
  });

  after(async () => {
    await Promise.all([lambda?.close(), shutdownLambda?.close()]);
    await Promise.all([nj?.close(), slow?.close()]);
    rmSync(root, { recursive: true, force: true });
  });

  it('builds the extension as one executable file in the layer that requires only node: built-ins', () => {
    assert.equal(built.extension, path.join(built.layerDir, 'extensions', 'nightjar'));
    assert.equal(statSync(built.extension).mode & 0o111, 0o111);
    const text = readFileSync(built.extension, 'utf8');
    assert.ok(text.startsWith('#!/usr/bin/env node\n'));
    const specifiers = [...text.matchAll(/(?:from\s*|import\s*\(\s*|require\s*\(\s*)["']([^"']+)["']/g)].map((m) => m[1] ?? '');
    assert.ok(specifiers.length > 0);
    assert.deepEqual(specifiers.filter((s) => !s.startsWith('node:')), []);
    assert.ok(built.sizes['layer/extensions/nightjar'] !== undefined && built.sizes['layer/extensions/nightjar'] < 50_000);
  });

  it('forwards platform.start/runtimeDone/report of the invocation to /ingest/lambda-telemetry?function=', async () => {
    const r = await lambda!.invoke('fast', { n: 1 });
    assert.equal(r.status, 'success');
    for (const type of ['platform.start', 'platform.runtimeDone', 'platform.report']) {
      await nj.until(type, () => platformOf(nj, type, r.requestId));
    }
    const hit = nj.hits.find((h) => h.path === '/ingest/lambda-telemetry');
    assert.equal(hit?.query.get('function'), 'fast');
    assert.equal(hit?.query.get('version'), '$LATEST');
    assert.ok((hit?.query.get('region') ?? '') !== '');
    assert.ok(eventsOf(nj).some((e) => e.type === 'platform.initStart'), 'init events, replayed to a subscriber that joins during init');
  });

  it('forwards the function log lines as `function` records, and the spans through the relay', async () => {
    const r = await lambda!.invoke('fast', { n: 2 });
    await nj.until('the log line', () => eventsOf(nj).some((e) => e.type === 'function' && typeof e.record === 'string' && e.record.includes(r.requestId) && e.record.includes('hello from invocation 2')));
    await nj.until('the root span', () => spansOf(nj, r.requestId).length > 0);
    assert.ok(spansOf(nj, r.requestId).some((s) => s.functionName === 'fast' && s.name === 'fast'), 'the root span of invocation 2');
    const root = spansOf(nj, r.requestId).find((s) => s.name === 'fast');
    await nj.until('the console line through the relay', () => nj.hits.some((h) => h.logs.some((l) => l.requestId === r.requestId && l.body.includes('hello from invocation 2'))));
    const line = nj.hits.flatMap((h) => h.logs).find((l) => l.requestId === r.requestId);
    assert.equal(line?.traceId, root?.traceId);
    assert.equal(line?.spanId, root?.spanId);
  });

  it('a slow backend (300 ms) is off the response path with the relay, on it without', async () => {
    await lambda!.invoke('relayed-slow', { n: 0 }); // cold start
    await lambda!.invoke('direct-slow', { n: 0 });
    const relayed = await lambda!.invoke('relayed-slow', { n: 3 });
    const direct = await lambda!.invoke('direct-slow', { n: 3 });
    assert.equal(relayed.status, 'success');
    assert.equal(direct.status, 'success');
    assert.ok(direct.durationMs >= 290, `direct export waits for the backend: ${direct.durationMs} ms`);
    assert.ok(relayed.durationMs < 150, `relayed export costs a loopback round trip: ${relayed.durationMs} ms`);
    await slow.until('the relayed spans', () => spansOf(slow, relayed.requestId, true).length > 0);
  });

  it('backend down: invocations unaffected, the extension keeps running and logs the outage once', async () => {
    await lambda!.invoke('down', { n: 0 });
    for (let n = 1; n <= 5; n++) {
      const r = await lambda!.invoke('down', { n });
      assert.equal(r.status, 'success');
      assert.deepEqual(r.payload, { ok: true, n });
      assert.equal(r.coldStart, false, 'the sandbox (and the extension) lives on');
      assert.ok(r.durationMs < 150, `${r.durationMs} ms`);
    }
    const failing = logs.filter((l) => l.fn === 'down' && l.message.includes('nightjar extension: forwarding') && l.message.includes('failing'));
    assert.equal(failing.length, 1, JSON.stringify(logs.filter((l) => l.fn === 'down' && l.message.includes('nightjar'))));
  });

  it('SHUTDOWN (close) flushes the spans and events still in flight to a slow backend', async () => {
    shutdownLambda = createLocalLambda({ functions: [{ name: 'closing', handler: 'handler.handler', codeDir, ...(await withExtension(slow.url)) }] });
    const r = await shutdownLambda.invoke('closing', { n: 9 });
    assert.equal(r.status, 'success');
    const closing = shutdownLambda;
    shutdownLambda = undefined;
    await closing.close();
    assert.ok(spansOf(slow, r.requestId, true).length > 0, 'the spans were delivered before the extension exited');
    assert.ok(platformOf(slow, 'platform.report', r.requestId, true), 'the last report was delivered before the extension exited');
  });
});
