import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { InvocationRow, RowBatch } from '@nightjar/model';
import { parseCloudWatchPayload } from './cloudwatch-payload.ts';
import { parseFirehoseRecord, appendBatch } from './firehose-record.ts';
import { buildCloudWatchPayload, buildControlMessage, gzipFirehoseRecord } from './fixtures/build.ts';
import * as S from './fixtures/samples.ts';
import { emptyBatch } from '@nightjar/model';

const CTX = { project: 'shop', receivedNs: '1710000000999000000' };
const STREAM = '2024/03/09/[$LATEST]3f1c8a7e9b2d4c6f8a0e1b3d5f7a9c2e';

function parse(events: { timestamp: number; message: string }[], logGroup = '/aws/lambda/orders', logStream = STREAM): RowBatch {
  return parseCloudWatchPayload(buildCloudWatchPayload({ logGroup, logStream, events }), CTX);
}

function row(batch: RowBatch, requestId: string, source: InvocationRow['source']): InvocationRow {
  const found = batch.invocations.filter((r) => r.requestId === requestId && r.source === source);
  assert.equal(found.length, 1, `one ${source} row for ${requestId}: ${JSON.stringify(batch.invocations)}`);
  return found[0]!;
}

test('old-style timeout: REPORT numbers in the report-log row, timeout in the platform-log row', () => {
  const b = parse(S.PY_OLD_TIMEOUT.events);
  const id = S.PY_OLD_TIMEOUT.requestId;
  const report = row(b, id, 'report-log');
  assert.equal(report.function, 'orders');
  assert.equal(report.durationMs, 300099.78);
  assert.equal(report.billedDurationMs, 300000);
  assert.equal(report.memorySizeMb, 128);
  assert.equal(report.maxMemoryUsedMb, 28);
  assert.equal(report.initDurationMs, 170.57);
  assert.equal(report.coldStart, true);
  assert.equal(report.status, 'success', 'the REPORT line itself says nothing of the timeout');
  assert.ok(report.costUsd !== null && report.costUsd > 0);
  assert.equal(report.startNs, '1581704379439220000', 'REPORT time minus duration');
  const platform = row(b, id, 'platform-log');
  assert.equal(platform.status, 'timeout');
  assert.equal(platform.errorMessage, 'Task timed out after 300.10 seconds');
  assert.equal(platform.version, '$LATEST');
  assert.equal(platform.startNs, '1581704379440000000', 'START time');
  assert.equal(b.logs.length, 6);
  assert.ok(b.logs.every((l) => l.requestId === id && l.source === 'cloudwatch' && l.function === 'orders'));
  assert.equal(b.logs.find((l) => l.body.includes('Task timed out'))?.severityText, 'ERROR');
  assert.deepEqual(b.ingestErrors, []);
});

test('new-style timeout: Status: timeout in REPORT decides, trace id from the XRAY tail', () => {
  const id = 'd602a1ed-503f-4ff7-9639-650e773dbbee';
  const b = parse([
    { timestamp: 1751000000000, message: `START RequestId: ${id} Version: 12\n` },
    { timestamp: 1751000600477, message: `END RequestId: ${id}\n` },
    { timestamp: 1751000600477, message: S.REPORT_TIMEOUT_XRAY },
  ]);
  const report = row(b, id, 'report-log');
  assert.equal(report.status, 'timeout');
  assert.equal(report.traceId, '6ac7d63f0104e99861c65c8039f183da');
  assert.equal(report.coldStart, true);
  assert.equal(row(b, id, 'platform-log').status, 'success', 'END seen and no error line: the platform lines saw no failure');
  assert.ok(b.logs.every((l) => l.traceId === '6ac7d63f0104e99861c65c8039f183da'), 'the invocation trace goes on its log lines');
});

test('old-style OOM: killed runtime + memory full makes out_of_memory', () => {
  const b = parse(S.OLD_OOM.events);
  const platform = row(b, S.OLD_OOM.requestId, 'platform-log');
  assert.equal(platform.status, 'out_of_memory');
  assert.equal(platform.errorType, 'Runtime.ExitError');
  assert.equal(platform.errorMessage, 'Runtime exited with error: signal: killed');
  assert.equal(platform.version, '7');
  assert.equal(row(b, S.OLD_OOM.requestId, 'report-log').status, 'success');
  // Without the REPORT in the same payload the kill is a crash.
  const alone = parse(S.OLD_OOM.events.slice(0, 3));
  assert.equal(row(alone, S.OLD_OOM.requestId, 'platform-log').status, 'crash');
});

test('new-style OOM and crash: REPORT Status: error with Error Type', () => {
  const oom = parse([{ timestamp: 1700000000000, message: S.REPORT_OOM }]);
  const r = row(oom, '5c7c2e4b-3d0a-4b7e-9a57-0d4b4bb0e1f2', 'report-log');
  assert.equal(r.status, 'out_of_memory');
  assert.equal(r.errorType, 'Runtime.OutOfMemory');
  assert.equal(r.coldStart, false, 'REPORT without Init Duration is warm');
  const crash = parse([
    { timestamp: 1, message: 'REPORT RequestId: c1\tDuration: 5.00 ms\tBilled Duration: 5 ms\tMemory Size: 128 MB\tMax Memory Used: 40 MB\tStatus: error\tError Type: Runtime.ExitError\n' },
    { timestamp: 2, message: 'REPORT RequestId: c2\tDuration: 5.00 ms\tBilled Duration: 5 ms\tMemory Size: 128 MB\tMax Memory Used: 128 MB\tStatus: error\tError Type: Runtime.ExitError\n' },
  ]);
  assert.equal(row(crash, 'c1', 'report-log').status, 'crash');
  assert.equal(row(crash, 'c2', 'report-log').status, 'out_of_memory', 'ExitError with Max Memory Used == Memory Size');
});

test('Node.js Invoke Error gives status error with its type and message', () => {
  const id = '4b142fc3-17b8-4cdb-a46b-a8dbe7918715';
  const b = parse([
    { timestamp: 1716222585000, message: `START RequestId: ${id} Version: $LATEST\n` },
    { timestamp: 1716222585010, message: S.NODE_INVOKE_ERROR },
    { timestamp: 1716222585011, message: `END RequestId: ${id}\n` },
    { timestamp: 1716222585011, message: `REPORT RequestId: ${id}\tDuration: 11.64 ms\tBilled Duration: 12 ms\tMemory Size: 128 MB\tMax Memory Used: 67 MB\t\n` },
  ]);
  const p = row(b, id, 'platform-log');
  assert.equal(p.status, 'error');
  assert.equal(p.errorType, 'TypeError');
  assert.equal(p.errorMessage, "Cannot read properties of undefined (reading 'id')");
  assert.equal(b.logs[1]?.severityText, 'ERROR');
});

test('unprefixed lines belong to the enclosing START..REPORT; init lines to the next START as init errors', () => {
  const id = '0c90003a-8970-474c-b696-fca5336ef4f5';
  const b = parse([
    { timestamp: 1000, message: 'INIT_START Runtime Version: python:3.12.v38\tRuntime Version ARN: arn:aws:lambda:us-east-1::runtime:abc\n' },
    { timestamp: 1100, message: S.PY_IMPORT_ERROR },
    { timestamp: 1101, message: 'INIT_REPORT Init Duration: 101.50 ms\tPhase: init\tStatus: error\tError Type: Runtime.ImportModuleError\n' },
    { timestamp: 1200, message: `START RequestId: ${id} Version: $LATEST\n` },
    { timestamp: 1201, message: 'plain print output\n' },
    { timestamp: 1202, message: S.PY_KEY_ERROR },
    { timestamp: 1203, message: `END RequestId: ${id}\n` },
    { timestamp: 1203, message: `REPORT RequestId: ${id}\tDuration: 3.00 ms\tBilled Duration: 3 ms\tMemory Size: 128 MB\tMax Memory Used: 40 MB\tStatus: error\tError Type: Runtime.ImportModuleError\n` },
  ]);
  assert.ok(b.logs.every((l) => l.requestId === id), JSON.stringify(b.logs.map((l) => l.requestId)));
  const p = row(b, id, 'platform-log');
  assert.equal(p.status, 'init_error');
  assert.equal(p.errorType, 'Runtime.ImportModuleError');
  assert.equal(p.errorMessage, "Unable to import module 'search': No module named 'search'");
  assert.equal(p.initDurationMs, 101.5);
  assert.equal(p.coldStart, true);
  assert.equal(row(b, id, 'report-log').status, 'init_error');
});

test('a payload starting mid-invocation gives its first lines to the END/REPORT that closes it', () => {
  const b = parse([
    { timestamp: 10, message: 'still working\n' },
    { timestamp: 11, message: 'END RequestId: r-prev\n' },
    { timestamp: 11, message: 'REPORT RequestId: r-prev\tDuration: 5.00 ms\tBilled Duration: 5 ms\tMemory Size: 128 MB\tMax Memory Used: 40 MB\t\n' },
    { timestamp: 12, message: 'between invocations\n' },
  ]);
  assert.deepEqual(b.logs.map((l) => l.requestId), ['r-prev', 'r-prev', 'r-prev', '']);
});

test('Go init failure: INIT_REPORTs before START and the fault line make init_error', () => {
  const b = parse(S.GO_INIT_FAILURE.events);
  const id = S.GO_INIT_FAILURE.requestId;
  const p = row(b, id, 'platform-log');
  assert.equal(p.status, 'init_error');
  assert.equal(p.errorType, 'Runtime.InvalidEntrypoint');
  assert.equal(p.initDurationMs, 0.79);
  assert.equal(row(b, id, 'report-log').status, 'init_error');
  assert.ok(b.logs.every((l) => l.requestId === id));
});

test('Node.js import error at init: "undefined" request id lines go to the next invocation', () => {
  const b = parse(S.NODE_IMPORT_ERROR.events);
  const p = row(b, S.NODE_IMPORT_ERROR.requestId, 'platform-log');
  assert.equal(p.status, 'init_error');
  assert.equal(p.errorType, 'Runtime.ImportModuleError');
  assert.match(p.errorMessage ?? '', /^Error: Cannot find module 'uuid'/);
});

test('JSON log format: platform records and structured app logs', () => {
  const id = '459921b5-681c-4a96-beb0-81e0aa586026';
  const b = parse(
    [
      { timestamp: 1666361103165, message: S.JSON_PLATFORM_START },
      { timestamp: 1666361104000, message: `{"timestamp":"2022-10-21T14:05:04.000Z","level":"WARN","requestId":"${id}","message":"slow downstream","latencyMs":812}` },
      { timestamp: 1666361105766, message: S.JSON_PLATFORM_REPORT },
    ],
    '/aws/lambda/checkout',
  );
  const report = row(b, id, 'report-log');
  assert.equal(report.coldStart, true);
  assert.equal(report.initDurationMs, 549.04);
  assert.equal(report.traceId, '6352a70e1e2c502e358361800241fd45');
  const start = row(b, id, 'platform-log');
  assert.equal(start.traceId, '6352a70e1e2c502e358361800241fd45');
  assert.equal(start.startNs, '1666361103165000000');
  const warn = b.logs[1]!;
  assert.equal(warn.severityText, 'WARN');
  assert.equal(warn.severityNumber, 13);
  assert.equal(warn.body, 'slow downstream');
  assert.equal(warn.attributes['latencyMs'], '812');
  assert.equal(b.logs[0]!.attributes['lambda.log.type'], 'platform.start');

  const timeout = parse(S.JSON_PLATFORM_TIMEOUT.map((message, i) => ({ timestamp: 1783577150562 + i * 19, message })));
  assert.equal(row(timeout, 'aec7a529-47f9-4090-be01-c9ed91bf83cf', 'report-log').status, 'timeout');
  assert.equal(row(timeout, 'aec7a529-47f9-4090-be01-c9ed91bf83cf', 'platform-log').status, 'timeout');
});

test('Lambda@Edge and custom log groups name the function; other groups make no invocations', () => {
  const events = S.OLD_OOM.events;
  const edge = parse(events, '/aws/lambda/us-east-1.image-resizer');
  assert.ok(edge.invocations.length > 0 && edge.invocations.every((r) => r.function === 'image-resizer'));
  const custom = parse(events, '/shared/lambda-logs', '2024/03/09/orders[7]3f1c8a7e9b2d4c6f8a0e1b3d5f7a9c2e');
  assert.ok(custom.invocations.length > 0 && custom.invocations.every((r) => r.function === 'orders'));
  assert.equal(custom.logs[0]?.resource['faas.version'], '7');
  const app = parse(
    [
      { timestamp: 1, message: '2024-03-09T16:00:00.180Z\t4b142fc3-17b8-4cdb-a46b-a8dbe7918715\tERROR\tInvoke Error \t{"errorType":"Error","errorMessage":"x"}\n' },
      { timestamp: 2, message: 'GET /health 200\n' },
    ],
    '/ecs/web',
    'web/web/8f2e1c',
  );
  assert.deepEqual(app.invocations, [], 'no invocation rows from a group that is not Lambda\'s without platform lines');
  assert.equal(app.logs.length, 2);
  assert.ok(app.logs.every((l) => l.function === '/ecs/web'));
  const platformInOther = parse(S.PY_OLD_TIMEOUT.events, '/ecs/web', 'web/web/8f2e1c');
  assert.ok(platformInOther.invocations.length > 0, 'platform lines still make invocation rows');
});

test('control messages acknowledged without rows; malformed events become ingest errors', () => {
  assert.deepEqual(parseCloudWatchPayload(buildControlMessage(1), CTX), emptyBatch());
  const p = buildCloudWatchPayload({ logGroup: '/aws/lambda/orders', logStream: STREAM, events: [{ timestamp: 5, message: 'ok\n' }] });
  const b = parseCloudWatchPayload({ ...p, logEvents: [...p.logEvents, { id: 'x', timestamp: 6 }, 'junk'] }, CTX);
  assert.equal(b.logs.length, 1);
  assert.deepEqual(b.ingestErrors.map((e) => [e.source, e.reason, e.timeNs]), [
    ['firehose', 'logEvents[1]: log event has no string message', CTX.receivedNs],
    ['firehose', 'logEvents[2]: log event is not an object', CTX.receivedNs],
  ]);
  const notPayload = parseCloudWatchPayload({ hello: 'world' }, CTX);
  assert.equal(notPayload.ingestErrors.length, 1);
  assert.equal(notPayload.ingestErrors[0]?.sample, '{"hello":"world"}');
});

test('parsing the same input twice gives equal rows; duplicate events count once', () => {
  const payload = buildCloudWatchPayload({ logGroup: '/aws/lambda/orders', logStream: STREAM, events: [...S.PY_OLD_TIMEOUT.events, ...S.OLD_OOM.events] });
  const first = parseCloudWatchPayload(payload, CTX);
  const second = parseCloudWatchPayload(JSON.parse(JSON.stringify(payload)), CTX);
  assert.deepEqual(second, first);
  const doubled = parseCloudWatchPayload({ ...payload, logEvents: [...payload.logEvents, ...payload.logEvents] }, CTX);
  assert.deepEqual(doubled, first);
});

test('a batch with one corrupt record among good ones keeps the good ones', () => {
  const good1 = gzipFirehoseRecord(buildCloudWatchPayload({ logGroup: '/aws/lambda/orders', logStream: STREAM, events: S.PY_OLD_TIMEOUT.events }));
  const good2 = gzipFirehoseRecord(buildCloudWatchPayload({ logGroup: '/aws/lambda/orders', logStream: STREAM, events: S.OLD_OOM.events }));
  const corrupt = good1.slice(0, 40) + 'AAAA' + good1.slice(44, 120);
  const batch = emptyBatch();
  for (const data of [good1, corrupt, good2]) appendBatch(batch, parseFirehoseRecord(data, CTX));
  assert.equal(batch.logs.length, S.PY_OLD_TIMEOUT.events.length + S.OLD_OOM.events.length);
  assert.equal(batch.ingestErrors.length, 1);
  assert.match(batch.ingestErrors[0]!.reason, /^gzip: /);
  assert.equal(batch.ingestErrors[0]!.sample, corrupt);
  assert.ok(batch.invocations.some((r) => r.requestId === S.OLD_OOM.requestId));
});

test('SnapStart (text): RESTORE_REPORT and REPORT restore fields, cost with billed restore duration', () => {
  const id = 'b771fecc-1b53-4faf-922d-1d74357b1676';
  const b = parse(
    [
      { timestamp: 1688552194013, message: 'RESTORE_START Runtime Version: java:11.v21\tRuntime Version ARN: arn:aws:lambda:us-east-1::runtime:156ab0dc268a6b4a8dedcbcf0974795cafba2ee8760fe386062fffdbb887b971\n' },
      { timestamp: 1688552194376, message: 'RESTORE_REPORT Restore Duration: 511.25 ms\n' },
      { timestamp: 1688552194379, message: `START RequestId: ${id} Version: 56\n` },
      { timestamp: 1688552194686, message: `END RequestId: ${id}\n` },
      { timestamp: 1688552194686, message: `REPORT RequestId: ${id}\tDuration: 306.34 ms\tBilled Duration: 610 ms\tMemory Size: 3009 MB\tMax Memory Used: 155 MB\tRestore Duration: 511.25 ms\tBilled Restore Duration: 303 ms\t\n` },
    ],
    '/aws/lambda/sma',
    '2023/07/05/[56]374cd7798d2a4e36a494a23d658b9741',
  );
  const report = row(b, id, 'report-log');
  assert.deepEqual([report.restoreDurationMs, report.initDurationMs, report.coldStart, report.version], [511.25, null, true, '56']);
  assert.ok(Math.abs((report.costUsd ?? 0) - (0.0000002 + (3009 / 1024) * 0.913 * 0.0000166667)) < 1e-15);
  const platform = row(b, id, 'platform-log');
  assert.deepEqual([platform.restoreDurationMs, platform.coldStart, platform.status], [511.25, true, 'success']);
});
