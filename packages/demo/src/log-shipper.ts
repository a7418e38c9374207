// What CloudWatch Logs + a subscription filter + Firehose do for a real account: every log event of
// every function is grouped per log stream into a gzip CloudWatch Logs subscription payload, and the
// payloads are delivered as Firehose HTTP endpoint requests (base64 records) to Nightjar's
// /ingest/firehose, with Firehose's headers and its retry on failure. Nothing is dropped silently:
// a delivery that keeps failing is counted and reported.
import { randomUUID } from 'node:crypto';
import { buildCloudWatchPayload, buildFirehoseRequest, functionLogGroup, gzipFirehoseRecord } from '@nightjar/lambda-logs';
import type { LogEvent } from '@nightjar/lambda-runtime';

export interface LogShipperOptions {
  /** Nightjar's base URL (its /ingest/firehose). */
  url: string;
  accessKey?: string;
  /** Buffer interval (Firehose's minimum is 0 s with zero buffering; 1 s here). */
  intervalMs?: number;
  /** Records per delivery request. */
  maxRecords?: number;
  onError?: (err: unknown) => void;
}

export interface LogShipperStats {
  events: number;
  deliveries: number;
  failedDeliveries: number;
  bytes: number;
}

export interface LogShipper {
  add(functionName: string, logStream: string, event: LogEvent): void;
  stats(): LogShipperStats;
  /** Deliver what is buffered and stop. */
  close(): Promise<void>;
}

export function createLogShipper(opts: LogShipperOptions): LogShipper {
  const interval = opts.intervalMs ?? 1000;
  const maxRecords = opts.maxRecords ?? 200;
  let buffer = new Map<string, { fn: string; stream: string; events: LogEvent[] }>();
  const stats: LogShipperStats = { events: 0, deliveries: 0, failedDeliveries: 0, bytes: 0 };
  let chain: Promise<void> = Promise.resolve();
  let closed = false;

  async function post(records: string[]): Promise<void> {
    const requestId = randomUUID();
    const body = buildFirehoseRequest({ requestId, timestamp: Date.now(), records });
    const headers: Record<string, string> = { 'content-type': 'application/json', 'x-amz-firehose-request-id': requestId, 'x-amz-firehose-protocol-version': '1.0' };
    if (opts.accessKey) headers['x-amz-firehose-access-key'] = opts.accessKey;
    // Firehose retries a failed delivery (for up to its retry duration); three tries here
    for (let attempt = 0; ; attempt++) {
      try {
        const res = await fetch(`${opts.url}/ingest/firehose`, { method: 'POST', headers, body, signal: AbortSignal.timeout(30_000) });
        await res.arrayBuffer();
        if (res.ok) {
          stats.deliveries++;
          stats.bytes += body.length;
          return;
        }
        if (attempt >= 2) throw new Error(`Firehose delivery answered ${res.status}`);
      } catch (err) {
        if (attempt >= 2) {
          stats.failedDeliveries++;
          opts.onError?.(err);
          return;
        }
      }
      await new Promise((r) => setTimeout(r, 500 * (attempt + 1)));
    }
  }

  function flush(): Promise<void> {
    const pending = buffer;
    buffer = new Map();
    if (pending.size === 0) return chain;
    const records = [...pending.values()].map(({ fn, stream, events }) => gzipFirehoseRecord(buildCloudWatchPayload({ logGroup: functionLogGroup(fn), logStream: stream, events })));
    chain = chain.then(async () => {
      for (let i = 0; i < records.length; i += maxRecords) await post(records.slice(i, i + maxRecords));
    });
    return chain;
  }

  const timer = setInterval(() => void flush(), interval);
  return {
    add(fn, stream, event) {
      if (closed) return;
      stats.events++;
      const key = `${fn}\u0000${stream}`;
      let entry = buffer.get(key);
      if (entry === undefined) buffer.set(key, (entry = { fn, stream, events: [] }));
      entry.events.push(event);
    },
    stats: () => ({ ...stats }),
    async close() {
      closed = true;
      clearInterval(timer);
      await flush();
    },
  };
}
