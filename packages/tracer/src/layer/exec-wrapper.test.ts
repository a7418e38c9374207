// The layer path, without code changes: AWS_LAMBDA_EXEC_WRAPPER=<layer>/nightjar-wrapper, run by
// @nightjar/lambda-runtime (real child processes, Runtime API) against a real OTLP backend. Every
// outcome is compared with the same handler run without the layer.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createLocalLambda, type LocalLambda, type FunctionConfig } from '@nightjar/lambda-runtime';
import type { SpanRow } from '@nightjar/model';
import { startBackend, type Backend } from '../../test/otlp-backend.ts';
import { makeLambdaCode, outcomeOf, type LambdaCode } from '../../test/lambda-code.ts';

describe('exec wrapper layer through the local Lambda runtime', () => {
  let code: LambdaCode;
  let backend: Backend;
  let lambda: LocalLambda;
  const logs: { fn: string; message: string }[] = [];
  const spansOf = (requestId: string): SpanRow[] => backend.received.flatMap((r) => r.spans).filter((s) => s.requestId === requestId);

  before(async () => {
    [code, backend] = await Promise.all([makeLambdaCode(), startBackend()]);
    // a second layer whose tracer cannot load: the functions must run untraced
    const brokenLayer = path.join(code.root, 'broken-layer');
    cpSync(code.built.layerDir, brokenLayer, { recursive: true });
    writeFileSync(path.join(brokenLayer, 'nodejs/node_modules/@nightjar/lambda/index.mjs'), "throw new Error('tracer broken on purpose');\n");
    const env = { NIGHTJAR_ENDPOINT: backend.url };
    const pair = (name: string, handler: string, extra: Partial<FunctionConfig> = {}): FunctionConfig[] => [
      { name: `${name}-plain`, handler, codeDir: code.plainDir, ...extra },
      { name: `${name}-traced`, handler, codeDir: code.plainDir, ...extra, environment: { ...env, AWS_LAMBDA_EXEC_WRAPPER: code.built.wrapper } },
    ];
    lambda = createLocalLambda({
      functions: [
        ...pair('esm', 'esm.handler'),
        ...pair('nested', 'esm.nested.deep.handler'),
        ...pair('js', 'app.handler'),
        ...pair('cjs', 'legacy.handler'),
        ...pair('slow', 'esm.handler', { timeoutSeconds: 1 }),
        ...pair('no-export', 'esm.absent'),
        ...pair('not-function', 'esm.notAFunction'),
        ...pair('no-module', 'nope.handler'),
        ...pair('init-throws', 'init-throws.handler'),
        { name: 'broken-tracer', handler: 'esm.handler', codeDir: code.plainDir, environment: { ...env, AWS_LAMBDA_EXEC_WRAPPER: path.join(brokenLayer, 'nightjar-wrapper') } },
      ],
      onLog: (fn, _stream, event) => logs.push({ fn, message: event.message }),
    });
  });
  after(async () => {
    await lambda?.close();
    await backend?.close();
    code?.remove();
  });

  it('traces an ESM handler: faas.name, faas.invocation_id, cold start then warm; the result is untouched', async () => {
    const first = await lambda.invoke('esm-traced', { n: 1 });
    const second = await lambda.invoke('esm-traced', { n: 2 });
    const plain = await lambda.invoke('esm-plain', { n: 1 });
    assert.equal(first.status, 'success');
    assert.deepEqual(first.payload, { ok: true, got: { n: 1 }, fn: 'esm-traced' });
    assert.deepEqual(outcomeOf(first), { ...(outcomeOf(plain) as object), payload: { ok: true, got: { n: 1 }, fn: 'esm-traced' } });
    assert.equal(first.coldStart, true);
    assert.equal(second.coldStart, false);
    await backend.waitFor(2);
    const [a] = spansOf(first.requestId);
    const [b] = spansOf(second.requestId);
    assert.ok(a && b, 'one root span per invocation');
    assert.equal(a.functionName, 'esm-traced');
    assert.equal(a.requestId, first.requestId);
    assert.equal(a.coldStart, true);
    assert.equal(b.coldStart, false);
    assert.equal(a.attributes['nightjar.invocation.status'], 'success');
    assert.match(a.input, /"n":1/);
    assert.equal(spansOf(plain.requestId).length, 0);
  });

  it('resolves handlers as the runtime does: nested exports, .js by package.json "type", CommonJS callback handlers', async () => {
    for (const [name, event] of [['nested', {}], ['js', { x: 1 }], ['cjs', { y: 2 }]] as const) {
      const traced = await lambda.invoke(`${name}-traced`, event);
      const plain = await lambda.invoke(`${name}-plain`, event);
      assert.equal(traced.status, 'success', name);
      assert.deepEqual(outcomeOf(traced), outcomeOf(plain), name);
      const [span] = spansOf(traced.requestId);
      assert.ok(span, `${name}: span exported`);
      assert.equal(span.functionName, `${name}-traced`);
    }
  });

  it('a throwing handler: the same error type and message as without the tracer, and the exception is exported', async () => {
    const traced = await lambda.invoke('esm-traced', { fail: 'x1' });
    const plain = await lambda.invoke('esm-plain', { fail: 'x1' });
    assert.equal(traced.status, 'error');
    assert.equal(traced.errorType, 'TypeError');
    assert.deepEqual(outcomeOf(traced), outcomeOf(plain));
    const [span] = spansOf(traced.requestId);
    assert.ok(span);
    assert.equal(span.status, 'error');
    assert.equal(span.errorType, 'TypeError');
    assert.equal(span.attributes['nightjar.invocation.status'], 'error');
    const exception = span.events.find((e) => e.name === 'exception');
    assert.ok(exception, 'exception event');
    assert.equal(exception.attributes['exception.message'], 'bad input: x1');
  });

  it('init failures are exactly the runtime\'s own (errorType and message), with or without the layer', async () => {
    const expected: Record<string, string> = {
      'no-export': 'Runtime.HandlerNotFound',
      'not-function': 'Runtime.HandlerNotFound',
      'no-module': 'Runtime.ImportModuleError',
      'init-throws': 'RangeError',
    };
    for (const [name, errorType] of Object.entries(expected)) {
      const plain = await lambda.invoke(`${name}-plain`, {});
      const traced = await lambda.invoke(`${name}-traced`, {});
      assert.equal(plain.errorType, errorType, name);
      assert.equal(plain.status, 'init_error', name);
      assert.deepEqual(outcomeOf(traced), outcomeOf(plain), name);
    }
  });

  it('a timing-out handler: the span (status timeout) is flushed before the deadline; the timeout reads as without the tracer', async () => {
    const traced = await lambda.invoke('slow-traced', { sleepMs: 5000 });
    const plain = await lambda.invoke('slow-plain', { sleepMs: 5000 });
    assert.equal(traced.status, 'timeout');
    assert.deepEqual(outcomeOf(traced), outcomeOf(plain));
    const [span] = spansOf(traced.requestId);
    assert.ok(span, 'the span arrived although the sandbox was killed');
    assert.equal(span.attributes['nightjar.invocation.status'], 'timeout');
    assert.equal(span.status, 'error');
    assert.ok(span.durationNs / 1e6 < 1000, `span of ${span.durationNs / 1e6} ms ends before the 1 s deadline`);
  });

  it('if the tracer itself fails to load, the original handler runs untraced', async () => {
    const before = backend.received.length;
    const r = await lambda.invoke('broken-tracer', { n: 3 });
    assert.equal(r.status, 'success');
    assert.deepEqual(r.payload, { ok: true, got: { n: 3 }, fn: 'broken-tracer' });
    assert.equal(backend.received.length, before);
    assert.ok(logs.some((l) => l.fn === 'broken-tracer' && l.message.includes('tracer broken on purpose') && l.message.includes('untraced')));
  });
});
