// The Invoke HTTP API as the AWS SDK's LambdaClient speaks it (REST-JSON over real HTTP).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { createLocalLambda } from './local-lambda.ts';
import { functionNameOf, startInvokeApi } from './invoke-api.ts';
import type { InvokeApiServer } from './invoke-api.ts';
import type { LogEvent } from './types.ts';

const codeDir = fileURLToPath(new URL('../test-fixtures', import.meta.url));

describe('Invoke HTTP API', () => {
  const logs: LogEvent[] = [];
  const lambda = createLocalLambda({
    functions: [
      { name: 'echo', handler: 'echo.handler', codeDir, version: '3' },
      { name: 'throws', handler: 'failing.throws', codeDir },
    ],
    onLog: (_fn, _s, e) => logs.push(e),
  });
  let api: InvokeApiServer;
  before(async () => {
    api = await startInvokeApi(lambda);
  });
  after(async () => {
    await api.close();
    await lambda.close();
  });
  const invoke = (name: string, body: string, headers: Record<string, string> = {}): Promise<Response> =>
    fetch(`${api.url}/2015-03-31/functions/${encodeURIComponent(name)}/invocations`, { method: 'POST', body, headers });

  it('reads function names, partial and full ARNs with qualifiers', () => {
    assert.deepEqual(functionNameOf('my-fn'), ['my-fn', undefined]);
    assert.deepEqual(functionNameOf('my-fn:live'), ['my-fn', 'live']);
    assert.deepEqual(functionNameOf('arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Amy-fn%3A7'), ['my-fn', '7']);
    assert.deepEqual(functionNameOf('123456789012:function:my-fn'), ['my-fn', undefined]);
  });

  it('RequestResponse: 200, the payload, x-amzn-requestid and X-Amz-Executed-Version; client context and trace header pass through', async () => {
    const clientContext = Buffer.from(JSON.stringify({ custom: { app: 'shop' } })).toString('base64');
    const trace = 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1';
    const res = await invoke('arn:aws:lambda:us-east-1:123456789012:function:echo', '{"a":1}', { 'x-amz-client-context': clientContext, 'x-amzn-trace-id': trace });
    assert.equal(res.status, 200);
    const body = (await res.json()) as { event: unknown; traceId: string; context: { awsRequestId: string; clientContext: unknown } };
    assert.deepEqual(body.event, { a: 1 });
    assert.equal(body.traceId, trace);
    assert.deepEqual(body.context.clientContext, { custom: { app: 'shop' } });
    assert.equal(res.headers.get('x-amzn-requestid'), body.context.awsRequestId);
    assert.equal(res.headers.get('x-amz-executed-version'), '3');
    assert.equal(res.headers.get('x-amz-function-error'), null);
  });

  it('reports a function error with X-Amz-Function-Error: Unhandled and the error payload', async () => {
    const res = await invoke('throws', '{}');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('x-amz-function-error'), 'Unhandled');
    const body = (await res.json()) as { errorType: string };
    assert.equal(body.errorType, 'OrderError');
  });

  it('Event: 202 at once, the function runs in the background under the returned request id', async () => {
    const res = await invoke('echo', '{"async":true}', { 'x-amz-invocation-type': 'Event' });
    assert.equal(res.status, 202);
    const requestId = res.headers.get('x-amzn-requestid') ?? '';
    assert.notEqual(requestId, '');
    for (let i = 0; i < 100 && !logs.some((l) => l.message.startsWith(`REPORT RequestId: ${requestId}`)); i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.ok(logs.some((l) => l.message.startsWith(`REPORT RequestId: ${requestId}`)));
  });

  it('DryRun: 204; unknown function or version: 404 ResourceNotFoundException; bad JSON: 400', async () => {
    assert.equal((await invoke('echo', '{}', { 'x-amz-invocation-type': 'DryRun' })).status, 204);
    const missing = await invoke('nope', '{}');
    assert.equal(missing.status, 404);
    assert.equal(missing.headers.get('x-amzn-errortype'), 'ResourceNotFoundException');
    assert.equal((await invoke('echo:9', '{}')).status, 404);
    const bad = await invoke('echo', '{not json');
    assert.equal(bad.status, 400);
    assert.equal(bad.headers.get('x-amzn-errortype'), 'InvalidRequestContentException');
  });
});
