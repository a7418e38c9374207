// GET /api/*: the JSON API used by the web UI and the CLI.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FunctionImpact, HealthResponse, InvocationDetail, ListResponse, ServiceMap, TraceResponse, Transaction, TransactionListItem } from '@nightjar/model';
import { assembleTransaction, failingRecordKeys } from '@nightjar/assemble';
import { ApiRequestError, parseBool, parseHexId, parseLevel, parseLimit, parseStatus, parseTime, parseTxStatus } from './params.ts';
import type { QueryPort } from './query-port.ts';

export interface ApiOptions {
  project: string;
  queries: QueryPort;
  health: () => HealthResponse;
  /** Extra figures for /api/stats (ingest counters, writer state). */
  stats?: () => Record<string, unknown>;
  now?: () => number;
}

type Route = (url: URL, params: string[]) => Promise<unknown>;

export interface ApiHandler {
  handle(req: IncomingMessage, res: ServerResponse, url: URL): boolean;
}

const DAY = 86400e3;

export function createApiHandler(opts: ApiOptions): ApiHandler {
  const now = opts.now ?? Date.now;
  const { project, queries } = opts;

  const window = (url: URL, defaultSpan = DAY) => {
    const t = now();
    const to = parseTime('to', url.searchParams.get('to'), t) ?? new Date(t);
    const from = parseTime('from', url.searchParams.get('from'), t) ?? new Date(to.getTime() - defaultSpan);
    if (from >= to) throw new ApiRequestError(400, 'parameter "from" must be before "to"');
    return { from, to };
  };
  const optional = <T>(v: T | undefined) => v;

  const routes: [RegExp, Route][] = [
    [/^\/api\/health$/, async () => opts.health()],
    [
      /^\/api\/stats$/,
      async () => ({ tables: await queries.tableStats(), ...(opts.stats ? opts.stats() : {}) }),
    ],
    [
      /^\/api\/functions$/,
      async (url): Promise<ListResponse<unknown>> => ({ items: await queries.functionSummaries({ project, ...window(url) }) }),
    ],
    [
      /^\/api\/functions\/([^/]+)\/series$/,
      async (url, [fn]) => {
        const w = window(url);
        const step = url.searchParams.get('step');
        const stepSeconds = step ? Number(step) : autoStep(w.to.getTime() - w.from.getTime());
        if (!Number.isInteger(stepSeconds) || stepSeconds < 60 || stepSeconds % 60 !== 0) {
          throw new ApiRequestError(400, 'parameter "step": must be a whole number of minutes in seconds (60, 300, ...)');
        }
        return queries.functionSeries({ project, function: fn!, stepSeconds, ...w });
      },
    ],
    [
      /^\/api\/functions\/([^/]+)\/impact$/,
      async (url, [fn]): Promise<FunctionImpact> => {
        const limit = parseLimit(url.searchParams.get('limit'), 200, 2000);
        // failingKeys: a failing batch is walked upstream from its failing record(s) only
        return queries.impact(project, { function: fn!, limit, ...window(url), failingKeys: failingRecordKeys });
      },
    ],
    [
      /^\/api\/service-map$/,
      async (url): Promise<ServiceMap> => queries.serviceMap({ project, ...window(url) }),
    ],
    [
      /^\/api\/transactions$/,
      async (url): Promise<ListResponse<TransactionListItem>> => {
        const p = url.searchParams;
        const filter = {
          project,
          ...window(url),
          limit: parseLimit(p.get('limit'), 100, 1000),
          ...defined('function', p.get('function') || undefined),
          ...defined('status', parseTxStatus(p.get('status'))),
          ...defined('user', p.get('user') || undefined),
          ...defined('entry', p.get('entry') || undefined),
        };
        return { items: await queries.listTransactions(filter) };
      },
    ],
    [
      /^\/api\/invocations$/,
      async (url) => {
        const t = now();
        const p = url.searchParams;
        const filter = {
          project,
          limit: parseLimit(p.get('limit'), 100, 1000),
          ...defined('function', p.get('function') || undefined),
          ...defined('status', parseStatus(p.get('status'))),
          ...defined('coldStart', parseBool('coldStart', p.get('coldStart'))),
          ...defined('from', optional(parseTime('from', p.get('from'), t))),
          ...defined('to', optional(parseTime('to', p.get('to'), t))),
          ...defined('before', optional(parseTime('before', p.get('before'), t))),
        };
        return { items: await queries.listInvocations(filter) };
      },
    ],
    [
      /^\/api\/invocations\/([^/]+)\/([^/]+)$/,
      async (_url, [fn, requestId]): Promise<InvocationDetail> => {
        const invocation = await queries.getInvocation(project, fn!, requestId!);
        if (!invocation) throw new ApiRequestError(404, `no invocation ${requestId} of function ${fn}`);
        const [logs, spans] = await Promise.all([
          queries.searchLogs({ project, requestId: requestId!, limit: 1000 }),
          queries.spansForInvocation(project, requestId!, invocation.traceId ?? undefined),
        ]);
        return { invocation, logs: logs.sort((a, b) => (a.timeNs < b.timeNs ? -1 : a.timeNs > b.timeNs ? 1 : 0)), spans };
      },
    ],
    [
      /^\/api\/traces\/([^/]+)$/,
      async (_url, [id]): Promise<TraceResponse> => {
        const traceId = parseHexId('trace id', id!, 32);
        const spans = await queries.traceById(project, traceId);
        if (spans.length === 0) throw new ApiRequestError(404, `no spans for trace ${traceId}`);
        return { traceId, spans };
      },
    ],
    [
      /^\/api\/transactions\/([^/]+)$/,
      async (_url, [id]): Promise<Transaction> => {
        const anyId = id!.trim();
        if (anyId === '' || anyId.length > 512) throw new ApiRequestError(400, 'a transaction is looked up by a trace id, span id, request id, message id or stitching key');
        const gathered = await queries.gatherTransaction(project, anyId);
        if (gathered === null) throw new ApiRequestError(404, `nothing is known about ${anyId}`);
        return assembleTransaction({ id: anyId, spans: gathered.spans, invocations: gathered.invocations, truncated: gathered.truncated });
      },
    ],
    [
      /^\/api\/logs$/,
      async (url) => {
        const t = now();
        const p = url.searchParams;
        const filter = {
          project,
          limit: parseLimit(p.get('limit'), 200, 5000),
          ...defined('text', p.get('q') || undefined),
          ...defined('function', p.get('function') || undefined),
          ...defined('requestId', p.get('requestId') || undefined),
          ...defined('traceId', p.get('traceId') || undefined),
          ...defined('minSeverity', parseLevel(p.get('level'))),
          ...defined('from', optional(parseTime('from', p.get('from'), t))),
          ...defined('to', optional(parseTime('to', p.get('to'), t))),
        };
        return { items: await queries.searchLogs(filter) };
      },
    ],
    [
      /^\/api\/ingest-errors$/,
      async (url) => ({ items: await queries.listIngestErrors({ project, limit: parseLimit(url.searchParams.get('limit'), 100, 1000) }) }),
    ],
  ];

  return {
    handle(req, res, url) {
      if (!url.pathname.startsWith('/api/')) return false;
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        send(res, 405, { error: `${url.pathname} accepts GET only` });
        return true;
      }
      for (const [pattern, route] of routes) {
        const m = pattern.exec(url.pathname);
        if (!m) continue;
        let params: string[];
        try {
          params = m.slice(1).map((s) => decodeURIComponent(s ?? ''));
        } catch {
          send(res, 400, { error: `malformed escape in ${url.pathname}` });
          return true;
        }
        route(url, params).then(
          (body) => send(res, 200, body),
          (err: unknown) => {
            if (err instanceof ApiRequestError) send(res, err.status, { error: err.message });
            else {
              console.error('nightjar: API query failed', url.pathname, err);
              send(res, 500, { error: `query failed: ${err instanceof Error ? err.message : String(err)}` });
            }
          },
        );
        return true;
      }
      send(res, 404, { error: `no API route ${url.pathname}` });
      return true;
    },
  };
}

function defined<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]?: V });
}

/** A chart step giving at most ~120 points, in whole minutes. */
export function autoStep(spanMs: number): number {
  const minutes = Math.max(1, Math.ceil(spanMs / 60000 / 120));
  const nice = [1, 2, 5, 10, 15, 30, 60, 120, 360, 720, 1440].find((m) => m >= minutes) ?? 1440;
  return nice * 60;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  res.end(text);
}
