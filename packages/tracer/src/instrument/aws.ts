// An AWS API call seen on the HTTP path: names the span `SQS.SendMessage`, records rpc.*,
// cloud.region, aws.request_id, the attempt, the resource and the error code, and (for the calls
// that produce stitching keys) reads the bodies to set `nightjar.link.out` with producerLinkKeys.
import { producerLinkKeys } from '../links/producer-link-keys.ts';
import type { TracerAttributes } from '../otlp/span.ts';
import type { Obj } from '../util/read.ts';
import { errorCode, errorText, parseRequestBody, parseResponseBody } from './aws-bodies.ts';
import type { AwsCall } from './aws-recognise.ts';
import { resourceAttributes } from './aws-resource.ts';
import { BoundedBody } from './bounded-body.ts';

/** Request bodies read for the resource and keys (the largest SQS / Kinesis / DynamoDB payloads fit). */
export const REQUEST_BODY_LIMIT = 1024 * 1024;
export const RESPONSE_BODY_LIMIT = 256 * 1024;

/** Operations whose response body holds the stitching ids. */
const RESPONSE_KEYS = new Set([
  'sqs.SendMessage',
  'sqs.SendMessageBatch',
  'sns.Publish',
  'sns.PublishBatch',
  'events.PutEvents',
  'kinesis.PutRecord',
  'kinesis.PutRecords',
  'dynamodb.BatchWriteItem',
]);

export interface AwsOutcome {
  name: string;
  attributes: TracerAttributes;
  /** Set when the call failed: "QueueDoesNotExist: The specified queue does not exist." */
  error: string | undefined;
}

export class AwsTracker {
  readonly requestBody: BoundedBody | undefined;
  responseBody: BoundedBody | undefined;
  private input: Obj | undefined;
  private inputRead = false;

  constructor(readonly call: AwsCall) {
    this.requestBody = call.protocol === 'rest' ? undefined : new BoundedBody(REQUEST_BODY_LIMIT);
  }

  get name(): string {
    return `${this.call.service}.${this.call.operation ?? 'Request'}`;
  }

  private readInput(): void {
    if (this.inputRead) return;
    this.inputRead = true;
    this.input = parseRequestBody(this.call.protocol, this.requestBody?.text());
    if (this.call.protocol === 'query' && this.call.operation === undefined) {
      const action = this.input?.['Action'];
      if (typeof action === 'string' && action !== '') this.call.operation = action;
    }
  }

  /** At the response headers: whether the response body is needed (keys, or an error's code). */
  wantsResponseBody(status: number): boolean {
    this.readInput();
    const want = status >= 300 || RESPONSE_KEYS.has(`${this.call.signingName}.${this.call.operation ?? ''}`);
    if (want) this.responseBody = new BoundedBody(RESPONSE_BODY_LIMIT);
    return want;
  }

  finish(status: number | undefined, headers: Record<string, string>): AwsOutcome {
    this.readInput();
    const call = this.call;
    const output = parseResponseBody(this.responseBody?.text(headers['content-encoding'] === 'gzip'), call.operation);
    const attributes: TracerAttributes = {
      'rpc.system': 'aws-api',
      'rpc.service': call.service,
      'rpc.method': call.operation,
      'cloud.region': call.region,
      'aws.request_id': headers['x-amzn-requestid'] ?? headers['x-amz-request-id'],
      ...resourceAttributes(call, this.input),
    };
    let error: string | undefined;
    if (status !== undefined && status >= 400) {
      const code = errorCode(headers, output);
      attributes['aws.error.code'] = code;
      error = [code ?? `HTTP ${status}`, errorText(output)].filter((s) => s !== undefined).join(': ');
    } else if (status !== undefined && call.producer !== undefined && call.operation !== undefined) {
      const keys = producerLinkKeys({ service: call.producer, operation: call.operation, input: this.inputForKeys(), output, responseHeaders: headers });
      if (keys.length > 0) attributes['nightjar.link.out'] = keys;
    }
    attributes['nightjar.aws.attempt'] = call.attempt;
    attributes['nightjar.aws.max_attempts'] = call.maxAttempts;
    return { name: this.name, attributes, error };
  }

  private inputForKeys(): unknown {
    if (this.call.signingName === 's3') return { Bucket: this.call.bucket, Key: this.call.key };
    return this.input;
  }
}
