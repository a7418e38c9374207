// Properties over arbitrary input: the parsers never throw (bad input comes back as values or
// IngestErrorRows), builders and parsers agree, parsing is deterministic, attribution follows START..REPORT.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { RowBatch } from '@nightjar/model';
import { parseLogLine } from './parse-line.ts';
import { parseCloudWatchPayload } from './cloudwatch-payload.ts';
import { parseTelemetryEvents } from './telemetry.ts';
import { decodeCloudWatchRecord } from './cloudwatch-record.ts';
import { decodeFirehoseRequest, FirehoseEnvelopeError } from './firehose-envelope.ts';
import { xrayToOtelTraceId } from './xray.ts';
import { buildCloudWatchPayload, formatEndLine, formatReportLine, formatStartLine } from './fixtures/build.ts';

const RUNS = { numRuns: 250 };
const CTX = { project: 'p', receivedNs: '1700000000000000000' };
const TCTX = { project: 'p', function: 'f', receivedNs: '1700000000000000000' };

/** Strings that start like real Lambda lines, so the parsers' deeper branches are reached. */
const lineLike = fc
  .tuple(
    fc.constantFrom(
      '',
      'START RequestId: ',
      'END RequestId: ',
      'REPORT RequestId: ',
      'INIT_START Runtime Version: ',
      'INIT_REPORT Init Duration: ',
      'RESTORE_REPORT Restore Duration: ',
      'RequestId: ',
      'Error: Runtime exited',
      '[ERROR] ',
      '[INFO]\t2024-01-01T00:00:00.000Z\t',
      '2024-01-01T00:00:00.000Z\t',
      '2024-01-01T00:00:00.000Z r1 Task timed out after ',
      '{"type":"platform.report","record":',
      '{"type":"platform.start","record":{"requestId":',
      '{"level":"ERROR","message":',
    ),
    fc.string({ unit: 'grapheme', maxLength: 80 }),
    fc.constantFrom('', '\t', '\n', ' ms\tStatus: error\tError Type: Runtime.ExitError', '}', '"}}', ' MB\t\nXRAY TraceId: 1-'),
    fc.string({ maxLength: 40 }),
  )
  .map((parts) => parts.join(''));

const anyLine = fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), lineLike, fc.jsonValue().map((v) => JSON.stringify(v)));

function checkBatch(b: RowBatch): void {
  for (const l of b.logs) {
    assert.equal(typeof l.body, 'string');
    assert.match(l.timeNs, /^\d+$/);
    assert.ok(Number.isInteger(l.severityNumber) && l.severityNumber >= 0 && l.severityNumber <= 24);
  }
  for (const r of b.invocations) {
    assert.notEqual(r.requestId, '');
    for (const n of [r.durationMs, r.billedDurationMs, r.memorySizeMb, r.maxMemoryUsedMb, r.initDurationMs, r.costUsd]) {
      assert.ok(n === null || (Number.isFinite(n) && n >= 0), `bad number ${n}`);
    }
    if (r.startNs !== null) assert.match(r.startNs, /^\d+$/);
    if (r.traceId !== null) assert.match(r.traceId, /^[0-9a-f]{32}$/);
  }
}

test('parseLogLine never throws and always says what the line is', () => {
  fc.assert(
    fc.property(anyLine, (line) => {
      const parsed = parseLogLine(line);
      assert.equal(typeof parsed.kind, 'string');
    }),
    RUNS,
  );
});

test('parseCloudWatchPayload never throws, on any JSON value or any events', () => {
  fc.assert(
    fc.property(fc.anything({ withBigInt: true, withMap: true, withSet: true, withNullPrototype: true }), (value) => {
      checkBatch(parseCloudWatchPayload(value, CTX));
    }),
    RUNS,
  );
  const event = fc.record({ id: fc.string({ maxLength: 4 }), timestamp: fc.oneof(fc.integer({ min: 0, max: 2e12 }), fc.double()), message: anyLine });
  fc.assert(
    fc.property(fc.array(fc.oneof(event, fc.anything()), { maxLength: 12 }), fc.constantFrom('/aws/lambda/f', '/other', '/aws/lambda/us-east-1.f'), (events, logGroup) => {
      const payload = { messageType: 'DATA_MESSAGE', owner: '1', logGroup, logStream: '2024/01/01/[$LATEST]ab', subscriptionFilters: [], logEvents: events };
      const batch = parseCloudWatchPayload(payload, CTX);
      checkBatch(batch);
      assert.equal(batch.logs.length + batch.ingestErrors.length <= events.length, true);
      assert.deepEqual(parseCloudWatchPayload(payload, CTX), batch, 'deterministic');
    }),
    RUNS,
  );
});

test('parseTelemetryEvents never throws; malformed events become ingest errors', () => {
  fc.assert(
    fc.property(fc.anything({ withBigInt: true, withMap: true, withSet: true, withNullPrototype: true }), (value) => {
      checkBatch(parseTelemetryEvents(value, TCTX));
    }),
    RUNS,
  );
  const telemetryEvent = fc.record(
    {
      time: fc.oneof(fc.constant('2024-01-01T00:00:00.123456Z'), fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.string({ maxLength: 10 })),
      type: fc.constantFrom('platform.initStart', 'platform.initReport', 'platform.start', 'platform.runtimeDone', 'platform.report', 'platform.restoreReport', 'platform.logsDropped', 'function', 'extension', 'bogus'),
      record: fc.oneof(
        fc.jsonValue(),
        anyLine,
        fc.bigInt(),
        fc.record({ requestId: fc.constantFrom('r1', 'r2'), status: fc.constantFrom('success', 'error', 'failure', 'timeout', 'x'), errorType: fc.string({ maxLength: 20 }), metrics: fc.dictionary(fc.constantFrom('durationMs', 'billedDurationMs', 'memorySizeMB', 'maxMemoryUsedMB', 'initDurationMs'), fc.oneof(fc.double(), fc.integer(), fc.constant(1e308), fc.string({ maxLength: 5 }))) }),
      ),
    },
    { requiredKeys: [] },
  );
  fc.assert(
    fc.property(fc.array(telemetryEvent, { maxLength: 15 }), (events) => {
      const batch = parseTelemetryEvents(events, TCTX);
      checkBatch(batch);
      assert.ok(batch.ingestErrors.length <= events.length);
      assert.deepEqual(parseTelemetryEvents(events, TCTX), batch, 'deterministic');
    }),
    RUNS,
  );
});

test('record and envelope decoders: values or FirehoseEnvelopeError, nothing else', () => {
  fc.assert(
    fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.base64String({ maxLength: 200 }), fc.anything({ withBigInt: true, withNullPrototype: true })), (data) => {
      const result = decodeCloudWatchRecord(data);
      assert.equal(typeof result.ok, 'boolean');
    }),
    RUNS,
  );
  fc.assert(
    fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.jsonValue().map((v) => JSON.stringify(v)), fc.uint8Array({ maxLength: 64 })), (body) => {
      try {
        decodeFirehoseRequest(body);
      } catch (err) {
        assert.ok(err instanceof FirehoseEnvelopeError, String(err));
      }
    }),
    RUNS,
  );
});

test('formatReportLine and the REPORT parser agree on every field', () => {
  const ms = fc.integer({ min: 0, max: 900_000_00 }).map((n) => n / 100);
  fc.assert(
    fc.property(
      fc.record({
        durationMs: ms,
        memorySizeMb: fc.integer({ min: 128, max: 10240 }),
        used: fc.integer({ min: 1, max: 10240 }),
        initDurationMs: fc.option(ms, { nil: null }),
        status: fc.constantFrom(null, 'timeout' as const, 'error' as const),
        errorType: fc.constantFrom(null, 'Runtime.OutOfMemory', 'Runtime.ExitError'),
        bytes: fc.boolean(),
      }),
      (s) => {
        const maxMemoryUsedMb = Math.min(s.used, s.memorySizeMb);
        const line = formatReportLine({ requestId: 'r1', durationMs: s.durationMs, memorySizeMb: s.memorySizeMb, maxMemoryUsedMb, initDurationMs: s.initDurationMs, status: s.status, errorType: s.errorType, memoryInBytes: s.bytes });
        const parsed = parseLogLine(line);
        assert.equal(parsed.kind, 'report');
        if (parsed.kind !== 'report') return;
        const r = parsed.report;
        assert.equal(r.durationMs, s.durationMs);
        assert.equal(r.billedDurationMs, Math.ceil(s.durationMs + (s.initDurationMs ?? 0)));
        assert.equal(r.memorySizeMb, s.memorySizeMb);
        assert.equal(r.maxMemoryUsedMb, maxMemoryUsedMb);
        assert.equal(r.initDurationMs, s.initDurationMs);
        assert.equal(r.status, s.status);
        assert.equal(r.errorType, s.status === null ? null : s.errorType);
      },
    ),
    RUNS,
  );
});

test('unprefixed lines always land in the invocation that encloses them', () => {
  const invocation = fc.record({ id: fc.uuid(), lines: fc.array(fc.stringMatching(/^[a-z ]{1,20}$/), { maxLength: 4 }) });
  fc.assert(
    fc.property(fc.array(invocation, { minLength: 1, maxLength: 5 }), (invocations) => {
      const events: { timestamp: number; message: string }[] = [];
      const expected: string[] = [];
      let t = 1_700_000_000_000;
      for (const inv of invocations) {
        events.push({ timestamp: t++, message: formatStartLine(inv.id) });
        for (const line of inv.lines) events.push({ timestamp: t++, message: `${line}\n` });
        events.push({ timestamp: t, message: formatEndLine(inv.id) });
        events.push({ timestamp: t++, message: formatReportLine({ requestId: inv.id, durationMs: 1, memorySizeMb: 128, maxMemoryUsedMb: 64 }) });
        expected.push(...Array.from({ length: inv.lines.length + 3 }, () => inv.id));
      }
      const batch = parseCloudWatchPayload(buildCloudWatchPayload({ logGroup: '/aws/lambda/f', logStream: 's', events }), CTX);
      assert.deepEqual(batch.logs.map((l) => l.requestId), expected);
    }),
    RUNS,
  );
});

test('X-Ray -> OTel trace id is the two hex parts joined', () => {
  fc.assert(
    fc.property(fc.stringMatching(/^[0-9a-f]{8}$/), fc.stringMatching(/^[0-9a-f]{24}$/), (time, rest) => {
      const id = xrayToOtelTraceId(`1-${time}-${rest}`);
      assert.equal(id, /^0+$/.test(time + rest) ? null : time + rest);
    }),
    RUNS,
  );
});
