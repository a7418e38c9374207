// The local Lambda Invoke API through the real SDK client: RequestResponse (success, function error,
// throttle), Event, DryRun, names/ARNs/qualifiers, unknown functions and bad payloads.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { InvalidRequestContentException, InvokeCommand, LambdaClient, ResourceNotFoundException, TooManyRequestsException } from '@aws-sdk/client-lambda';
import { clientConfig, recordingInvoker } from '../../test/recording-invoker.ts';
import { createAsyncInvoker, type AsyncInvoker } from './async-invoke.ts';
import { startAwsEndpoint, type AwsEndpoint } from './endpoint.ts';
import { createLambdaApi, parseFunctionName } from './lambda-api.ts';

const text = (p: Uint8Array | undefined): string => Buffer.from(p ?? new Uint8Array()).toString('utf8');
const payload = (v: unknown): Uint8Array => Buffer.from(JSON.stringify(v));

describe('parseFunctionName', () => {
  const cases: [string, ReturnType<typeof parseFunctionName>][] = [
    ['fraud-check', { name: 'fraud-check' }],
    ['fraud-check:$LATEST', { name: 'fraud-check', qualifier: '$LATEST' }],
    ['123456789012:function:fraud-check', { name: 'fraud-check', account: '123456789012' }],
    ['arn:aws:lambda:us-east-1:123456789012:function:fraud-check', { name: 'fraud-check', region: 'us-east-1', account: '123456789012' }],
    ['arn:aws:lambda:us-east-1:123456789012:function:fraud-check:live', { name: 'fraud-check', qualifier: 'live', region: 'us-east-1', account: '123456789012' }],
    ['bad name!', undefined],
    ['a:b:c', undefined],
  ];
  for (const [ref, want] of cases) test(ref, () => assert.deepEqual(parseFunctionName(ref), want));
});

describe('local Lambda Invoke API through the SDK', () => {
  const invoker = recordingInvoker({
    'fraud-check': (event) => ({ payload: { ok: true, got: event } }),
    broken: () => ({ status: 'error', payload: { errorType: 'TypeError', errorMessage: 'boom', trace: ['at handler'] } }),
    busy: () => ({ status: 'throttled' }),
    nothing: () => ({ payload: undefined }),
  });
  let asyncInvoker: AsyncInvoker;
  let endpoint: AwsEndpoint;
  let client: LambdaClient;

  before(async () => {
    asyncInvoker = createAsyncInvoker(invoker);
    endpoint = await startAwsEndpoint({ services: [createLambdaApi({ invoker, asyncInvoker })] });
    client = new LambdaClient({ ...clientConfig(endpoint.url), maxAttempts: 1 });
  });
  after(async () => {
    client.destroy();
    await asyncInvoker.close();
    await endpoint.close();
  });

  test('RequestResponse: 200 with the payload, the executed version and the request id', async () => {
    const out = await client.send(new InvokeCommand({ FunctionName: 'fraud-check', Payload: payload({ orderId: 'o-1' }) }));
    assert.equal(out.StatusCode, 200);
    assert.equal(out.FunctionError, undefined);
    assert.equal(out.ExecutedVersion, '$LATEST');
    assert.deepEqual(JSON.parse(text(out.Payload)), { ok: true, got: { orderId: 'o-1' } });
    const call = invoker.calls.at(-1);
    assert.equal(out.$metadata.requestId, call?.outcome.requestId);
  });

  test('names, partial ARNs, ARNs and $LATEST all reach the function', async () => {
    for (const FunctionName of ['123456789012:function:fraud-check', 'arn:aws:lambda:us-east-1:123456789012:function:fraud-check', 'fraud-check:$LATEST']) {
      const out = await client.send(new InvokeCommand({ FunctionName, Payload: payload({}) }));
      assert.equal(out.StatusCode, 200, FunctionName);
      assert.equal(invoker.calls.at(-1)?.functionName, 'fraud-check');
    }
    const q = await client.send(new InvokeCommand({ FunctionName: 'fraud-check', Qualifier: '$LATEST' }));
    assert.equal(q.StatusCode, 200);
    assert.deepEqual(invoker.calls.at(-1)?.event, {}, 'no payload is an empty event');
  });

  test('a function error: 200 with X-Amz-Function-Error Unhandled and the error object', async () => {
    const out = await client.send(new InvokeCommand({ FunctionName: 'broken', Payload: payload({}) }));
    assert.equal(out.StatusCode, 200);
    assert.equal(out.FunctionError, 'Unhandled');
    assert.deepEqual(JSON.parse(text(out.Payload)), { errorType: 'TypeError', errorMessage: 'boom', trace: ['at handler'] });
  });

  test('a handler returning nothing answers null', async () => {
    const out = await client.send(new InvokeCommand({ FunctionName: 'nothing' }));
    assert.equal(text(out.Payload), 'null');
  });

  test('Event: 202 with the request id the queued invocation runs with', async () => {
    const out = await client.send(new InvokeCommand({ FunctionName: 'fraud-check', InvocationType: 'Event', Payload: payload({ async: true }) }));
    assert.equal(out.StatusCode, 202);
    assert.equal(text(out.Payload), '');
    const id = out.$metadata.requestId;
    assert.ok(id);
    await invoker.waitFor(() => invoker.calls.some((c) => c.outcome.requestId === id));
    assert.deepEqual(invoker.calls.find((c) => c.outcome.requestId === id)?.event, { async: true });
  });

  test('DryRun: 204 and no invocation', async () => {
    const n = invoker.calls.length;
    const out = await client.send(new InvokeCommand({ FunctionName: 'fraud-check', InvocationType: 'DryRun' }));
    assert.equal(out.StatusCode, 204);
    assert.equal(invoker.calls.length, n);
  });

  test('unknown functions, other accounts and unknown qualifiers: 404 ResourceNotFoundException', async () => {
    await assert.rejects(
      client.send(new InvokeCommand({ FunctionName: 'nope' })),
      (e) => e instanceof ResourceNotFoundException && e.message === 'Function not found: arn:aws:lambda:us-east-1:123456789012:function:nope' && e.$metadata.httpStatusCode === 404,
    );
    await assert.rejects(client.send(new InvokeCommand({ FunctionName: 'nope', InvocationType: 'Event' })), ResourceNotFoundException);
    await assert.rejects(client.send(new InvokeCommand({ FunctionName: 'arn:aws:lambda:us-east-1:999999999999:function:fraud-check' })), ResourceNotFoundException);
    await assert.rejects(client.send(new InvokeCommand({ FunctionName: 'fraud-check:live' })), ResourceNotFoundException);
  });

  test('throttled: 429 TooManyRequestsException', async () => {
    await assert.rejects(client.send(new InvokeCommand({ FunctionName: 'busy' })), (e) => e instanceof TooManyRequestsException && e.$metadata.httpStatusCode === 429 && e.Reason === 'ReservedFunctionConcurrentInvocationLimitExceeded');
  });

  test('a payload that is not JSON: InvalidRequestContentException', async () => {
    await assert.rejects(client.send(new InvokeCommand({ FunctionName: 'fraud-check', Payload: Buffer.from('{not json') })), InvalidRequestContentException);
  });
});
