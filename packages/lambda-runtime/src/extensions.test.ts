// External extensions and the Telemetry API: registration, INVOKE and SHUTDOWN events, an invocation
// that ends only when the extension is back at /event/next, telemetry batches at the subscriber.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseLogLine } from '@nightjar/lambda-logs';
import { createLocalLambda } from './local-lambda.ts';
import type { LocalLambda } from './local-lambda.ts';
import type { InvokeResult, LogEvent } from './types.ts';

const codeDir = fileURLToPath(new URL('../test-fixtures', import.meta.url));

interface Received {
  kind: string;
  body: unknown;
  path?: string;
}
interface TelemetryEvent {
  time: string;
  type: string;
  record: unknown;
}

describe('extensions and telemetry', () => {
  const received: Received[] = [];
  const logs: LogEvent[] = [];
  let collector: Server;
  let lambda: LocalLambda;
  let first: InvokeResult;
  let second: InvokeResult;
  let timedOut: InvokeResult;

  before(async () => {
    collector = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ ...(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Received), path: req.url ?? '' });
        res.end();
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    const port = (collector.address() as AddressInfo).port;
    lambda = createLocalLambda({
      functions: [
        {
          name: 'with-ext',
          handler: 'echo.handler',
          codeDir,
          extensions: [`${codeDir}/extensions/recorder.mjs`],
          environment: { RECORDER_URL: `http://127.0.0.1:${port}/`, EXTENSION_DELAY_MS: '120' },
        },
        {
          name: 'ext-timeout',
          handler: 'failing.sleeps',
          codeDir,
          timeoutSeconds: 0.3,
          extensions: [`${codeDir}/extensions/recorder.mjs`],
          environment: { RECORDER_URL: `http://127.0.0.1:${port}/timeout` },
        },
      ],
      onLog: (_fn, _stream, event) => logs.push(event),
    });
    first = await lambda.invoke('with-ext', { n: 1 });
    second = await lambda.invoke('with-ext', { n: 2 });
    timedOut = await lambda.invoke('ext-timeout', { ms: 3000 });
    await lambda.close();
  });
  after(async () => {
    await lambda.close();
    await new Promise((resolve) => collector.close(resolve));
  });

  const events = (path = '/'): Record<string, unknown>[] => received.filter((r) => r.kind === 'event' && r.path === path).map((r) => r.body as Record<string, unknown>);
  const telemetry = (path = '/'): TelemetryEvent[] => received.filter((r) => r.kind === 'telemetry' && r.path === path).flatMap((r) => r.body as TelemetryEvent[]);

  it('registers the extension (identifier, function info) and its telemetry subscription', () => {
    const reg = received.find((r) => r.kind === 'registered')?.body;
    assert.deepEqual(reg, { functionName: 'with-ext', functionVersion: '$LATEST', handler: 'echo.handler', accountId: '123456789012' });
    assert.equal(received.find((r) => r.kind === 'subscribed')?.body, 200);
    const parsed = logs.map((l) => parseLogLine(l.message));
    assert.ok(parsed.some((p) => p.kind === 'platform-other' && p.type === 'platform.extension'));
    assert.ok(parsed.some((p) => p.kind === 'platform-other' && p.type === 'platform.telemetrySubscription'));
    assert.ok(logs.some((l) => l.message === 'recorder extension ready\n'), 'extension output reaches the log stream');
  });

  it('sends INVOKE events with the request id, deadline, ARN and trace header', () => {
    const invokes = events().filter((e) => e['eventType'] === 'INVOKE');
    assert.deepEqual(
      invokes.map((e) => e['requestId']),
      [first.requestId, second.requestId],
    );
    const e = invokes[0] ?? {};
    assert.equal(e['invokedFunctionArn'], 'arn:aws:lambda:us-east-1:123456789012:function:with-ext');
    assert.equal(typeof e['deadlineMs'], 'number');
    assert.equal((e['tracing'] as { value: string }).value, (first.payload as { traceId: string }).traceId);
  });

  it('does not end an invocation until the extension asks for the next event', () => {
    assert.equal(second.coldStart, false);
    assert.ok(second.durationMs >= 110, `warm duration ${second.durationMs} includes the extension's 120 ms`);
  });

  it('sends SHUTDOWN (spindown) when the sandbox is stopped', () => {
    const shutdown = events().find((e) => e['eventType'] === 'SHUTDOWN');
    assert.equal(shutdown?.['shutdownReason'], 'spindown');
  });

  it('on a timeout, resets the sandbox with SHUTDOWN (timeout) after telemetry says so', () => {
    assert.equal(timedOut.status, 'timeout');
    const shutdown = events('/timeout').find((e) => e['eventType'] === 'SHUTDOWN');
    assert.equal(shutdown?.['shutdownReason'], 'timeout');
    const done = telemetry('/timeout').find((e) => e.type === 'platform.runtimeDone');
    assert.deepEqual((done?.record as { status: string; errorType: string }).status, 'timeout');
    const report = telemetry('/timeout').find((e) => e.type === 'platform.report');
    assert.equal((report?.record as { status: string }).status, 'timeout');
  });

  it('pushes Telemetry API batches: init, start, runtimeDone, report with metrics, function records', () => {
    const all = telemetry();
    const types = new Set(all.map((e) => e.type));
    for (const t of ['platform.initStart', 'platform.initRuntimeDone', 'platform.initReport', 'platform.start', 'platform.runtimeDone', 'platform.report', 'function']) {
      assert.ok(types.has(t), `missing ${t}; got ${[...types].join(', ')}`);
    }
    assert.ok(!types.has('extension'), 'not subscribed to extension records');
    const report = all.find((e) => e.type === 'platform.report' && (e.record as { requestId: string }).requestId === first.requestId);
    const record = report?.record as { status: string; metrics: Record<string, number> };
    assert.equal(record.status, 'success');
    assert.equal(record.metrics['durationMs'], first.durationMs);
    assert.equal(record.metrics['billedDurationMs'], first.billedDurationMs);
    assert.equal(record.metrics['memorySizeMB'], 128);
    assert.equal(record.metrics['maxMemoryUsedMB'], first.maxMemoryUsedMb);
    assert.equal(record.metrics['initDurationMs'], first.initDurationMs);
    const fn = all.find((e) => e.type === 'function' && String(e.record).includes('received {"n":2}'));
    assert.ok(fn, 'the function log line arrives as a function record');
    assert.ok(!Number.isNaN(Date.parse(fn.time)));
  });
});
