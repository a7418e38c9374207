import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { dynamoDbStreamEvent, eventBridgeEvent, kinesisEvent, s3Notification, snsEvent, sqsEvent } from '../../test/aws-events.ts';
import { parseTrigger } from './parse-trigger.ts';

const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

const restEvent = {
  resource: '/pets/{petId}',
  path: '/pets/42',
  httpMethod: 'GET',
  headers: { Accept: '*/*', Host: 'abc123.execute-api.eu-west-1.amazonaws.com', 'User-Agent': 'curl/8.4.0', traceparent: TRACEPARENT },
  multiValueHeaders: { Accept: ['*/*'] },
  queryStringParameters: { q: 'a b', token: 'hunter2' },
  multiValueQueryStringParameters: { q: ['a b'], token: ['hunter2'] },
  pathParameters: { petId: '42' },
  stageVariables: null,
  requestContext: {
    accountId: '123456789012',
    apiId: 'abc123',
    authorizer: { claims: { sub: 'c0a8e1b2-1111-2222-3333-444455556666', email: 'ann@example.com' } },
    domainName: 'abc123.execute-api.eu-west-1.amazonaws.com',
    httpMethod: 'GET',
    identity: { sourceIp: '203.0.113.7', userAgent: 'curl/8.4.0', cognitoIdentityId: null, userArn: null },
    path: '/prod/pets/42',
    protocol: 'HTTP/1.1',
    requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
    resourcePath: '/pets/{petId}',
    stage: 'prod',
  },
  body: null,
  isBase64Encoded: false,
};

const httpV2Event = (domainName: string, routeKey: string, authorizer: unknown) => ({
  version: '2.0',
  routeKey,
  rawPath: '/orders/9',
  rawQueryString: 'expand=lines&api_key=abc',
  cookies: ['s=1'],
  headers: { 'user-agent': 'Mozilla/5.0', 'x-amzn-trace-id': 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1' },
  requestContext: {
    accountId: '123456789012',
    apiId: 'r3pmxmplak',
    authorizer,
    domainName,
    domainPrefix: 'r3pmxmplak',
    http: { method: 'POST', path: '/orders/9', protocol: 'HTTP/1.1', sourceIp: '198.51.100.1', userAgent: 'Mozilla/5.0' },
    requestId: 'JKJaXmPLvHcESHA=',
    routeKey,
    stage: '$default',
    time: '10/Mar/2020:05:16:23 +0000',
    timeEpoch: 1583817383220,
  },
  body: '{"user":{"id":"u-77"}}',
  isBase64Encoded: false,
});

describe('parseTrigger: HTTP', () => {
  test('API Gateway REST: route template, path, query (secrets masked), client, user from claims, traceparent', () => {
    const t = parseTrigger(restEvent);
    assert.equal(t.trigger, 'http');
    assert.equal(t.source, 'api-gateway-rest');
    assert.equal(t.attributes['http.request.method'], 'GET');
    assert.equal(t.attributes['http.route'], '/pets/{petId}');
    assert.equal(t.attributes['url.path'], '/pets/42');
    assert.equal(t.attributes['url.query'], 'q=a%20b&token=[REDACTED]');
    assert.equal(t.attributes['client.address'], '203.0.113.7');
    assert.equal(t.attributes['user_agent.original'], 'curl/8.4.0');
    assert.equal(t.attributes['faas.trigger'], 'http');
    assert.equal(t.userId, 'c0a8e1b2-1111-2222-3333-444455556666');
    assert.equal(t.attributes['enduser.id'], t.userId);
    assert.deepEqual(t.traceContexts, [{ traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', sampled: true, format: 'traceparent' }]);
  });

  test('HTTP API v2: route without the method, raw query, JWT claims, X-Ray header', () => {
    const t = parseTrigger(httpV2Event('r3pmxmplak.execute-api.us-east-2.amazonaws.com', 'POST /orders/{id}', { jwt: { claims: { username: 'ann' }, scopes: [] } }));
    assert.equal(t.source, 'api-gateway-http');
    assert.equal(t.attributes['http.request.method'], 'POST');
    assert.equal(t.attributes['http.route'], '/orders/{id}');
    assert.equal(t.attributes['url.query'], 'expand=lines&api_key=[REDACTED]');
    assert.equal(t.attributes['client.address'], '198.51.100.1');
    assert.equal(t.userId, 'ann');
    assert.deepEqual(t.traceContexts, [{ traceId: '5759e988bd862e3fe1be46a994272793', spanId: '53995c3f42cd8ad8', sampled: true, format: 'aws-trace-header' }]);
  });

  test('Function URL: recognised by its domain; IAM user arn; no route for $default', () => {
    const t = parseTrigger(httpV2Event('a1b2c3.lambda-url.eu-west-1.on.aws', '$default', { iam: { userArn: 'arn:aws:iam::123456789012:user/ann', accessKey: 'AKIA...' } }));
    assert.equal(t.source, 'function-url');
    assert.equal(t.attributes['http.route'], undefined);
    assert.equal(t.attributes['url.path'], '/orders/9');
    assert.equal(t.userId, 'arn:aws:iam::123456789012:user/ann');
  });

  test('configured user id paths come first and may reach into a JSON body', () => {
    const ev = httpV2Event('x.execute-api.eu-west-1.amazonaws.com', 'POST /o', { jwt: { claims: { sub: 's' } } });
    assert.equal(parseTrigger(ev, { userIdPaths: ['nope.here', 'body.user.id'] }).userId, 'u-77');
    assert.equal(parseTrigger(ev, { userIdPaths: ['nope.here'] }).userId, 's');
  });

  test('ALB: method, path, raw query, client from X-Forwarded-For', () => {
    const t = parseTrigger({
      requestContext: { elb: { targetGroupArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/lambda-279XGJDqGZ5rsrHC2Fjr/49e9d65c45c6791a' } },
      httpMethod: 'GET',
      path: '/lambda',
      queryStringParameters: { query: '1234ABCD' },
      headers: { 'user-agent': 'curl/7.79.1', 'x-forwarded-for': '72.12.164.125, 10.0.0.1', host: 'lambda-alb-123578498.us-east-1.elb.amazonaws.com' },
      body: '',
      isBase64Encoded: false,
    });
    assert.equal(t.source, 'alb');
    assert.equal(t.attributes['url.query'], 'query=1234ABCD');
    assert.equal(t.attributes['client.address'], '72.12.164.125');
    assert.equal(t.attributes['server.address'], 'lambda-alb-123578498.us-east-1.elb.amazonaws.com');
  });
});

describe('parseTrigger: messages and data sources', () => {
  test('SQS: messaging attributes, keys of every record, AWSTraceHeader and traceparent', () => {
    const t = parseTrigger(
      sqsEvent('orders', [
        { messageId: 'a', body: 'x', awsTraceHeader: 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=0' },
        { messageId: 'b', body: 'y', traceparent: TRACEPARENT },
      ]),
    );
    assert.equal(t.trigger, 'pubsub');
    assert.equal(t.attributes['messaging.system'], 'aws_sqs');
    assert.equal(t.attributes['messaging.destination.name'], 'orders');
    assert.equal(t.attributes['messaging.batch.message_count'], 2);
    assert.deepEqual(t.linkIn, ['sqs:a', 'sqs:b']);
    assert.deepEqual(
      t.traceContexts.map((c) => [c.format, c.sampled]),
      [
        ['aws-trace-header', false],
        ['traceparent', true],
      ],
    );
  });

  test('SNS: topic name and traceparent from message attributes', () => {
    const t = parseTrigger(snsEvent('orders', [{ messageId: 'm1', message: 'hi', traceparent: TRACEPARENT }]));
    assert.equal(t.source, 'sns');
    assert.equal(t.attributes['messaging.system'], 'aws_sns');
    assert.equal(t.attributes['messaging.destination.name'], 'orders');
    assert.equal(t.attributes['messaging.message.id'], 'm1');
    assert.equal(t.traceContexts.length, 1);
  });

  test('EventBridge custom event vs scheduled event', () => {
    const custom = parseTrigger(eventBridgeEvent('e1', 'shop', 'OrderPlaced', { a: 1 }));
    assert.equal(custom.source, 'eventbridge');
    assert.equal(custom.trigger, 'pubsub');
    assert.equal(custom.attributes['aws.eventbridge.detail_type'], 'OrderPlaced');
    const scheduled = parseTrigger(eventBridgeEvent('e2', 'aws.events', 'Scheduled Event', {}));
    assert.equal(scheduled.source, 'schedule');
    assert.equal(scheduled.trigger, 'timer');
    assert.equal(scheduled.attributes['aws.eventbridge.rule'], 'nightly');
    assert.deepEqual(scheduled.linkIn, ['events:e2']);
  });

  test('Kinesis: stream name from the ARN', () => {
    const t = parseTrigger(kinesisEvent('clicks', [{ shardId: 'shardId-000000000000', sequenceNumber: '1', data: 'x' }]));
    assert.equal(t.attributes['messaging.destination.name'], 'clicks');
    assert.deepEqual(t.linkIn, ['kinesis:clicks:shardId-000000000000:1']);
  });

  test('S3 and DynamoDB Streams: datasource triggers with faas.document.* attributes', () => {
    const s3 = parseTrigger(s3Notification('uploads', 'a%2Fb+c.txt', 'REQ1'));
    assert.equal(s3.trigger, 'datasource');
    assert.equal(s3.source, 's3');
    assert.equal(s3.attributes['faas.document.collection'], 'uploads');
    assert.equal(s3.attributes['faas.document.name'], 'a/b c.txt');
    assert.equal(s3.attributes['faas.document.operation'], 'insert');
    const ddb = parseTrigger(dynamoDbStreamEvent('orders', [{ eventName: 'REMOVE', keys: { pk: { S: '1' } }, oldImage: { pk: { S: '1' } } }]));
    assert.equal(ddb.source, 'dynamodb');
    assert.deepEqual(ddb.attributes['aws.dynamodb.table_names'], ['orders']);
    assert.equal(ddb.attributes['faas.document.operation'], 'delete');
    assert.equal(ddb.linkIn.length, 1, 'no NewImage on REMOVE: only the Keys hash');
  });

  test('CloudWatch Logs subscription: decoded group and stream', () => {
    const payload = { messageType: 'DATA_MESSAGE', owner: '123456789012', logGroup: '/aws/lambda/f', logStream: '2024/01/01/[$LATEST]abc', subscriptionFilters: ['all'], logEvents: [{ id: '1', timestamp: 1, message: 'hi' }] };
    const t = parseTrigger({ awslogs: { data: gzipSync(JSON.stringify(payload)).toString('base64') } });
    assert.equal(t.source, 'cloudwatch-logs');
    assert.deepEqual(t.attributes['aws.log.group.names'], ['/aws/lambda/f']);
    assert.equal(t.attributes['nightjar.trigger.records'], 1);
    assert.equal(parseTrigger({ awslogs: { data: 'not gzip' } }).source, 'cloudwatch-logs');
  });

  test('unknown events, the Lambda invoke key and the link cap', () => {
    const t = parseTrigger({ hello: 'world' }, { requestId: 'req-1' });
    assert.equal(t.source, 'unknown');
    assert.equal(t.trigger, 'other');
    assert.deepEqual(t.linkIn, ['lambda:req-1']);
    const many = sqsEvent('q', Array.from({ length: 20 }, (_, i) => ({ messageId: `m${i}`, body: '' })));
    assert.equal(parseTrigger(many, { maxLinks: 5 }).linkIn.length, 5);
  });

  test('never throws, whatever the event (including throwing getters)', () => {
    const hostile = { get Records(): unknown { throw new Error('boom'); } };
    assert.equal(parseTrigger(hostile).source, 'unknown');
    fc.assert(
      fc.property(fc.anything(), fc.array(fc.string(), { maxLength: 3 }), (event, paths) => {
        const t = parseTrigger(event, { userIdPaths: paths, userTierPaths: paths });
        assert.equal(typeof t.userTier, 'string');
        assert.equal(typeof t.trigger, 'string');
        assert.ok(Array.isArray(t.linkIn));
      }),
      { numRuns: 300 },
    );
  });
});
