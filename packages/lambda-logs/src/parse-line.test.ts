import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseLogLine } from './parse-line.ts';
import type { ParsedLine } from './parsed-line.ts';
import * as S from './fixtures/samples.ts';

function as<K extends ParsedLine['kind']>(line: ParsedLine, kind: K): Extract<ParsedLine, { kind: K }> {
  assert.equal(line.kind, kind, `expected ${kind}, got ${JSON.stringify(line)}`);
  return line as Extract<ParsedLine, { kind: K }>;
}

test('START and END lines give the request id and version', () => {
  const start = as(parseLogLine(S.PY_OLD_TIMEOUT.events[0]!.message), 'start');
  assert.equal(start.requestId, 'dbb585bb-3a54-4d1a-a690-54e5085c55f8');
  assert.equal(start.version, '$LATEST');
  assert.equal(as(parseLogLine('START RequestId: 9c1f8a3e-2b4d-4f6a-8e0c-1a2b3c4d5e6f Version: 7\n'), 'start').version, '7');
  assert.equal(as(parseLogLine('END RequestId: 55fac1c7-b7a1-4af5-96f4-c3e79d8a2b20\n'), 'end').requestId, '55fac1c7-b7a1-4af5-96f4-c3e79d8a2b20');
});

test('REPORT line without status (older style) with init duration', () => {
  const r = as(parseLogLine(S.PY_OLD_TIMEOUT.events[4]!.message), 'report');
  assert.equal(r.requestId, 'dbb585bb-3a54-4d1a-a690-54e5085c55f8');
  assert.deepEqual(r.report, {
    durationMs: 300099.78,
    billedDurationMs: 300000,
    memorySizeMb: 128,
    maxMemoryUsedMb: 28,
    initDurationMs: 170.57,
    restoreDurationMs: null,
    billedRestoreDurationMs: null,
    status: null,
    errorType: null,
    traceId: null,
  });
});

test('REPORT with Status: timeout and the XRAY tail', () => {
  const r = as(parseLogLine(S.REPORT_TIMEOUT_XRAY), 'report').report;
  assert.equal(r.status, 'timeout');
  assert.equal(r.durationMs, 600000);
  assert.equal(r.billedDurationMs, 600477);
  assert.equal(r.initDurationMs, 476.75);
  assert.equal(r.traceId, '6ac7d63f0104e99861c65c8039f183da');
  assert.equal(as(parseLogLine(S.REPORT_TIMEOUT_PLAIN), 'report').report.status, 'timeout');
});

test('REPORT with Status: error and Error Type', () => {
  const r = as(parseLogLine(S.REPORT_OOM), 'report').report;
  assert.equal(r.status, 'error');
  assert.equal(r.errorType, 'Runtime.OutOfMemory');
  assert.equal(r.memorySizeMb, 5120);
  assert.equal(r.maxMemoryUsedMb, 5120);
});

test('REPORT separated by spaces, with SnapStart restore fields', () => {
  const r = as(parseLogLine(S.REPORT_SPACES_SNAPSTART), 'report').report;
  assert.equal(r.durationMs, 127.1);
  assert.equal(r.billedDurationMs, 154);
  assert.equal(r.memorySizeMb, 2048);
  assert.equal(r.maxMemoryUsedMb, 212);
  assert.equal(r.restoreDurationMs, 325.93);
  assert.equal(r.billedRestoreDurationMs, 26);
  assert.equal(r.initDurationMs, null);
  assert.equal(r.traceId, '66d978e556c7378e556e94b5461da07c');
});

test('memory in bytes is normalised to MB', () => {
  const line = 'REPORT RequestId: 1f2e3d4c-0000-4000-8000-00000000000a\tDuration: 12.34 ms\tBilled Duration: 13 ms\tMemory Size: 134217728 bytes\tMax Memory Used: 73400320 bytes\t\n';
  const r = as(parseLogLine(line), 'report').report;
  assert.equal(r.memorySizeMb, 128);
  assert.equal(r.maxMemoryUsedMb, 70);
  const unitless = as(parseLogLine('REPORT RequestId: x1\tDuration: 1 ms\tBilled Duration: 1 ms\tMemory Size: 268435456\tMax Memory Used: 512 MB'), 'report');
  assert.equal(unitless.report.memorySizeMb, 256);
  assert.equal(unitless.report.maxMemoryUsedMb, 512);
});

test('INIT_START, INIT_REPORT, RESTORE_START, RESTORE_REPORT', () => {
  const init = as(parseLogLine(S.NODE_IMPORT_ERROR.events[0]!.message), 'init-start');
  assert.equal(init.runtimeVersion, 'nodejs:20.v13');
  assert.match(init.runtimeVersionArn ?? '', /^arn:aws:lambda:us-east-1::runtime:/);
  const report = as(parseLogLine(S.GO_INIT_FAILURE.events[1]!.message), 'init-report');
  assert.deepEqual(report, { kind: 'init-report', initDurationMs: 0.61, phase: 'invoke', status: 'error', errorType: 'Runtime.InvalidEntrypoint', initType: null });
  assert.equal(as(parseLogLine('RESTORE_START Runtime Version: java:11.v21\tRuntime Version ARN: arn:aws:lambda:us-east-1::runtime:156ab0dc\n'), 'restore-start').runtimeVersion, 'java:11.v21');
  const restore = as(parseLogLine('RESTORE_REPORT Restore Duration: 1236.04 ms Status: error Error Type: Runtime.ExitError'), 'restore-report');
  assert.deepEqual(restore, { kind: 'restore-report', restoreDurationMs: 1236.04, status: 'error', errorType: 'Runtime.ExitError' });
});

test('older timeout line and runtime fault lines', () => {
  const t = as(parseLogLine(S.PY_OLD_TIMEOUT.events[5]!.message), 'timeout');
  assert.deepEqual(t, { kind: 'timeout', requestId: 'dbb585bb-3a54-4d1a-a690-54e5085c55f8', seconds: 300.1 });
  const exit = as(parseLogLine(S.OLD_OOM.events[2]!.message), 'runtime-exit');
  assert.deepEqual(exit, { kind: 'runtime-exit', requestId: '9c1f8a3e-2b4d-4f6a-8e0c-1a2b3c4d5e6f', errorType: 'Runtime.ExitError', errorMessage: 'Runtime exited with error: signal: killed' });
  const entry = as(parseLogLine(S.GO_INIT_FAILURE.events[3]!.message), 'runtime-exit');
  assert.equal(entry.errorType, 'Runtime.InvalidEntrypoint');
  assert.equal(entry.errorMessage, 'fork/exec /var/task/bootstrap: no such file or directory');
});

test('Node.js application lines: level, request id, body with \\r turned into newlines', () => {
  const info = as(parseLogLine(S.NODE_INFO), 'app');
  assert.equal(info.format, 'node');
  assert.equal(info.level, 'INFO');
  assert.equal(info.requestId, 'c793869b-ee49-115b-a5b6-4fd21e8dedac');
  assert.equal(info.body, 'ENVIRONMENT VARIABLES\n{\n  "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST"\n}');
  assert.equal(info.error, null);
  assert.equal(as(parseLogLine(S.NODE_WARN), 'app').level, 'WARN');
});

test('Node.js runtime error records are strong errors with type and message', () => {
  const invoke = as(parseLogLine(S.NODE_INVOKE_ERROR), 'app');
  assert.deepEqual(invoke.error, { errorType: 'TypeError', errorMessage: "Cannot read properties of undefined (reading 'id')", strong: true });
  const rejection = as(parseLogLine(S.NODE_UNHANDLED_REJECTION), 'app');
  assert.equal(rejection.error?.errorType, 'Runtime.UnhandledPromiseRejection');
  const init = as(parseLogLine(S.NODE_IMPORT_ERROR.events[1]!.message), 'app');
  assert.equal(init.requestId, null, '"undefined" is no request id');
  assert.equal(init.error?.errorType, 'Runtime.ImportModuleError');
  assert.equal(init.error?.strong, true);
  const userError = as(parseLogLine('2024-05-20T16:29:45.010Z\t4b142fc3-17b8-4cdb-a46b-a8dbe7918715\tERROR\tretrying after timeout\n'), 'app');
  assert.equal(userError.level, 'ERROR');
  assert.equal(userError.error, null, 'an ERROR line written by the code is not an invocation error');
});

test('Python application lines and runtime error records', () => {
  const info = as(parseLogLine(S.PY_INFO), 'app');
  assert.deepEqual([info.format, info.level, info.requestId, info.body], ['python', 'INFO', 'dbb585bb-3a54-4d1a-a690-54e5085c55f8', 'Received SNS event: 95df01b4-ee98-5cb9-9903-4c221d41eb5e']);
  const warning = as(parseLogLine(S.PY_WARNING_NO_ID), 'app');
  assert.equal(warning.level, 'WARNING');
  assert.equal(warning.requestId, null);
  const keyError = as(parseLogLine(S.PY_KEY_ERROR), 'app');
  assert.deepEqual(keyError.error, { errorType: 'KeyError', errorMessage: "'order'", strong: true });
  assert.equal(keyError.requestId, null);
  assert.match(keyError.body, /^\[ERROR\] KeyError: 'order'\nTraceback/);
  const imp = as(parseLogLine(S.PY_IMPORT_ERROR), 'app');
  assert.deepEqual(imp.error, { errorType: 'Runtime.ImportModuleError', errorMessage: "Unable to import module 'search': No module named 'search'", strong: true });
  const json = as(parseLogLine(S.PY_JSON_ERROR), 'app');
  assert.deepEqual(json.error, { errorType: 'KeyError', errorMessage: "'order'", strong: true });
  assert.equal(json.requestId, '0c90003a-8970-474c-b696-fca5336ef4f5');
});

test('structured JSON logs: fields become attributes, message the body, level the severity', () => {
  const node = as(parseLogLine(S.NODE_JSON_INFO), 'app');
  assert.equal(node.format, 'json');
  assert.equal(node.body, 'order accepted');
  assert.equal(node.level, 'INFO');
  assert.equal(node.requestId, '0c90003a-8970-474c-b696-fca5336ef4f5');
  assert.deepEqual(node.attributes, { timestamp: '2024-01-10T09:30:12.345Z', requestId: '0c90003a-8970-474c-b696-fca5336ef4f5', orderId: 'o-1842' });
  const pt = as(parseLogLine(S.POWERTOOLS_JSON), 'app');
  assert.equal(pt.requestId, '52fdfc07-2182-154f-163f-5f0f9a621d72');
  assert.equal(pt.traceId, '5759e988bd862e3fe1be46a994272793');
  assert.equal(pt.attributes['cold_start'], 'true');
  assert.equal(pt.attributes['function_memory_size'], '128');
  const nested = as(parseLogLine('{"timestamp":"2024-01-10T09:30:12.345Z","level":"ERROR","requestId":"r1","message":{"errorType":"Error","errorMessage":"boom","stackTrace":["Error: boom"]}}'), 'app');
  assert.deepEqual(nested.error, { errorType: 'Error', errorMessage: 'boom', strong: false });
  const pino = as(parseLogLine('{"level":50,"time":1700000000000,"msg":"db down","reqId":7}'), 'app');
  assert.equal(pino.level, 50);
  assert.equal(pino.body, 'db down');
});

test('JSON-format platform records', () => {
  const start = as(parseLogLine(S.JSON_PLATFORM_START), 'start');
  assert.equal(start.requestId, '459921b5-681c-4a96-beb0-81e0aa586026');
  assert.equal(start.traceId, '6352a70e1e2c502e358361800241fd45');
  const report = as(parseLogLine(S.JSON_PLATFORM_REPORT), 'report').report;
  assert.equal(report.initDurationMs, 549.04);
  assert.equal(report.memorySizeMb, 128);
  assert.equal(report.status, 'success');
  const done = as(parseLogLine(S.JSON_PLATFORM_TIMEOUT[0]!), 'runtime-done');
  assert.equal(done.status, 'timeout');
  const bad = parseLogLine('{"time":"2024-01-01T00:00:00Z","type":"platform.report","record":{"metrics":{}}}');
  assert.equal(bad.kind, 'app', 'a platform record without requestId is kept as a JSON log line');
});

test('unknown text is a plain app line; "<iso> <uuid> LEVEL" lines keep their request id', () => {
  const plain = as(parseLogLine('connected to db in 12ms\n'), 'app');
  assert.deepEqual([plain.format, plain.requestId, plain.body], ['plain', null, 'connected to db in 12ms']);
  const java = as(parseLogLine('2023-07-05 10:16:34.565 b771fecc-1b53-4faf-922d-1d74357b1676 DEBUG AbstractFlow:214 - SMARequest(...)'), 'app');
  assert.equal(java.requestId, 'b771fecc-1b53-4faf-922d-1d74357b1676');
  assert.equal(java.level, 'DEBUG');
});
