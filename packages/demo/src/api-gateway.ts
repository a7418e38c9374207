// A local API Gateway HTTP API: routes ("POST /orders", "GET /orders/{orderId}") to Lambda
// functions with payload format 2.0 events, a JWT authorizer (claims in
// requestContext.authorizer.jwt), and the v2 response mapping (statusCode/headers/body, or any other
// value as a 200 JSON body). Function errors answer 500, throttles 429, as the real service does.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import type { LambdaInvoker } from './aws/types.ts';
import { ACCOUNT_ID } from './aws/types.ts';
import { verifyJwt } from './jwt.ts';

export interface Route {
  /** "POST /orders", "GET /orders/{orderId}". */
  routeKey: string;
  functionName: string;
}

export interface ApiGatewayOptions {
  routes: Route[];
  invoker: LambdaInvoker;
  jwtSecret: string;
  host?: string;
  port?: number;
  /** Largest request body (HTTP API: 10 MB). */
  maxBodyBytes?: number;
}

export interface ApiGatewayStats {
  requests: number;
  byStatus: Record<string, number>;
}

export interface ApiGateway {
  url: string;
  stats(): ApiGatewayStats;
  close(): Promise<void>;
}

interface CompiledRoute extends Route {
  method: string;
  pattern: RegExp;
  params: string[];
}

function compile(r: Route): CompiledRoute {
  const [method = 'GET', path = '/'] = r.routeKey.split(' ');
  const params: string[] = [];
  const source = path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_m, name: string) => {
    params.push(name);
    return '([^/]+)';
  });
  return { ...r, method, pattern: new RegExp(`^${source}$`), params };
}

const apiId = 'nj0demo1';
const TEXTUAL = /^(text\/|application\/(json|xml|x-www-form-urlencoded|javascript))/;

function clf(ms: number): string {
  const d = new Date(ms);
  const mon = d.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${mon}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

export async function startApiGateway(opts: ApiGatewayOptions): Promise<ApiGateway> {
  const routes = opts.routes.map(compile);
  const maxBody = opts.maxBodyBytes ?? 10 * 1024 * 1024;
  const stats: ApiGatewayStats = { requests: 0, byStatus: {} };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const reply = (status: number, body: string | Buffer, headers: Record<string, string> = { 'content-type': 'application/json' }, gwId = randomBytes(6).toString('base64url')) => {
      stats.requests++;
      stats.byStatus[status] = (stats.byStatus[status] ?? 0) + 1;
      if (res.headersSent) return;
      res.writeHead(status, { ...headers, 'apigw-requestid': gwId });
      res.end(body);
    };
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= maxBody) chunks.push(c);
    });
    req.on('end', () => {
      if (size > maxBody) return reply(413, JSON.stringify({ message: 'Request Entity Too Large' }));
      const url = new URL(req.url ?? '/', 'http://gateway');
      const method = req.method ?? 'GET';
      let route: CompiledRoute | undefined;
      let match: RegExpExecArray | null = null;
      for (const r of routes) {
        if (r.method !== method) continue;
        match = r.pattern.exec(url.pathname);
        if (match) {
          route = r;
          break;
        }
      }
      if (route === undefined || match === null) return reply(404, JSON.stringify({ message: 'Not Found' }));
      const auth = req.headers.authorization ?? '';
      const verified = auth.startsWith('Bearer ') ? verifyJwt(auth.slice(7), opts.jwtSecret, Date.now() / 1000) : { error: 'missing token' };
      if ('error' in verified) return reply(401, JSON.stringify({ message: 'Unauthorized' }), { 'content-type': 'application/json', 'www-authenticate': `Bearer error="invalid_token", error_description="${verified.error}"` });
      const gwId = randomBytes(6).toString('base64url');
      const now = Date.now();
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(',') : v;
      const body = Buffer.concat(chunks);
      const textual = TEXTUAL.test(headers['content-type'] ?? 'application/json');
      const pathParameters = Object.fromEntries(route.params.map((p, i) => [p, decodeURIComponent(match[i + 1] ?? '')]));
      const query = url.searchParams.size > 0 ? Object.fromEntries([...url.searchParams.keys()].map((k) => [k, url.searchParams.getAll(k).join(',')])) : undefined;
      const event = {
        version: '2.0',
        routeKey: route.routeKey,
        rawPath: url.pathname,
        rawQueryString: url.search.slice(1),
        headers,
        ...(query ? { queryStringParameters: query } : {}),
        requestContext: {
          accountId: ACCOUNT_ID,
          apiId,
          authorizer: { jwt: { claims: Object.fromEntries(Object.entries(verified.claims).map(([k, v]) => [k, String(v)])), scopes: null } },
          domainName: `${apiId}.execute-api.us-east-1.amazonaws.com`,
          domainPrefix: apiId,
          http: { method, path: url.pathname, protocol: `HTTP/${req.httpVersion}`, sourceIp: req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1', userAgent: headers['user-agent'] ?? '' },
          requestId: gwId,
          routeKey: route.routeKey,
          stage: '$default',
          time: clf(now),
          timeEpoch: now,
        },
        ...(route.params.length > 0 ? { pathParameters } : {}),
        ...(body.length > 0 ? { body: textual ? body.toString('utf8') : body.toString('base64') } : {}),
        isBase64Encoded: body.length > 0 && !textual,
      };
      opts.invoker.invoke(route.functionName, event).then(
        (out) => {
          if (out.status === 'throttled') return reply(429, JSON.stringify({ message: 'Too Many Requests' }), undefined, gwId);
          if (out.status !== 'success') return reply(500, JSON.stringify({ message: 'Internal Server Error' }), undefined, gwId);
          const p = out.payload as { statusCode?: unknown; headers?: Record<string, string>; body?: unknown; isBase64Encoded?: boolean } | null;
          if (p !== null && typeof p === 'object' && typeof p.statusCode === 'number') {
            const b = typeof p.body === 'string' ? (p.isBase64Encoded ? Buffer.from(p.body, 'base64') : p.body) : '';
            return reply(p.statusCode, b, { 'content-type': 'application/json', ...(p.headers ?? {}) }, gwId);
          }
          reply(200, typeof p === 'string' ? p : JSON.stringify(p), undefined, gwId);
        },
        () => reply(500, JSON.stringify({ message: 'Internal Server Error' }), undefined, gwId),
      );
    });
  });
  server.keepAliveTimeout = 10_000;
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', resolve));
  const addr = server.address() as AddressInfo;
  return {
    url: `http://${opts.host ?? '127.0.0.1'}:${addr.port}`,
    stats: () => ({ requests: stats.requests, byStatus: { ...stats.byStatus } }),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
