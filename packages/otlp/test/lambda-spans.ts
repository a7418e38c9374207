// Realistic Lambda-shaped spans made by the real OpenTelemetry JS SDK, for tests and the benchmark:
// a server span per invocation with faas/http/cloud attributes, and client spans to AWS services.
import { SpanKind, SpanStatusCode, type HrTime } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';

export const LAMBDA_RESOURCE = {
  'service.name': 'checkout-api',
  'cloud.provider': 'aws',
  'cloud.platform': 'aws_lambda',
  'cloud.region': 'eu-west-1',
  'faas.name': 'checkout-api-prod',
  'faas.version': '$LATEST',
  'faas.max_memory': 1073741824,
  'telemetry.sdk.language': 'nodejs',
  'telemetry.sdk.name': 'opentelemetry',
  'telemetry.sdk.version': '2.12.1',
};

/** `count` spans: every 4th a server (invocation) span, the others client spans to DynamoDB/SQS. */
export function lambdaSpans(count: number, baseSeconds = 1_700_000_000): ReadableSpan[] {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes(LAMBDA_RESOURCE),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
    spanLimits: { attributeCountLimit: 1000, eventCountLimit: 1000, linkCountLimit: 1000 },
  });
  const tracer = provider.getTracer('@nightjar/lambda', '0.1.0');
  for (let i = 0; i < count; i++) {
    const start: HrTime = [baseSeconds + Math.floor(i / 100), (i * 7919 * 1000 + 123) % 1e9];
    const end: HrTime = [start[0], start[1] + 1_234_567 > 999_999_999 ? start[1] : start[1] + 1_234_567];
    const requestId = `c0ffee${String(i).padStart(2, '0').slice(-2)}-1234-5678-9abc-def0123456${String(i % 100).padStart(2, '0')}`;
    if (i % 4 === 0) {
      const span = tracer.startSpan('POST /orders', {
        kind: SpanKind.SERVER,
        startTime: start,
        attributes: {
          'faas.trigger': 'http',
          'faas.invocation_id': requestId,
          'faas.coldstart': i === 0,
          'http.request.method': 'POST',
          'http.route': '/orders',
          'url.path': '/orders',
          'http.response.status_code': 201,
          'user_agent.original': 'Mozilla/5.0 (X11; Linux x86_64)',
          'cloud.account.id': '123456789012',
          'aws.lambda.invoked_arn': 'arn:aws:lambda:eu-west-1:123456789012:function:checkout-api-prod',
        },
      });
      span.end(end);
    } else {
      const span = tracer.startSpan(i % 4 === 1 ? 'DynamoDB.PutItem' : 'SQS.SendMessage', {
        kind: i % 4 === 1 ? SpanKind.CLIENT : SpanKind.PRODUCER,
        startTime: start,
        attributes: {
          'rpc.system': 'aws-api',
          'rpc.service': i % 4 === 1 ? 'DynamoDB' : 'SQS',
          'rpc.method': i % 4 === 1 ? 'PutItem' : 'SendMessage',
          'cloud.region': 'eu-west-1',
          'aws.request_id': requestId,
          'server.address': i % 4 === 1 ? 'dynamodb.eu-west-1.amazonaws.com' : 'sqs.eu-west-1.amazonaws.com',
          'http.response.status_code': 200,
          'db.system.name': 'aws.dynamodb',
          'aws.dynamodb.table_names': ['orders'],
          'faas.invocation_id': requestId,
          ...(i % 4 === 2 ? { 'nightjar.link.out': [`sqs:${requestId}`] } : {}),
        },
      });
      if (i % 40 === 3) span.setStatus({ code: SpanStatusCode.ERROR, message: 'ProvisionedThroughputExceededException' });
      span.end(end);
    }
  }
  const spans = exporter.getFinishedSpans();
  void provider.shutdown();
  return spans;
}
