import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { recogniseAws, type AwsRequest } from './aws-recognise.ts';

function req(method: string, host: string, path: string, headers: Record<string, string> = {}): AwsRequest {
  return { method, host, path, header: (name) => headers[name] };
}

const auth = (service: string, region = 'us-east-2'): Record<string, string> => ({
  authorization: `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261123/${region}/${service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc`,
});

describe('recogniseAws', () => {
  test('not AWS: unsigned request to another host', () => {
    assert.equal(recogniseAws(req('GET', 'api.example.com', '/x')), undefined);
  });

  test('JSON protocols: service and region from the signature, operation from X-Amz-Target', () => {
    const c = recogniseAws(req('POST', '127.0.0.1', '/', { ...auth('dynamodb'), 'x-amz-target': 'DynamoDB_20120810.PutItem', 'amz-sdk-request': 'attempt=2; max=4' }));
    assert.deepEqual(
      { service: c?.service, region: c?.region, operation: c?.operation, protocol: c?.protocol, producer: c?.producer, attempt: c?.attempt, max: c?.maxAttempts },
      { service: 'DynamoDB', region: 'us-east-2', operation: 'PutItem', protocol: 'json', producer: 'dynamodb', attempt: 2, max: 4 },
    );
  });

  test('query protocol: the operation waits for the body', () => {
    const c = recogniseAws(req('POST', 'sns.eu-west-1.amazonaws.com', '/', { ...auth('sns'), 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }));
    assert.equal(c?.protocol, 'query');
    assert.equal(c.operation, undefined);
  });

  test('an unsigned request to an AWS host (presigned URL): service and region from the host', () => {
    const c = recogniseAws(req('GET', 'sqs.ap-southeast-2.amazonaws.com', '/?Action=ListQueues'));
    assert.equal(c?.signingName, 'sqs');
    assert.equal(c.region, 'ap-southeast-2');
  });

  test('Lambda paths', () => {
    const invoke = recogniseAws(req('POST', 'lambda.eu-west-1.amazonaws.com', '/2015-03-31/functions/arn%3Aaws%3Alambda%3Aeu-west-1%3A123456789012%3Afunction%3Abilling/invocations', auth('lambda')));
    assert.equal(invoke?.operation, 'Invoke');
    assert.equal(invoke.functionName, 'arn:aws:lambda:eu-west-1:123456789012:function:billing');
    assert.equal(recogniseAws(req('POST', 'h', '/2014-11-13/functions/f/invoke-async/', auth('lambda')))?.operation, 'InvokeAsync');
    assert.equal(recogniseAws(req('POST', 'h', '/2021-11-15/functions/f/response-streaming-invocations', auth('lambda')))?.operation, 'InvokeWithResponseStream');
    assert.equal(recogniseAws(req('GET', 'h', '/2015-03-31/functions/f', auth('lambda')))?.operation, undefined);
  });

  test('S3: virtual host and path style, operations from the method, x-id and sub-resources', () => {
    const cases: [string, string, string, Record<string, string>, [string | undefined, string | undefined, string | undefined]][] = [
      ['PUT', 'uploads.s3.eu-west-1.amazonaws.com', '/a/b%20c.txt?x-id=PutObject', {}, ['uploads', 'a/b c.txt', 'PutObject']],
      ['PUT', 'uploads.s3.amazonaws.com', '/k', {}, ['uploads', 'k', 'PutObject']],
      ['PUT', 'localhost', '/uploads/k', { 'x-amz-copy-source': 'other/k' }, ['uploads', 'k', 'CopyObject']],
      ['PUT', 'localhost', '/uploads/k?partNumber=1&uploadId=u', {}, ['uploads', 'k', 'UploadPart']],
      ['POST', 'localhost', '/uploads/k?uploadId=u', {}, ['uploads', 'k', 'CompleteMultipartUpload']],
      ['POST', 'localhost', '/uploads/k?uploads', {}, ['uploads', 'k', 'CreateMultipartUpload']],
      ['GET', 'localhost', '/uploads?list-type=2', {}, ['uploads', undefined, 'ListObjectsV2']],
      ['DELETE', 'localhost', '/uploads/k', {}, ['uploads', 'k', 'DeleteObject']],
      ['HEAD', 'localhost', '/uploads', {}, ['uploads', undefined, 'HeadBucket']],
    ];
    for (const [method, host, path, headers, expected] of cases) {
      const c = recogniseAws(req(method, host, path, { ...auth('s3'), ...headers }));
      assert.deepEqual([c?.bucket, c?.key, c?.operation], expected, `${method} ${host}${path}`);
    }
  });
});
