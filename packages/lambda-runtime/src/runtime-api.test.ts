// The Runtime API contract over real HTTP: the /next long poll and its headers, /response, /error,
// /init/error, unknown request ids and oversized payloads.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RuntimeApi } from './runtime-api.ts';
import type { RuntimeSignal } from './runtime-api.ts';
import { SandboxServer } from './sandbox-server.ts';

describe('Runtime API', () => {
  const signals: RuntimeSignal[] = [];
  const api = new RuntimeApi((s) => signals.push(s));
  let server: SandboxServer;
  let base: string;
  before(async () => {
    server = await SandboxServer.start((req, res, path) => (RuntimeApi.handles(path) ? api.handle(req, res, path) : void res.writeHead(404).end()));
    base = `http://${server.address}/2018-06-01/runtime`;
  });
  after(() => server.close());

  const invocation = {
    requestId: 'req-1',
    deadlineMs: 1_700_000_003_000,
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:f',
    traceHeader: 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1',
    clientContext: '{"custom":{"a":1}}',
    cognitoIdentity: '{"cognitoIdentityId":"x"}',
    body: '{"hello":"world"}',
  };

  it('holds /next until an invocation arrives, then answers with the event and the invocation headers', async () => {
    const pending = fetch(`${base}/invocation/next`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(signals.at(-1), { kind: 'next' });
    assert.equal(api.isWaiting, true);
    api.deliver(invocation);
    const res = await pending;
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { hello: 'world' });
    assert.equal(res.headers.get('lambda-runtime-aws-request-id'), 'req-1');
    assert.equal(res.headers.get('lambda-runtime-deadline-ms'), '1700000003000');
    assert.equal(res.headers.get('lambda-runtime-invoked-function-arn'), invocation.invokedFunctionArn);
    assert.equal(res.headers.get('lambda-runtime-trace-id'), invocation.traceHeader);
    assert.equal(res.headers.get('lambda-runtime-client-context'), invocation.clientContext);
    assert.equal(res.headers.get('lambda-runtime-cognito-identity'), invocation.cognitoIdentity);
  });

  it('accepts the response once (202), refuses unknown request ids (400)', async () => {
    const ok = await fetch(`${base}/invocation/req-1/response`, { method: 'POST', body: '"done"' });
    assert.equal(ok.status, 202);
    assert.deepEqual(signals.at(-1), { kind: 'response', requestId: 'req-1', body: '"done"' });
    const again = await fetch(`${base}/invocation/req-1/response`, { method: 'POST', body: '"twice"' });
    assert.equal(again.status, 400);
    assert.equal(((await again.json()) as { errorType: string }).errorType, 'InvalidRequestID');
  });

  it('delivers a queued invocation to the next /next at once; /error carries Lambda-Runtime-Function-Error-Type', async () => {
    api.deliver({ ...invocation, requestId: 'req-2' });
    const res = await fetch(`${base}/invocation/next`);
    assert.equal(res.headers.get('lambda-runtime-aws-request-id'), 'req-2');
    await res.arrayBuffer();
    const body = JSON.stringify({ errorType: 'OrderError', errorMessage: 'no', trace: [] });
    const err = await fetch(`${base}/invocation/req-2/error`, { method: 'POST', body, headers: { 'lambda-runtime-function-error-type': 'Custom.Type' } });
    assert.equal(err.status, 202);
    assert.deepEqual(signals.at(-1), { kind: 'error', requestId: 'req-2', errorType: 'Custom.Type', body });
  });

  it('answers 413 to a response over 6 MB and reports Function.ResponseSizeTooLarge', async () => {
    api.deliver({ ...invocation, requestId: 'req-3' });
    await (await fetch(`${base}/invocation/next`)).arrayBuffer();
    const big = `"${'x'.repeat(6 * 1024 * 1024)}"`;
    const res = await fetch(`${base}/invocation/req-3/response`, { method: 'POST', body: big });
    assert.equal(res.status, 413);
    const last = signals.at(-1);
    assert.equal(last?.kind === 'error' && last.errorType, 'Function.ResponseSizeTooLarge');
  });

  it('accepts /init/error, taking the type from the header or the body', async () => {
    const body = JSON.stringify({ errorType: 'Runtime.ImportModuleError', errorMessage: 'x', trace: [] });
    const res = await fetch(`${base}/init/error`, { method: 'POST', body });
    assert.equal(res.status, 202);
    assert.deepEqual(signals.at(-1), { kind: 'init-error', errorType: 'Runtime.ImportModuleError', body });
  });

  it('answers 404 to unknown paths', async () => {
    const res = await fetch(`${base}/nothing`);
    assert.equal(res.status, 404);
  });
});
