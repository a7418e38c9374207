// Timeouts, crashes and out-of-memory: the instance is gone (Lambda resets the sandbox), the result
// and the platform lines say why, and the next invocation starts cold.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { parseLogLine } from '@nightjar/lambda-logs';
import { createLocalLambda } from './local-lambda.ts';
import type { LogEvent } from './types.ts';

const codeDir = fileURLToPath(new URL('../test-fixtures', import.meta.url));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('failure modes', () => {
  const logs: { fn: string; event: LogEvent }[] = [];
  const lambda = createLocalLambda({
    functions: [
      { name: 'slow', handler: 'failing.sleeps', codeDir, timeoutSeconds: 0.5 },
      { name: 'crash', handler: 'failing.crashes', codeDir },
      { name: 'hog', handler: 'failing.hogsMemory', codeDir, memoryMb: 128, timeoutSeconds: 10 },
    ],
    onLog: (fn, _s, event) => logs.push({ fn, event }),
  });
  after(() => lambda.close());
  const parsedOf = (fn: string): ReturnType<typeof parseLogLine>[] => logs.filter((l) => l.fn === fn).map((l) => parseLogLine(l.event.message));

  it('times out: kills the instance, reports Task timed out and Status: timeout, next invocation is cold', async () => {
    const warm = await lambda.invoke('slow', { ms: 1 });
    const pid = (warm.payload as { pid: number }).pid;
    const r = await lambda.invoke('slow', { ms: 5000 });
    assert.equal(r.status, 'timeout');
    assert.equal(r.functionError, 'Unhandled');
    assert.equal(r.durationMs, 500);
    assert.deepEqual(r.payload, { errorType: 'Sandbox.Timedout', errorMessage: `RequestId: ${r.requestId} Error: Task timed out after 0.50 seconds` });
    const lines = parsedOf('slow');
    assert.ok(lines.some((l) => l.kind === 'timeout' && l.requestId === r.requestId && l.seconds === 0.5));
    const report = lines.find((l) => l.kind === 'report' && l.requestId === r.requestId);
    assert.ok(report?.kind === 'report');
    assert.equal(report.report.status, 'timeout');
    assert.equal(report.report.durationMs, 500);
    const next = await lambda.invoke('slow', { ms: 1 });
    assert.equal(next.coldStart, true);
    assert.notEqual((next.payload as { pid: number }).pid, pid);
    assert.equal(alive(pid), false);
  });

  it('reports a runtime that dies mid-invocation as Runtime.ExitError (signal: killed)', async () => {
    const r = await lambda.invoke('crash', {});
    assert.equal(r.status, 'crash');
    assert.equal(r.errorType, 'Runtime.ExitError');
    assert.deepEqual(r.payload, { errorType: 'Runtime.ExitError', errorMessage: `RequestId: ${r.requestId} Error: Runtime exited with error: signal: killed` });
    const fault = parsedOf('crash').find((l) => l.kind === 'runtime-exit');
    assert.deepEqual(fault, { kind: 'runtime-exit', requestId: r.requestId, errorType: 'Runtime.ExitError', errorMessage: 'Runtime exited with error: signal: killed' });
    assert.equal(lambda.instanceCount('crash'), 0);
  });

  it('kills a function that exceeds its memory size: Runtime.OutOfMemory, Max Memory Used = Memory Size', async () => {
    const r = await lambda.invoke('hog', {});
    assert.equal(r.status, 'out_of_memory');
    assert.equal(r.errorType, 'Runtime.OutOfMemory');
    assert.equal(r.maxMemoryUsedMb, 128);
    const report = parsedOf('hog').find((l) => l.kind === 'report');
    assert.ok(report?.kind === 'report');
    assert.equal(report.report.status, 'error');
    assert.equal(report.report.errorType, 'Runtime.OutOfMemory');
    assert.equal(report.report.maxMemoryUsedMb, 128);
  });
});
