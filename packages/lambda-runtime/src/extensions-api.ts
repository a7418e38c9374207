// The platform side of the Lambda Extensions API (2020-01-01) for one sandbox: register, the
// /event/next long poll delivering INVOKE and SHUTDOWN events, init/error and exit/error.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from './read-body.ts';

const PREFIX = '/2020-01-01/extension/';
const MAX_BODY = 64 * 1024;

export type ExtensionEvent =
  | { eventType: 'INVOKE'; deadlineMs: number; requestId: string; invokedFunctionArn: string; tracing: { type: 'X-Amzn-Trace-Id'; value: string } }
  | { eventType: 'SHUTDOWN'; shutdownReason: 'spindown' | 'timeout' | 'failure'; deadlineMs: number };

export interface FunctionInfo {
  functionName: string;
  functionVersion: string;
  handler: string;
  accountId: string;
}

interface Registered {
  id: string;
  name: string;
  events: Set<string>;
  waiting: ServerResponse | null;
  queued: ExtensionEvent[];
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export interface ExtensionError {
  name: string;
  errorType: string;
  phase: 'init' | 'exit';
}

export class ExtensionsApi {
  private readonly byId = new Map<string, Registered>();
  private changeListeners: (() => void)[] = [];
  readonly errors: ExtensionError[] = [];
  /** Registration is open during init only. */
  registrationOpen = true;

  constructor(private readonly info: FunctionInfo) {}

  static handles(path: string): boolean {
    return path.startsWith(PREFIX);
  }

  get count(): number {
    return this.byId.size;
  }

  names(): { name: string; events: string[] }[] {
    return [...this.byId.values()].map((e) => ({ name: e.name, events: [...e.events] }));
  }

  /** The identifier of a registered extension (Telemetry API subscriptions name one), or null. */
  nameOf(id: string | undefined): string | null {
    return (id !== undefined && this.byId.get(id)?.name) || null;
  }

  /** Every registered extension is holding an /event/next request (done with the last event). */
  allWaiting(): boolean {
    for (const e of this.byId.values()) if (e.waiting === null || e.queued.length > 0) return false;
    return true;
  }

  /** Resolves when `test` holds, re-checked on every registration, /next and error. */
  until(test: () => boolean): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise((resolve) => {
      const check = (): void => {
        if (test()) resolve();
        else this.changeListeners.push(check);
      };
      this.changeListeners.push(check);
    });
  }

  private changed(): void {
    const listeners = this.changeListeners;
    this.changeListeners = [];
    for (const l of listeners) l();
  }

  /** Send an event to every extension registered for its type; returns how many got it. */
  dispatch(event: ExtensionEvent): number {
    let n = 0;
    for (const e of this.byId.values()) {
      if (!e.events.has(event.eventType)) continue;
      n += 1;
      if (e.waiting !== null) {
        const res = e.waiting;
        e.waiting = null;
        json(res, 200, event, { 'lambda-extension-event-identifier': randomUUID() });
      } else {
        e.queued.push(event);
      }
    }
    return n;
  }

  async handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const route = path.slice(PREFIX.length);
    const idHeader = req.headers['lambda-extension-identifier'];
    const id = typeof idHeader === 'string' ? idHeader : undefined;
    if (route === 'register' && req.method === 'POST') return this.register(req, res);
    const ext = id === undefined ? undefined : this.byId.get(id);
    if (!ext) {
      json(res, 403, { errorMessage: 'Invalid or missing Lambda-Extension-Identifier', errorType: 'Extension.InvalidExtensionIdentifier' });
      return;
    }
    if (route === 'event/next' && req.method === 'GET') {
      const queued = ext.queued.shift();
      if (queued) {
        json(res, 200, queued, { 'lambda-extension-event-identifier': randomUUID() });
      } else {
        ext.waiting = res;
        // on the response, not the keep-alive socket: one listener per /next would pile up on the socket
        res.once('close', () => {
          if (ext.waiting === res) ext.waiting = null;
        });
      }
      this.changed();
      return;
    }
    if ((route === 'init/error' || route === 'exit/error') && req.method === 'POST') {
      await readBody(req, MAX_BODY);
      const type = req.headers['lambda-extension-function-error-type'];
      this.errors.push({ name: ext.name, errorType: typeof type === 'string' ? type : 'Extension.Unknown', phase: route === 'init/error' ? 'init' : 'exit' });
      json(res, 202, { status: 'OK' });
      this.changed();
      return;
    }
    json(res, 404, { errorMessage: `Unknown extensions API path ${path}`, errorType: 'InvalidRequest' });
  }

  private async register(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const nameHeader = req.headers['lambda-extension-name'];
    const body = await readBody(req, MAX_BODY);
    if (!this.registrationOpen) {
      json(res, 403, { errorMessage: 'Extensions can only register during init', errorType: 'Extension.RegistrationClosed' });
      return;
    }
    if (typeof nameHeader !== 'string' || nameHeader === '') {
      json(res, 400, { errorMessage: 'Missing Lambda-Extension-Name header', errorType: 'InvalidRequest' });
      return;
    }
    let events: unknown;
    try {
      events = (JSON.parse(body) as { events?: unknown }).events;
    } catch {
      events = undefined;
    }
    const list = Array.isArray(events) ? events.filter((e): e is string => e === 'INVOKE' || e === 'SHUTDOWN') : [];
    if (!Array.isArray(events) || list.length !== events.length) {
      json(res, 400, { errorMessage: 'events must be a list of INVOKE and/or SHUTDOWN', errorType: 'InvalidRequest' });
      return;
    }
    const id = randomUUID();
    this.byId.set(id, { id, name: nameHeader, events: new Set(list), waiting: null, queued: [] });
    json(res, 200, { functionName: this.info.functionName, functionVersion: this.info.functionVersion, handler: this.info.handler, accountId: this.info.accountId }, { 'lambda-extension-identifier': id });
    this.changed();
  }
}
