// Serves the built web UI, with the single-page-app fallback to index.html.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

export function createStaticHandler(root: string) {
  const index = join(root, 'index.html');
  const available = existsSync(index);
  return (req: IncomingMessage, res: ServerResponse, url: URL): void => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (!available) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`The web UI is not built (no ${index}). Run "npm run build", then reload.\nThe API is at /api/health.\n`);
      return;
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(url.pathname);
    } catch {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('malformed URL escape\n');
      return;
    }
    let path = normalize(join(root, decoded));
    if (!path.startsWith(root + sep) && path !== root) path = index;
    let file = path;
    if (!existsSync(file) || !statSync(file).isFile()) file = index;
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    const immutable = file !== index && url.pathname.startsWith('/assets/');
    res.writeHead(200, {
      'content-type': type,
      'content-length': statSync(file).size,
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  };
}
