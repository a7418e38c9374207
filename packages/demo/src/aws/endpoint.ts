// One local endpoint for every service, as AWS_ENDPOINT_URL: requests are routed by the SigV4
// credential scope's service name. HTTP/1.1 on one port and cleartext HTTP/2 on another (the
// Kinesis client speaks HTTP/2 by default), both answering the same services.
import http from 'node:http';
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import type { AwsRequest, AwsResponse, AwsService } from './types.ts';
import { REGION } from './types.ts';

export interface AwsEndpointOptions {
  services: AwsService[];
  host?: string;
  /** Answers a request before its service does (fault injection: throttling); undefined lets it through. */
  intercept?: (req: AwsRequest) => AwsResponse | undefined | Promise<AwsResponse | undefined>;
  /** Called when a service throws (answered 500 InternalFailure). */
  onError?: (err: unknown, req: AwsRequest) => void;
}

export interface AwsEndpoint {
  /** HTTP/1.1 base URL (AWS_ENDPOINT_URL). */
  url: string;
  /** Cleartext HTTP/2 base URL (AWS_ENDPOINT_URL_KINESIS). */
  h2Url: string;
  /** Stop the services' pollers and timers (once); the endpoint keeps answering. */
  closeServices(): Promise<void>;
  /** closeServices, then stop listening. */
  close(): Promise<void>;
}

const SCOPE = /Credential=[^/,\s]+\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/;

/** The (region, service) of a SigV4-signed request, from the Authorization header or a presigned URL. */
export function credentialScope(headers: Record<string, string>, query: URLSearchParams): { region: string; service: string } | undefined {
  const m = SCOPE.exec(headers.authorization ?? '');
  if (m?.[1] !== undefined && m[2] !== undefined) return { region: m[1], service: m[2] };
  const cred = query.get('X-Amz-Credential')?.split('/');
  if (cred !== undefined && cred.length >= 5 && cred[2] !== undefined && cred[3] !== undefined) return { region: cred[2], service: cred[3] };
  return undefined;
}

type Req = http.IncomingMessage | http2.Http2ServerRequest;
type Res = http.ServerResponse | http2.Http2ServerResponse;

export async function startAwsEndpoint(opts: AwsEndpointOptions): Promise<AwsEndpoint> {
  const byName = new Map(opts.services.map((s) => [s.name, s]));
  const host = opts.host ?? '127.0.0.1';

  async function answer(req: AwsRequest): Promise<AwsResponse> {
    const service = byName.get(req.service);
    if (service === undefined) return { status: 400, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ __type: 'UnknownOperationException', message: `no local service "${req.service}"` }) };
    const early = await opts.intercept?.(req);
    if (early !== undefined) return early;
    return service.handle(req);
  }

  const onRequest = (req: Req, res: Res): void => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://local');
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) {
        if (typeof v === 'string' && !k.startsWith(':')) headers[k.toLowerCase()] = v;
        else if (Array.isArray(v)) headers[k.toLowerCase()] = v.join(',');
      }
      const scope = credentialScope(headers, url.searchParams);
      const send = (r: AwsResponse): void => {
        if (res.headersSent) return;
        const body = r.body ?? '';
        const h: Record<string, string | number> = { ...(r.headers ?? {}) };
        h['content-length'] = Buffer.byteLength(body);
        (res as http.ServerResponse).writeHead(r.status, h);
        (res as http.ServerResponse).end(body);
      };
      if (scope === undefined) {
        send({ status: 403, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ __type: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' }) });
        return;
      }
      const awsReq: AwsRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers, body: Buffer.concat(chunks), service: scope.service, region: scope.region || REGION };
      answer(awsReq).then(send, (err: unknown) => {
        opts.onError?.(err, awsReq);
        send({ status: 500, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ __type: 'InternalFailure', message: err instanceof Error ? err.message : String(err) }) });
      });
    });
  };

  const h1 = http.createServer(onRequest);
  h1.keepAliveTimeout = 30_000;
  const h2 = http2.createServer(onRequest);
  const sessions = new Set<http2.ServerHttp2Session>();
  h2.on('session', (s) => {
    sessions.add(s);
    s.on('close', () => sessions.delete(s));
  });
  await new Promise<void>((resolve) => h1.listen(0, host, resolve));
  await new Promise<void>((resolve) => h2.listen(0, host, resolve));
  const base = (s: { address(): AddressInfo | string | null }) => `http://${host}:${(s.address() as AddressInfo).port}`;
  let servicesClosed: Promise<void> | null = null;
  const closeServices = (): Promise<void> =>
    (servicesClosed ??= (async () => {
      for (const s of opts.services) await s.close?.();
    })());
  return {
    url: base(h1),
    h2Url: base(h2),
    closeServices,
    async close() {
      await closeServices();
      for (const s of sessions) s.destroy();
      h1.closeAllConnections();
      await Promise.all([new Promise<void>((r) => h1.close(() => r())), new Promise<void>((r) => h2.close(() => r()))]);
    },
  };
}
