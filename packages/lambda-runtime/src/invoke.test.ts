// Cold then warm invocations of an ESM handler: the result, the context, the environment, and the
// platform lines as the project's own parser reads them.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { parseLogLine } from '@nightjar/lambda-logs';
import { createLocalLambda } from './local-lambda.ts';
import type { LocalLambda } from './local-lambda.ts';
import type { InvokeResult, LogEvent } from './types.ts';

const codeDir = fileURLToPath(new URL('../test-fixtures', import.meta.url));

interface EchoPayload {
  event: unknown;
  pid: number;
  traceId: string;
  remainingMs: number;
  context: Record<string, unknown>;
  env: Record<string, string>;
}

describe('invoke (ESM handler, cold then warm)', () => {
  const logs: { fn: string; stream: string; event: LogEvent }[] = [];
  let lambda: LocalLambda;
  let cold: InvokeResult;
  let warm: InvokeResult;

  before(async () => {
    lambda = createLocalLambda({
      functions: [
        { name: 'echo', handler: 'echo.handler', codeDir, memoryMb: 256, timeoutSeconds: 5, version: '7', region: 'eu-west-1', environment: { MY_SETTING: 'on' } },
        { name: 'nested', handler: 'echo.nested.deeper.handler', codeDir },
      ],
      onLog: (fn, stream, event) => logs.push({ fn, stream, event }),
    });
    cold = await lambda.invoke('echo', { order: 1 }, { clientContext: { custom: { tenant: 'a' } }, cognitoIdentity: { cognitoIdentityId: 'id-1' } });
    warm = await lambda.invoke('echo', { order: 2 });
  });
  after(() => lambda.close());

  it('returns the handler result; the first invocation is cold, the second warm on the same process', () => {
    const c = cold.payload as EchoPayload;
    const w = warm.payload as EchoPayload;
    assert.deepEqual(c.event, { order: 1 });
    assert.deepEqual(w.event, { order: 2 });
    assert.equal(cold.statusCode, 200);
    assert.equal(cold.status, 'success');
    assert.equal(cold.functionError, undefined);
    assert.equal(cold.coldStart, true);
    assert.equal(warm.coldStart, false);
    assert.equal(c.pid, w.pid);
    assert.equal(typeof cold.initDurationMs, 'number');
    assert.equal(warm.initDurationMs, undefined);
    assert.equal(cold.billedDurationMs, Math.ceil(cold.durationMs + (cold.initDurationMs ?? 0)));
    assert.equal(warm.billedDurationMs, Math.ceil(warm.durationMs));
    assert.ok(cold.maxMemoryUsedMb > 10 && cold.maxMemoryUsedMb <= 256, `max memory ${cold.maxMemoryUsedMb}`);
    assert.equal(cold.executedVersion, '7');
  });

  it('builds the context object and sets _X_AMZN_TRACE_ID per invocation', () => {
    const c = cold.payload as EchoPayload;
    assert.equal(c.context['awsRequestId'], cold.requestId);
    assert.equal(c.context['functionName'], 'echo');
    assert.equal(c.context['functionVersion'], '7');
    assert.equal(c.context['invokedFunctionArn'], 'arn:aws:lambda:eu-west-1:123456789012:function:echo');
    assert.equal(c.context['memoryLimitInMB'], '256');
    assert.equal(c.context['logGroupName'], '/aws/lambda/echo');
    assert.equal(c.context['logStreamName'], cold.logStreamName);
    assert.deepEqual(c.context['clientContext'], { custom: { tenant: 'a' } });
    assert.deepEqual(c.context['identity'], { cognitoIdentityId: 'id-1' });
    assert.equal(c.context['callbackWaitsForEmptyEventLoop'], true);
    assert.ok(c.remainingMs > 4000 && c.remainingMs <= 5000, `remaining ${c.remainingMs}`);
    assert.match(c.traceId, /^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=1$/);
    assert.notEqual(c.traceId, (warm.payload as EchoPayload).traceId);
    assert.match(cold.logStreamName, /^\d{4}\/\d{2}\/\d{2}\/\[7\][0-9a-f]{32}$/);
  });

  it('sets the environment Lambda sets, plus the function own', () => {
    const env = (cold.payload as EchoPayload).env;
    assert.equal(env['AWS_LAMBDA_FUNCTION_NAME'], 'echo');
    assert.equal(env['AWS_LAMBDA_FUNCTION_VERSION'], '7');
    assert.equal(env['AWS_LAMBDA_FUNCTION_MEMORY_SIZE'], '256');
    assert.equal(env['AWS_LAMBDA_LOG_GROUP_NAME'], '/aws/lambda/echo');
    assert.equal(env['AWS_LAMBDA_LOG_STREAM_NAME'], cold.logStreamName);
    assert.equal(env['AWS_REGION'], 'eu-west-1');
    assert.equal(env['AWS_DEFAULT_REGION'], 'eu-west-1');
    assert.match(env['AWS_LAMBDA_RUNTIME_API'] ?? '', /^127\.0\.0\.1:\d+$/);
    assert.equal(env['_HANDLER'], 'echo.handler');
    assert.equal(env['LAMBDA_TASK_ROOT'], codeDir);
    assert.match(env['AWS_EXECUTION_ENV'] ?? '', /^AWS_Lambda_nodejs\d+\.x$/);
    assert.equal(env['AWS_LAMBDA_INITIALIZATION_TYPE'], 'on-demand');
    assert.equal(env['TZ'], ':UTC');
    assert.ok((env['AWS_ACCESS_KEY_ID'] ?? '').length > 0 && (env['AWS_SECRET_ACCESS_KEY'] ?? '').length > 0);
    assert.equal(env['MY_SETTING'], 'on');
  });

  it('prints INIT_START, START, the function lines, END and REPORT (Init Duration on the cold one only)', () => {
    const mine = logs.filter((l) => l.fn === 'echo');
    assert.ok(mine.every((l) => l.stream === cold.logStreamName));
    const parsed = mine.map((l) => parseLogLine(l.event.message));
    assert.deepEqual(
      parsed.map((p) => p.kind),
      ['init-start', 'start', 'app', 'app', 'end', 'report', 'start', 'app', 'app', 'end', 'report'],
    );
    const [initStart, start, info, warn, end, report] = parsed;
    assert.equal(initStart?.kind === 'init-start' && initStart.runtimeVersion?.startsWith('nodejs:'), true);
    assert.deepEqual(start, { kind: 'start', requestId: cold.requestId, version: '7', traceId: null });
    assert.equal(info?.kind === 'app' && info.requestId, cold.requestId);
    assert.equal(info?.kind === 'app' && info.level, 'INFO');
    assert.equal(info?.kind === 'app' && info.body, 'received {"order":1}');
    assert.equal(warn?.kind === 'app' && warn.level, 'WARN');
    assert.equal(warn?.kind === 'app' && warn.body, 'multi\nline', 'a multi-line record stays one event');
    assert.deepEqual(end, { kind: 'end', requestId: cold.requestId });
    assert.ok(report?.kind === 'report');
    assert.equal(report.requestId, cold.requestId);
    assert.equal(report.report.durationMs, cold.durationMs);
    assert.equal(report.report.billedDurationMs, cold.billedDurationMs);
    assert.equal(report.report.memorySizeMb, 256);
    assert.equal(report.report.maxMemoryUsedMb, cold.maxMemoryUsedMb);
    assert.equal(report.report.initDurationMs, cold.initDurationMs);
    const warmReport = parsed[10];
    assert.ok(warmReport?.kind === 'report');
    assert.equal(warmReport.requestId, warm.requestId);
    assert.equal(warmReport.report.initDurationMs, null);
    const rawReport = mine[5]?.event.message ?? '';
    assert.match(rawReport, /^REPORT RequestId: \S+\tDuration: \d+\.\d{2} ms\tBilled Duration: \d+ ms\tMemory Size: 256 MB\tMax Memory Used: \d+ MB\tInit Duration: \d+\.\d{2} ms\t\n$/);
  });

  it('resolves a nested export path', async () => {
    const r = await lambda.invoke('nested', {});
    assert.equal(r.payload, 'nested-ok');
  });

  it('rejects an unknown function with the package error', async () => {
    await assert.rejects(lambda.invoke('nope', {}), { name: 'LocalLambdaError', message: 'Function not found: nope' });
  });

  it('close() ends every runtime process and refuses later invocations', async () => {
    const pid = (warm.payload as EchoPayload).pid;
    await lambda.close();
    assert.throws(() => process.kill(pid, 0), { code: 'ESRCH' });
    assert.equal(lambda.instanceCount('echo'), 0);
    await assert.rejects(lambda.invoke('echo', {}), { name: 'LocalLambdaError', message: 'local lambda is closed' });
  });
});
