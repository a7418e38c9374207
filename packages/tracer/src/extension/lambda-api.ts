// The Extensions API (2020-01-01) and Telemetry API (2022-07-01) calls of an external extension,
// over node:http without timeouts (event/next is a long poll that lasts as long as the sandbox is idle).
import http from 'node:http';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function call(runtimeApi: string, method: string, path: string, headers: Record<string, string>, body?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(`http://${runtimeApi}${path}`, { method, headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

export type ExtensionEvent =
  | { eventType: 'INVOKE'; requestId: string; deadlineMs: number }
  | { eventType: 'SHUTDOWN'; shutdownReason: string; deadlineMs: number };

export const EXTENSION_NAME = 'nightjar';

export class LambdaApi {
  private id = '';

  constructor(private readonly runtimeApi: string) {}

  async register(): Promise<void> {
    const r = await call(this.runtimeApi, 'POST', '/2020-01-01/extension/register', { 'Lambda-Extension-Name': EXTENSION_NAME }, JSON.stringify({ events: ['INVOKE', 'SHUTDOWN'] }));
    const id = r.headers['lambda-extension-identifier'];
    if (r.status !== 200 || typeof id !== 'string') throw new Error(`register: HTTP ${r.status} ${r.body}`);
    this.id = id;
  }

  async subscribeTelemetry(uri: string, timeoutMs: number): Promise<void> {
    const spec = {
      schemaVersion: '2022-12-13',
      destination: { protocol: 'HTTP', URI: uri },
      types: ['platform', 'function'],
      buffering: { maxItems: 1000, maxBytes: 262_144, timeoutMs },
    };
    const r = await call(this.runtimeApi, 'PUT', '/2022-07-01/telemetry', { 'Lambda-Extension-Identifier': this.id }, JSON.stringify(spec));
    if (r.status !== 200) throw new Error(`telemetry subscription: HTTP ${r.status} ${r.body}`);
  }

  async next(): Promise<ExtensionEvent> {
    const r = await call(this.runtimeApi, 'GET', '/2020-01-01/extension/event/next', { 'Lambda-Extension-Identifier': this.id });
    if (r.status !== 200) throw new Error(`event/next: HTTP ${r.status} ${r.body}`);
    return JSON.parse(r.body) as ExtensionEvent;
  }

}
