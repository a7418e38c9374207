// One POST with node:http/https and a hard total deadline (connect + response): when it passes,
// the request is destroyed. Never rejects: the outcome says what happened.
import http from 'node:http';
import https from 'node:https';

export type PostOutcome = { ok: true; status: number } | { ok: false; reason: string };

export interface PostTarget {
  url: URL;
  agent: http.Agent;
  headers: Record<string, string>;
}

export function keepAliveAgent(url: URL): http.Agent {
  const options = { keepAlive: true, maxSockets: 4, maxFreeSockets: 2, timeout: 60_000 };
  return url.protocol === 'https:' ? new https.Agent(options) : new http.Agent(options);
}

export function post(target: PostTarget, body: Uint8Array, timeoutMs: number): Promise<PostOutcome> {
  return new Promise<PostOutcome>((resolve) => {
    let done = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finish = (o: PostOutcome): void => {
      if (done) return;
      done = true;
      if (timer !== undefined) clearTimeout(timer);
      resolve(o);
    };
    try {
      const transport = target.url.protocol === 'https:' ? https : http;
      const req = transport.request(target.url, {
        method: 'POST',
        agent: target.agent,
        headers: { ...target.headers, 'content-length': String(body.byteLength) },
      });
      timer = setTimeout(() => {
        finish({ ok: false, reason: `no response within ${timeoutMs} ms` });
        req.destroy();
      }, timeoutMs);
      timer.unref();
      req.on('error', (err) => finish({ ok: false, reason: err.message || String(err) }));
      req.on('response', (res) => {
        const status = res.statusCode ?? 0;
        res.on('error', () => finish({ ok: false, reason: 'response aborted' }));
        res.on('end', () => finish(status >= 200 && status < 300 ? { ok: true, status } : { ok: false, reason: `HTTP ${status}` }));
        res.resume();
      });
      req.end(body);
    } catch (err) {
      finish({ ok: false, reason: err instanceof Error ? err.message : 'request failed' });
    }
  });
}
