// One HTTP server per instance (sandbox) on 127.0.0.1 and an ephemeral port: the address the
// runtime and extensions find in AWS_LAMBDA_RUNTIME_API. Routes go to the API that owns the path.
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Route = (req: IncomingMessage, res: ServerResponse, path: string) => Promise<void> | void;

export class SandboxServer {
  private constructor(
    private readonly server: Server,
    readonly address: string,
  ) {}

  static async start(route: Route): Promise<SandboxServer> {
    const server = createServer((req, res) => {
      const path = (req.url ?? '/').split('?', 1)[0] ?? '/';
      Promise.resolve(route(req, res, path)).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ errorMessage: String(error), errorType: 'ServiceException' }));
      });
    });
    server.keepAliveTimeout = 0;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    return new SandboxServer(server, `127.0.0.1:${port}`);
  }

  private closing: Promise<void> | null = null;

  /** Stop listening and drop every connection (a held long poll too). Idempotent. */
  close(): Promise<void> {
    this.closing ??= new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
    return this.closing;
  }
}
