// Recognises an AWS API call from the HTTP request alone: the signing service and region from the
// SigV4 Authorization header (or an *.amazonaws.com host), the operation from X-Amz-Target (JSON
// protocols), the Lambda invoke path or the S3 REST method and path. The query protocol (SNS)
// names its operation in the body: see aws-call.ts.
import type { ProducerService } from '../links/producer-link-keys.ts';
import type { HeaderLookup } from './propagation.ts';

export interface AwsRequest {
  method: string;
  host: string;
  /** Path and query, as sent. */
  path: string;
  header: HeaderLookup;
}

export interface AwsCall {
  /** The SigV4 signing name: sqs, dynamodb, events, s3, ... */
  signingName: string;
  /** rpc.service: SQS, DynamoDB, EventBridge, ... */
  service: string;
  region: string | undefined;
  /** Undefined until known (query protocol: the body's Action). */
  operation: string | undefined;
  protocol: 'json' | 'query' | 'rest';
  producer: ProducerService | undefined;
  /** S3 bucket and (decoded) key; Lambda function name. */
  bucket?: string;
  key?: string;
  functionName?: string;
  /** From the SDK's `amz-sdk-request: attempt=N; max=M` (1 = first try). */
  attempt?: number;
  maxAttempts?: number;
}

const SIGV4 = /^AWS4-HMAC-SHA256\s+Credential=[^/,\s]+\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/i;
const AWS_HOST = /^(?:([a-z0-9.-]+)\.)?([a-z0-9-]+)[.-]([a-z]{2}(?:-gov)?-[a-z]+-\d)\.amazonaws\.com$/i;

const NAMES: Record<string, [string, ProducerService | undefined]> = {
  sqs: ['SQS', 'sqs'],
  sns: ['SNS', 'sns'],
  events: ['EventBridge', 'eventbridge'],
  dynamodb: ['DynamoDB', 'dynamodb'],
  kinesis: ['Kinesis', 'kinesis'],
  s3: ['S3', 's3'],
  lambda: ['Lambda', 'lambda'],
  states: ['SFN', 'stepfunctions'],
};

const LAMBDA_PATH = /^\/(2015-03-31\/functions\/([^/]+)\/invocations|2014-11-13\/functions\/([^/]+)\/invoke-async\/?|2021-11-15\/functions\/([^/]+)\/response-streaming-invocations)$/;

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function recogniseAws(req: AwsRequest): AwsCall | undefined {
  let signingName: string | undefined;
  let region: string | undefined;
  const m = SIGV4.exec(req.header('authorization') ?? '');
  if (m !== null) {
    region = m[1];
    signingName = m[2]?.toLowerCase();
  } else {
    const h = AWS_HOST.exec(req.host);
    if (h === null) return undefined;
    signingName = h[2]?.toLowerCase();
    region = h[3];
  }
  if (signingName === undefined) return undefined;
  const [service, producer] = NAMES[signingName] ?? [signingName, undefined];
  const call: AwsCall = { signingName, service, region, operation: undefined, protocol: 'rest', producer };
  const sdk = req.header('amz-sdk-request') ?? '';
  const attempt = /attempt=(\d+)/.exec(sdk)?.[1];
  const max = /max=(\d+)/.exec(sdk)?.[1];
  if (attempt !== undefined) call.attempt = Number(attempt);
  if (max !== undefined) call.maxAttempts = Number(max);
  const target = req.header('x-amz-target');
  const contentType = (req.header('content-type') ?? '').toLowerCase();
  if (target !== undefined) {
    call.protocol = 'json';
    call.operation = target.slice(target.lastIndexOf('.') + 1) || undefined;
  } else if (contentType.startsWith('application/x-www-form-urlencoded')) {
    call.protocol = 'query';
  } else if (signingName === 'lambda') {
    lambda(call, req);
  } else if (signingName === 's3') {
    s3(call, req);
  }
  return call;
}

function lambda(call: AwsCall, req: AwsRequest): void {
  const path = req.path.split('?')[0] ?? '';
  const l = LAMBDA_PATH.exec(path);
  if (l === null) return;
  const name = l[2] ?? l[3] ?? l[4];
  if (name !== undefined) call.functionName = decode(name);
  call.operation = l[2] !== undefined ? 'Invoke' : l[3] !== undefined ? 'InvokeAsync' : 'InvokeWithResponseStream';
}

function s3(call: AwsCall, req: AwsRequest): void {
  const [rawPath = '', query = ''] = req.path.split('?', 2);
  const params = new URLSearchParams(query);
  const virtual = /^(.+)\.s3(?:[.-][a-z0-9-]+)*\.amazonaws\.com$/i.exec(req.host);
  const segments = rawPath.replace(/^\//, '');
  if (virtual?.[1] !== undefined) {
    call.bucket = virtual[1];
    if (segments !== '') call.key = decode(segments);
  } else {
    const slash = segments.indexOf('/');
    const bucket = slash < 0 ? segments : segments.slice(0, slash);
    if (bucket !== '') call.bucket = decode(bucket);
    if (slash >= 0 && slash < segments.length - 1) call.key = decode(segments.slice(slash + 1));
  }
  call.operation = params.get('x-id') ?? s3Operation(req.method.toUpperCase(), call.key !== undefined, params, req.header('x-amz-copy-source') !== undefined);
}

function s3Operation(method: string, hasKey: boolean, q: URLSearchParams, copy: boolean): string | undefined {
  if (hasKey) {
    if (method === 'PUT') return q.has('uploadId') ? (copy ? 'UploadPartCopy' : 'UploadPart') : copy ? 'CopyObject' : 'PutObject';
    if (method === 'GET') return 'GetObject';
    if (method === 'HEAD') return 'HeadObject';
    if (method === 'DELETE') return q.has('uploadId') ? 'AbortMultipartUpload' : 'DeleteObject';
    if (method === 'POST') return q.has('uploads') ? 'CreateMultipartUpload' : q.has('uploadId') ? 'CompleteMultipartUpload' : undefined;
    return undefined;
  }
  if (method === 'PUT') return 'CreateBucket';
  if (method === 'GET') return q.get('list-type') === '2' ? 'ListObjectsV2' : 'ListObjects';
  if (method === 'HEAD') return 'HeadBucket';
  if (method === 'DELETE') return 'DeleteBucket';
  if (method === 'POST' && q.has('delete')) return 'DeleteObjects';
  return undefined;
}
