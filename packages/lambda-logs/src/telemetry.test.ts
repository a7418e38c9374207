import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTelemetryEvents } from './telemetry.ts';
import { TELEMETRY_COLD_BATCH } from './fixtures/samples.ts';
import { invocationTelemetryEvents } from './fixtures/simulate.ts';

const CTX = { project: 'shop', function: 'orders', version: '$LATEST', region: 'eu-west-1', architecture: 'arm64' as const, receivedNs: '1764542152000000000' };
const ID = '0c90003a-8970-474c-b696-fca5336ef4f5';

test('a cold invocation batch: one telemetry row with report metrics, trace and cost', () => {
  const b = parseTelemetryEvents(TELEMETRY_COLD_BATCH, CTX);
  assert.deepEqual(b.ingestErrors, []);
  assert.equal(b.invocations.length, 1);
  const r = b.invocations[0]!;
  assert.deepEqual(
    { ...r, costUsd: null },
    {
      project: 'shop',
      function: 'orders',
      requestId: ID,
      source: 'telemetry',
      version: '$LATEST',
      region: 'eu-west-1',
      architecture: 'arm64',
      startNs: '1764542151565101000',
      durationMs: 13.74,
      billedDurationMs: 580,
      memorySizeMb: 128,
      maxMemoryUsedMb: 64,
      initDurationMs: 565.4,
      restoreDurationMs: null,
      coldStart: true,
      status: 'success',
      errorType: null,
      errorMessage: null,
      costUsd: null,
      traceId: '692cc6c7f2ce8d3383524609b99c07a9',
    },
  );
  assert.ok(Math.abs((r.costUsd ?? 0) - (0.0000002 + 0.125 * 0.58 * 0.0000133334)) < 1e-15);
});

test('function and extension records become log rows, attributed to the running invocation', () => {
  const b = parseTelemetryEvents(TELEMETRY_COLD_BATCH, CTX);
  assert.deepEqual(
    b.logs.map((l) => [l.attributes['lambda.log.type'], l.requestId, l.severityText, l.body, l.timeNs]),
    [
      ['function', ID, 'INFO', 'processing order o-1842', '1764542151570211000'],
      ['function', ID, '', 'plain print() output without a request id', '1764542151571002000'],
      ['extension', '', '', '[nightjar-ext] flushed 4 events', '1764542151579500000'],
    ],
  );
  assert.ok(b.logs.every((l) => l.source === 'telemetry' && l.function === 'orders' && l.resource['cloud.region'] === 'eu-west-1'));
  assert.equal(b.logs[0]!.traceId, '692cc6c7f2ce8d3383524609b99c07a9');
});

test('any order and repeated events give the same rows', () => {
  const inOrder = parseTelemetryEvents(TELEMETRY_COLD_BATCH, CTX);
  const shuffled = [...TELEMETRY_COLD_BATCH].reverse();
  const repeated = [...shuffled, ...TELEMETRY_COLD_BATCH.slice(2, 6)];
  assert.deepEqual(parseTelemetryEvents(shuffled, CTX), inOrder);
  assert.deepEqual(parseTelemetryEvents(repeated, CTX), inOrder);
});

test('statuses: runtimeDone/report status and errorType map to the model', () => {
  const cases: [string, string | undefined, string][] = [
    ['success', undefined, 'success'],
    ['error', 'Runtime.OutOfMemory', 'out_of_memory'],
    ['error', 'Runtime.ExitError', 'crash'],
    ['error', 'TypeError', 'error'],
    ['failure', undefined, 'crash'],
    ['timeout', undefined, 'timeout'],
  ];
  for (const [status, errorType, expected] of cases) {
    const b = parseTelemetryEvents(
      [
        { time: '2024-01-01T00:00:00.000Z', type: 'platform.start', record: { requestId: 'r1' } },
        { time: '2024-01-01T00:00:01.000Z', type: 'platform.runtimeDone', record: { requestId: 'r1', status, errorType } },
      ],
      CTX,
    );
    assert.equal(b.invocations[0]?.status, expected, `${status}/${errorType}`);
    assert.equal(b.invocations[0]?.errorType, status === 'success' ? null : errorType ?? null);
  }
});

test('simulated invocations of every outcome come back with that outcome', () => {
  const outcomes = ['success', 'error', 'timeout', 'out_of_memory', 'crash', 'init_error'] as const;
  for (const outcome of outcomes) {
    for (const format of ['text', 'json'] as const) {
      const events = invocationTelemetryEvents({ requestId: `r-${outcome}`, startMs: 1704067200000, durationMs: 120.5, outcome, initDurationMs: 300 }, format);
      const b = parseTelemetryEvents(JSON.parse(JSON.stringify(events)), CTX);
      assert.deepEqual(b.ingestErrors, []);
      assert.equal(b.invocations.length, 1, outcome);
      assert.equal(b.invocations[0]?.status, outcome, `${outcome} (${format})`);
    }
  }
});

test('JSON-format function records (objects) keep their fields as attributes', () => {
  const b = parseTelemetryEvents(
    [{ time: '2024-01-01T00:00:00.000Z', type: 'function', record: { timestamp: '2024-01-01T00:00:00.000Z', level: 'ERROR', requestId: 'r9', message: 'card declined', code: 'E42' } }],
    CTX,
  );
  const log = b.logs[0]!;
  assert.deepEqual([log.requestId, log.severityText, log.severityNumber, log.body, log.attributes['code']], ['r9', 'ERROR', 17, 'card declined', 'E42']);
});

test('malformed events become ingest errors and the rest is kept; a non-array body is one error', () => {
  const b = parseTelemetryEvents(
    [
      42,
      { type: 'platform.start', record: { requestId: 'r1' } },
      { time: 'noon', type: 'function', record: 'x' },
      { time: '2024-01-01T00:00:00.000Z', type: 'platform.report', record: { metrics: {} } },
      { time: '2024-01-01T00:00:00.000Z', type: 'platform.start', record: 'r1' },
      { time: '2024-01-01T00:00:00.000Z', type: 'telemetry', record: {} },
      { time: '2024-01-01T00:00:00.000Z', type: 'function', record: 'kept\n' },
    ],
    CTX,
  );
  assert.deepEqual(
    b.ingestErrors.map((e) => e.reason),
    [
      'event is not an object',
      'platform.start event has no time',
      'function event time is not ISO 8601: noon',
      'platform.report record has no requestId',
      'platform.start record is not an object',
      'unknown event type telemetry',
    ],
  );
  assert.ok(b.ingestErrors.every((e) => e.source === 'lambda-telemetry' && e.timeNs === CTX.receivedNs));
  assert.equal(b.ingestErrors[1]!.sample, '{"type":"platform.start","record":{"requestId":"r1"}}');
  assert.deepEqual(b.logs.map((l) => l.body), ['kept']);
  const notArray = parseTelemetryEvents({ events: [] }, CTX);
  assert.equal(notArray.ingestErrors.length, 1);
  assert.match(notArray.ingestErrors[0]!.reason, /not a JSON array/);
});

test('logsDropped is kept as a warning log row', () => {
  const b = parseTelemetryEvents(
    [{ time: '2022-10-12T00:02:35.000Z', type: 'platform.logsDropped', record: { droppedBytes: 12345, droppedRecords: 123, reason: 'Consumer seems to have fallen behind' } }],
    CTX,
  );
  assert.equal(b.logs[0]?.severityText, 'WARN');
  assert.match(b.logs[0]?.body ?? '', /droppedRecords/);
});

test('absurd metric values give no infinite cost or start', () => {
  const b = parseTelemetryEvents(
    [{ time: '2024-01-01T00:00:00.000Z', type: 'platform.report', record: { requestId: 'r1', metrics: { durationMs: 1e308, billedDurationMs: 1e308, memorySizeMB: 1e308, maxMemoryUsedMB: 1 } } }],
    CTX,
  );
  const r = b.invocations[0]!;
  assert.equal(r.costUsd, 0);
  assert.equal(r.startNs, null);
  assert.equal(r.durationMs, 1e308);
});

test('a function record that is not text or JSON is kept as text', () => {
  const b = parseTelemetryEvents([{ time: '2024-01-01T00:00:00.000Z', type: 'function', record: 12 }], CTX);
  assert.equal(b.logs[0]?.body, '12');
});

test('SnapStart restore events give the restore duration and a cold start; informative events no rows', () => {
  const b = parseTelemetryEvents(
    [
      { time: '2024-01-01T00:00:00.000Z', type: 'platform.telemetrySubscription', record: { name: 'nightjar', state: 'Subscribed', types: ['platform', 'function'] } },
      { time: '2024-01-01T00:00:00.001Z', type: 'platform.extension', record: { name: 'nightjar', state: 'Ready', events: ['INVOKE', 'SHUTDOWN'] } },
      { time: '2024-01-01T00:00:00.002Z', type: 'platform.restoreStart', record: { runtimeVersion: 'java:21.v19', runtimeVersionArn: 'arn', functionName: 'orders', functionVersion: '3' } },
      { time: '2024-01-01T00:00:00.300Z', type: 'platform.restoreRuntimeDone', record: { status: 'success' } },
      { time: '2024-01-01T00:00:00.301Z', type: 'platform.restoreReport', record: { status: 'success', metrics: { durationMs: 298.4 } } },
      { time: '2024-01-01T00:00:00.302Z', type: 'platform.start', record: { requestId: 'r1', version: '3' } },
      { time: '2024-01-01T00:00:00.400Z', type: 'platform.runtimeDone', record: { requestId: 'r1', status: 'success' } },
      { time: '2024-01-01T00:00:00.401Z', type: 'platform.report', record: { requestId: 'r1', status: 'success', metrics: { durationMs: 98, billedDurationMs: 98, memorySizeMB: 1024, maxMemoryUsedMB: 180, restoreDurationMs: 298.4, billedRestoreDurationMs: 120 } } },
    ],
    CTX,
  );
  assert.deepEqual(b.ingestErrors, []);
  assert.deepEqual(b.logs, []);
  const r = b.invocations[0]!;
  assert.deepEqual([r.version, r.restoreDurationMs, r.coldStart, r.initDurationMs, r.status], ['3', 298.4, true, null, 'success']);
  assert.ok(Math.abs((r.costUsd ?? 0) - (0.0000002 + 1 * 0.218 * 0.0000133334)) < 1e-15, 'billed + billed restore duration');
});

test('a restore failure is an init error of the next invocation', () => {
  const b = parseTelemetryEvents(
    [
      { time: '2024-01-01T00:00:00.300Z', type: 'platform.restoreReport', record: { status: 'timeout', metrics: { durationMs: 10000 } } },
      { time: '2024-01-01T00:00:10.302Z', type: 'platform.start', record: { requestId: 'r1' } },
    ],
    CTX,
  );
  assert.deepEqual([b.invocations[0]?.status, b.invocations[0]?.errorMessage], ['init_error', 'restore phase timeout']);
});

test('JSON format: the ERROR record explains a failed invocation, not a successful one', () => {
  const events = (status: string): unknown[] => [
    { time: '2024-01-01T00:00:00.000Z', type: 'platform.start', record: { requestId: 'r1' } },
    { time: '2024-01-01T00:00:00.010Z', type: 'function', record: { timestamp: '2024-01-01T00:00:00.010Z', level: 'ERROR', requestId: 'r1', message: { errorType: 'Error', errorMessage: 'payment declined', stackTrace: ['Error: payment declined'] } } },
    { time: '2024-01-01T00:00:00.020Z', type: 'platform.runtimeDone', record: { requestId: 'r1', status, ...(status === 'success' ? {} : { errorType: 'Error' }) } },
  ];
  const failed = parseTelemetryEvents(events('error'), CTX).invocations[0]!;
  assert.deepEqual([failed.status, failed.errorType, failed.errorMessage], ['error', 'Error', 'payment declined']);
  const ok = parseTelemetryEvents(events('success'), CTX).invocations[0]!;
  assert.deepEqual([ok.status, ok.errorType, ok.errorMessage], ['success', null, null]);
});
