// What the tracer learns from an invocation's event.

export type FaasTrigger = 'http' | 'pubsub' | 'datasource' | 'timer' | 'other';

export type TriggerSource =
  | 'api-gateway-rest'
  | 'api-gateway-http'
  | 'alb'
  | 'function-url'
  | 'sqs'
  | 'sns'
  | 'eventbridge'
  | 'schedule'
  | 'kinesis'
  | 'dynamodb'
  | 's3'
  | 'step-functions'
  | 'cloudwatch-logs'
  | 'unknown';

export type TriggerAttributeValue = string | number | boolean | string[];

/** A trace context found in the event (a parent for single-message events, else a span link). */
export interface TraceContextCandidate {
  /** 32 lowercase hex digits. */
  traceId: string;
  /** 16 lowercase hex digits. */
  spanId: string;
  sampled: boolean;
  /** `traceparent` (W3C) or `aws-trace-header` (X-Ray format: SQS AWSTraceHeader, X-Amzn-Trace-Id). */
  format: 'traceparent' | 'aws-trace-header';
}

export interface TriggerInfo {
  /** OpenTelemetry faas.trigger. */
  trigger: FaasTrigger;
  source: TriggerSource;
  /** Semantic-convention attributes for the invocation span (faas.trigger included). */
  attributes: Record<string, TriggerAttributeValue>;
  /** The end user's id ('' when unknown); also attribute `enduser.id`. */
  userId: string;
  /** The end user's tier or plan ('' when unknown); also attribute `nightjar.enduser.tier`. */
  userTier: string;
  /** Stitching keys (design section 4), for `nightjar.link.in`. */
  linkIn: string[];
  /** Trace contexts carried by the event (deduplicated). */
  traceContexts: TraceContextCandidate[];
}

export interface TriggerConfig {
  /** Dotted paths into the event tried first for the end user id ("requestContext.authorizer.lambda.userId"). */
  userIdPaths?: string[];
  /** Dotted paths into the event tried first for the end user's tier ("requestContext.authorizer.lambda.plan"). */
  userTierPaths?: string[];
  /** The invocation's request id (context.awsRequestId): adds the Lambda Invoke key `lambda:<id>`. */
  requestId?: string;
  /** At most this many stitching keys and trace contexts (default 1000). */
  maxLinks?: number;
}
