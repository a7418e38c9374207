// wrap() in the function's own code, run by @nightjar/lambda-runtime (real child processes, Runtime
// API): CommonJS from the built CJS bundle, a handler bundled with the tracer by esbuild, a callback
// handler; and a backend that refuses or hangs: results equal to the untraced run, bounded
// durations, then the circuit breaker skips export.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createLocalLambda, type LocalLambda, type FunctionConfig, type InvokeResult } from '@nightjar/lambda-runtime';
import type { SpanRow } from '@nightjar/model';
import { refusingUrl, startBackend, type Backend } from '../../test/otlp-backend.ts';
import { makeLambdaCode, outcomeOf, type LambdaCode } from '../../test/lambda-code.ts';

const EXPORT_TIMEOUT_MS = 300;

/** An OTLP endpoint that accepts connections and never answers; counts the requests. */
async function startHangingServer(): Promise<{ url: string; requests: () => number; close: () => Promise<void> }> {
  let count = 0;
  const server = http.createServer(() => {
    count += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests: () => count,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('wrap() and the layer through the local Lambda runtime', () => {
  let code: LambdaCode;
  let backend: Backend;
  let hanging: Awaited<ReturnType<typeof startHangingServer>>;
  let lambda: LocalLambda;
  const logs: { fn: string; message: string }[] = [];
  const spansOf = (requestId: string): SpanRow[] => backend.received.flatMap((r) => r.spans).filter((s) => s.requestId === requestId);

  before(async () => {
    [code, backend, hanging] = await Promise.all([makeLambdaCode(), startBackend(), startHangingServer()]);
    const refused = await refusingUrl();
    const traced = (endpoint: string): Record<string, string> => ({ NIGHTJAR_ENDPOINT: endpoint, NIGHTJAR_EXPORT_TIMEOUT_MS: String(EXPORT_TIMEOUT_MS) });
    const layer = (endpoint: string): Record<string, string> => ({ ...traced(endpoint), AWS_LAMBDA_EXEC_WRAPPER: code.built.wrapper });
    const functions: FunctionConfig[] = [
      { name: 'cjs', handler: 'cjs.handler', codeDir: code.wrappedDir, environment: traced(backend.url) },
      { name: 'cjs-untraced', handler: 'cjs.handler', codeDir: code.wrappedDir },
      { name: 'callback', handler: 'callback.handler', codeDir: code.wrappedDir, environment: traced(backend.url) },
      { name: 'callback-untraced', handler: 'callback.handler', codeDir: code.wrappedDir },
      { name: 'bundled', handler: 'index.handler', codeDir: code.bundledDir, environment: traced(backend.url) },
      { name: 'bundled-untraced', handler: 'index.handler', codeDir: code.bundledDir },
      // one untraced twin each: the local runtime adds a socket listener per /next on a warm instance
      { name: 'refused-plain', handler: 'esm.handler', codeDir: code.plainDir },
      { name: 'hanging-plain', handler: 'esm.handler', codeDir: code.plainDir },
      { name: 'refused', handler: 'esm.handler', codeDir: code.plainDir, environment: layer(refused) },
      { name: 'hanging', handler: 'esm.handler', codeDir: code.plainDir, environment: layer(hanging.url) },
    ];
    lambda = createLocalLambda({ functions, onLog: (fn, _stream, event) => logs.push({ fn, message: event.message }) });
  });
  after(async () => {
    await lambda?.close();
    await Promise.all([backend?.close(), hanging?.close()]);
    code?.remove();
  });

  const comparePair = async (name: string, event: unknown): Promise<InvokeResult> => {
    const traced = await lambda.invoke(name, event);
    const untraced = await lambda.invoke(`${name}-untraced`, event);
    assert.deepEqual(outcomeOf(traced), outcomeOf(untraced), name);
    return traced;
  };

  it('CommonJS: require("@nightjar/lambda") resolves the built CJS bundle; results and errors as untraced', async () => {
    const ok = await comparePair('cjs', { a: 1 });
    assert.deepEqual(ok.payload, { style: 'cjs', got: { a: 1 } });
    const failed = await comparePair('cjs', { fail: 'z' });
    assert.equal(failed.errorType, 'SyntaxError');
    const [span] = spansOf(ok.requestId);
    assert.ok(span);
    assert.equal(span.functionName, 'cjs');
    assert.equal(span.coldStart, true);
    const [errorSpan] = spansOf(failed.requestId);
    assert.equal(errorSpan?.errorType, 'SyntaxError');
    assert.equal(errorSpan?.coldStart, false);
  });

  it('a handler bundled by esbuild together with the tracer (no node_modules deployed)', async () => {
    const pkg = path.join(code.wrappedDir, 'node_modules/@nightjar/lambda/index.mjs');
    assert.ok(readFileSync(path.join(code.bundledDir, 'index.mjs'), 'utf8').length >= readFileSync(pkg, 'utf8').length / 2, 'the tracer is inside the bundle');
    const r = await comparePair('bundled', { b: 2 });
    assert.deepEqual(r.payload, { bundled: true, got: { b: 2 }, left: true });
    const [span] = spansOf(r.requestId);
    assert.equal(span?.functionName, 'bundled');
    assert.match(span?.output ?? '', /"bundled":true/);
  });

  it('a callback handler: the callback result and error as untraced, spans exported', async () => {
    const ok = await comparePair('callback', { c: 3 });
    assert.deepEqual(ok.payload, { style: 'callback', got: { c: 3 } });
    const failed = await comparePair('callback', { fail: true });
    assert.equal(failed.errorType, 'RangeError');
    assert.equal(spansOf(ok.requestId)[0]?.attributes['nightjar.invocation.status'], 'success');
    const [errorSpan] = spansOf(failed.requestId);
    assert.equal(errorSpan?.errorType, 'RangeError');
    assert.ok(ok.durationMs < 1000, `callback invocation took ${ok.durationMs} ms (the export's socket must not hold the event loop)`);
  });

  for (const name of ['refused', 'hanging'] as const) {
    it(`backend ${name === 'refused' ? 'refusing connections' : 'hanging'}: results as untraced, bounded durations, then export is skipped`, async () => {
      const requestsBefore = hanging.requests();
      const traced: InvokeResult[] = [];
      for (let i = 0; i < 4; i++) {
        const r = await lambda.invoke(name, { i });
        const plain = await lambda.invoke(`${name}-plain`, { i });
        assert.deepEqual(outcomeOf(r), { ...(outcomeOf(plain) as object), payload: { ok: true, got: { i }, fn: name } });
        assert.ok(r.durationMs <= plain.durationMs + EXPORT_TIMEOUT_MS + 250, `${name} #${i}: ${r.durationMs} ms vs ${plain.durationMs} ms untraced`);
        traced.push(r);
      }
      const thrown = await lambda.invoke(name, { fail: 'down' });
      assert.deepEqual(outcomeOf(thrown), outcomeOf(await lambda.invoke(`${name}-plain`, { fail: 'down' })));
      // three failed exports open the breaker (one line), the later invocations skip export
      const lines = logs.filter((l) => l.fn === name && l.message.includes('skipping exports'));
      assert.equal(lines.length, 1, 'one breaker line');
      const last = traced[3];
      assert.ok(last && last.durationMs < 100, `export skipped: ${last?.durationMs} ms`);
      assert.ok(thrown.durationMs < 100, `export skipped: ${thrown.durationMs} ms`);
      if (name === 'hanging') {
        assert.equal(hanging.requests() - requestsBefore, 3, 'only the first three invocations tried to export');
        assert.ok((traced[0]?.durationMs ?? 0) >= EXPORT_TIMEOUT_MS - 20, 'a hanging export is cut at the export timeout');
      }
    });
  }
});
