// The plumbing of the local third-party stand-ins: a JSON HTTP server on 127.0.0.1 (port 0) that
// answers after a chosen delay, counts requests and error answers, and closes with nothing pending.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProviderStats {
  requests: number;
  /** Answers with a 4xx/5xx status. */
  errors: number;
}

export interface Provider {
  url: string;
  stats: ProviderStats;
  close(): Promise<void>;
}

export interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** Delay before the answer, in ms. */
  delayMs: number;
}

/** Decides the answer to one request (method, path, parsed JSON body or undefined). */
export type Respond = (method: string, path: string, body: unknown) => Answer;

/** Log-normal-ish latency between min and max ms, most answers near the low end. */
export function latency(random: () => number, min: number, max: number): number {
  const z = (random() + random() + random() - 1.5) * 2; // roughly normal, sd ~1
  const median = min + (max - min) * 0.25;
  return Math.round(Math.min(max, Math.max(min, median * Math.exp(0.45 * z))));
}

/** An id like ch_1f3a9c... from the provider's random source. */
export function randomId(prefix: string, random: () => number): string {
  return `${prefix}_${Array.from({ length: 24 }, () => Math.floor(random() * 36).toString(36)).join('')}`;
}

export async function startProvider(respond: Respond): Promise<Provider> {
  const stats: ProviderStats = { requests: 0, errors: 0 };
  const timers = new Set<NodeJS.Timeout>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      stats.requests++;
      let body: unknown;
      try {
        body = chunks.length === 0 ? undefined : JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        body = undefined;
      }
      const answer = respond(req.method ?? 'GET', new URL(req.url ?? '/', 'http://provider').pathname, body);
      const send = (): void => {
        timers.delete(timer);
        if (answer.status >= 400) stats.errors++;
        if (res.destroyed) return;
        res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers }).end(JSON.stringify(answer.body));
      };
      const timer = setTimeout(send, answer.delayMs);
      timers.add(timer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
