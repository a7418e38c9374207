// CommonJS and callback handlers, errors the handler reports, errors that escape it, init errors.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { parseLogLine } from '@nightjar/lambda-logs';
import type { AppLine } from '@nightjar/lambda-logs';
import { createLocalLambda } from './local-lambda.ts';
import type { LogEvent } from './types.ts';

const codeDir = fileURLToPath(new URL('../test-fixtures', import.meta.url));
const fn = (name: string, handler: string): { name: string; handler: string; codeDir: string } => ({ name, handler, codeDir });

describe('handler styles and failures', () => {
  const logs: { fn: string; event: LogEvent }[] = [];
  const lambda = createLocalLambda({
    functions: [
      fn('cjs-callback', 'callback.handler'),
      fn('cjs-fails', 'callback.fails'),
      fn('cjs-waits', 'callback.waits'),
      fn('cjs-no-wait', 'callback.noWait'),
      fn('throws', 'failing.throws'),
      fn('uncaught', 'failing.uncaught'),
      fn('rejects', 'failing.rejectsLater'),
      fn('missing-module', 'nope.handler'),
      fn('missing-export', 'failing.absent'),
      fn('not-function', 'failing.notAFunction'),
      fn('init-throws', 'init-throws.handler'),
      fn('missing-dependency', 'missing-dependency.handler'),
    ],
    onLog: (name, _stream, event) => logs.push({ fn: name, event }),
  });
  after(() => lambda.close());
  const linesOf = (name: string): ReturnType<typeof parseLogLine>[] => logs.filter((l) => l.fn === name).map((l) => parseLogLine(l.event.message));

  it('runs a CommonJS (.cjs) callback handler', async () => {
    const r = await lambda.invoke('cjs-callback', { n: 1 });
    assert.equal(r.status, 'success');
    assert.deepEqual((r.payload as { got: unknown }).got, { n: 1 });
    assert.equal((r.payload as { style: string }).style, 'callback');
  });

  it('reports a callback error as the function error', async () => {
    const r = await lambda.invoke('cjs-fails', {});
    assert.equal(r.functionError, 'Unhandled');
    assert.equal(r.status, 'error');
    assert.equal(r.errorType, 'TypeError');
    assert.equal((r.payload as { errorMessage: string }).errorMessage, 'callback failure');
  });

  it('waits for the event loop to empty before reporting a callback result, unless told not to', async () => {
    const r = await lambda.invoke('cjs-waits', {});
    assert.equal(r.status, 'success');
    assert.ok(r.durationMs >= 140, `duration ${r.durationMs} should include the 150 ms timer`);
    assert.ok(linesOf('cjs-waits').some((l) => l.kind === 'app' && l.body === 'timer done' && l.requestId === r.requestId));
    const quick = await lambda.invoke('cjs-no-wait', {});
    assert.equal(quick.payload, 'no-wait');
    assert.ok(quick.durationMs < 900, `duration ${quick.durationMs} should not wait for the 1 s timer`);
  });

  it('reports a thrown error: Invoke Error record, errorType/errorMessage/trace payload, warm instance kept', async () => {
    const r = await lambda.invoke('throws', {});
    assert.equal(r.status, 'error');
    assert.equal(r.functionError, 'Unhandled');
    const payload = r.payload as { errorType: string; errorMessage: string; trace: string[] };
    assert.equal(payload.errorType, 'OrderError');
    assert.equal(payload.errorMessage, 'order 42 is missing');
    assert.equal(payload.trace[0], 'OrderError: order 42 is missing');
    const record = linesOf('throws').find((l): l is AppLine => l.kind === 'app' && l.error !== null);
    assert.ok(record);
    assert.equal(record.requestId, r.requestId);
    assert.deepEqual(record.error, { errorType: 'OrderError', errorMessage: 'order 42 is missing', strong: true });
    assert.match(logs.find((l) => l.fn === 'throws' && l.event.message.includes('Invoke Error'))?.event.message ?? '', /^\S+Z\t\S+\tERROR\tInvoke Error \t\{"errorType":"OrderError"/);
    const again = await lambda.invoke('throws', {});
    assert.equal(again.coldStart, false);
  });

  it('reports an uncaught exception and an unhandled rejection; the runtime exits, so the next start is cold', async () => {
    const r = await lambda.invoke('uncaught', {});
    assert.equal(r.status, 'error');
    assert.equal((r.payload as { errorMessage: string }).errorMessage, 'escaped the handler');
    assert.ok(logs.some((l) => l.fn === 'uncaught' && l.event.message.includes('\tERROR\tUncaught Exception \t{"errorType":"Error"')));
    const rej = await lambda.invoke('rejects', {});
    assert.equal(rej.errorType, 'Runtime.UnhandledPromiseRejection');
    assert.equal((rej.payload as { errorMessage: string }).errorMessage, 'Error: nobody awaited me');
    assert.ok(logs.some((l) => l.fn === 'rejects' && l.event.message.includes('\tERROR\tUnhandled Promise Rejection \t')));
    const next = await lambda.invoke('uncaught', {});
    assert.equal(next.coldStart, true);
  });

  for (const [name, errorType, message] of [
    ['missing-module', 'Runtime.ImportModuleError', "Error: Cannot find module 'nope'"],
    ['missing-export', 'Runtime.HandlerNotFound', 'failing.absent is undefined or not exported'],
    ['not-function', 'Runtime.HandlerNotFound', 'failing.notAFunction is not a function'],
    ['init-throws', 'Error', 'config missing at init'],
    ['missing-dependency', 'Runtime.ImportModuleError', /^Error: Cannot find package 'no-such-package-anywhere'/],
  ] as const) {
    it(`reports an init error: ${errorType} (${name})`, async () => {
      const r = await lambda.invoke(name, {});
      assert.equal(r.status, 'init_error');
      assert.equal(r.functionError, 'Unhandled');
      assert.equal(r.errorType, errorType);
      const errorMessage = (r.payload as { errorMessage: string }).errorMessage;
      if (typeof message === 'string') assert.equal(errorMessage, message);
      else assert.match(errorMessage, message);
      const kinds = linesOf(name).map((l) => l.kind);
      assert.deepEqual(kinds, ['init-start', 'app', 'init-report', 'start', 'end', 'report']);
      const initReport = linesOf(name)[2];
      assert.ok(initReport?.kind === 'init-report');
      assert.equal(initReport.status, 'error');
      assert.equal(initReport.errorType, errorType);
      assert.equal(lambda.instanceCount(name), 0);
    });
  }
});
