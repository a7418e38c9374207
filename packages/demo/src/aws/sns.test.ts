// Local SNS through the real SDK client: Publish/PublishBatch fan-out to SQS (envelope and raw) and
// to Lambda (the SNS event), with the published MessageId carried through; topic calls and errors.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateTopicCommand, GetTopicAttributesCommand, ListTopicsCommand, NotFoundException, PublishBatchCommand, PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { clientConfig, recordingInvoker } from '../../test/recording-invoker.ts';
import { createAsyncInvoker, type AsyncInvoker } from './async-invoke.ts';
import { startAwsEndpoint, type AwsEndpoint } from './endpoint.ts';
import { createSns, type SnsService } from './sns.ts';
import { createSqs, type SqsService } from './sqs.ts';

describe('local SNS through the SDK', () => {
  const invoker = recordingInvoker({ notify: () => undefined });
  let asyncInvoker: AsyncInvoker;
  let sqs: SqsService;
  let sns: SnsService;
  let endpoint: AwsEndpoint;
  let snsClient: SNSClient;
  let sqsClient: SQSClient;
  let topicArn: string;
  let envelopeUrl: string;
  let rawUrl: string;
  const errors: unknown[] = [];

  before(async () => {
    asyncInvoker = createAsyncInvoker(invoker);
    sqs = createSqs({ invoker });
    sns = createSns({ sqs, asyncInvoker, onError: (e) => errors.push(e) });
    endpoint = await startAwsEndpoint({ services: [sqs, sns] });
    sqs.setEndpointUrl(endpoint.url);
    envelopeUrl = sqs.createQueue('notifications-queue').url;
    rawUrl = sqs.createQueue('raw-queue').url;
    topicArn = sns.createTopic('shop-notifications');
    sns.subscribe(topicArn, { protocol: 'sqs', queueName: 'notifications-queue' });
    sns.subscribe(topicArn, { protocol: 'sqs', queueName: 'raw-queue', rawMessageDelivery: true });
    sns.subscribe(topicArn, { protocol: 'lambda', functionName: 'notify' });
    snsClient = new SNSClient(clientConfig(endpoint.url));
    sqsClient = new SQSClient(clientConfig(endpoint.url));
  });
  after(async () => {
    snsClient.destroy();
    sqsClient.destroy();
    await asyncInvoker.close();
    await endpoint.close();
    assert.deepEqual(errors, []);
  });

  const receiveOne = async (url: string) => {
    const r = await sqsClient.send(new ReceiveMessageCommand({ QueueUrl: url, MessageAttributeNames: ['All'], MessageSystemAttributeNames: ['All'], WaitTimeSeconds: 2 }));
    assert.equal(r.Messages?.length, 1);
    const m = r.Messages?.[0];
    assert.ok(m);
    return m;
  };

  test('Publish fans out: SQS envelope, raw SQS message, Lambda SNS event, all with the published MessageId', async () => {
    const before = invoker.calls.length;
    const out = await snsClient.send(
      new PublishCommand({
        TopicArn: topicArn,
        Message: '{"orderId":"o-9"}',
        Subject: 'Order shipped',
        MessageAttributes: {
          traceparent: { DataType: 'String', StringValue: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' },
          count: { DataType: 'Number', StringValue: '2' },
          blob: { DataType: 'Binary', BinaryValue: Buffer.from('bytes') },
        },
      }),
    );
    assert.match(out.MessageId ?? '', /^[0-9a-f-]{36}$/);

    const m = await receiveOne(envelopeUrl);
    assert.equal(m.Attributes?.SenderId, 'AIDAIT2UOQQY3AUEKVGXU');
    assert.equal(m.MessageAttributes, undefined);
    const envelope = JSON.parse(m.Body ?? '') as Record<string, unknown>;
    assert.deepEqual(Object.keys(envelope), ['Type', 'MessageId', 'TopicArn', 'Subject', 'Message', 'Timestamp', 'SignatureVersion', 'Signature', 'SigningCertURL', 'UnsubscribeURL', 'MessageAttributes']);
    assert.equal(envelope.Type, 'Notification');
    assert.equal(envelope.MessageId, out.MessageId);
    assert.equal(envelope.TopicArn, 'arn:aws:sns:us-east-1:123456789012:shop-notifications');
    assert.equal(envelope.Subject, 'Order shipped');
    assert.equal(envelope.Message, '{"orderId":"o-9"}');
    assert.match(String(envelope.Timestamp), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.equal(envelope.SignatureVersion, '1');
    assert.match(String(envelope.UnsubscribeURL), /Action=Unsubscribe&SubscriptionArn=arn:aws:sns:us-east-1:123456789012:shop-notifications:/);
    assert.deepEqual(envelope.MessageAttributes, {
      traceparent: { Type: 'String', Value: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' },
      count: { Type: 'Number', Value: '2' },
      blob: { Type: 'Binary', Value: Buffer.from('bytes').toString('base64') },
    });

    const raw = await receiveOne(rawUrl);
    assert.equal(raw.Body, '{"orderId":"o-9"}');
    assert.deepEqual(raw.MessageAttributes?.traceparent, { DataType: 'String', StringValue: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' });
    assert.deepEqual(raw.MessageAttributes?.count, { DataType: 'Number', StringValue: '2' });
    assert.deepEqual(Buffer.from(raw.MessageAttributes?.blob?.BinaryValue ?? new Uint8Array()).toString(), 'bytes');

    await invoker.waitFor(() => invoker.calls.length === before + 1);
    const event = invoker.calls[before]?.event as { Records: Record<string, unknown>[] };
    assert.equal(event.Records.length, 1);
    const rec = event.Records[0] ?? {};
    assert.equal(rec.EventSource, 'aws:sns');
    assert.equal(rec.EventVersion, '1.0');
    assert.match(String(rec.EventSubscriptionArn), /^arn:aws:sns:us-east-1:123456789012:shop-notifications:[0-9a-f-]{36}$/);
    const sns = rec.Sns as Record<string, unknown>;
    assert.deepEqual(Object.keys(sns), ['Type', 'MessageId', 'TopicArn', 'Subject', 'Message', 'Timestamp', 'SignatureVersion', 'Signature', 'SigningCertUrl', 'UnsubscribeUrl', 'MessageAttributes']);
    assert.equal(sns.MessageId, out.MessageId);
    assert.equal(sns.Subject, 'Order shipped');
    assert.equal(sns.Timestamp, envelope.Timestamp);
    assert.deepEqual(sns.MessageAttributes, envelope.MessageAttributes);
  });

  test('without Subject or attributes the envelope omits them and the Lambda event has Subject null', async () => {
    const before = invoker.calls.length;
    const out = await snsClient.send(new PublishCommand({ TargetArn: topicArn, Message: 'plain' }));
    const envelope = JSON.parse((await receiveOne(envelopeUrl)).Body ?? '') as Record<string, unknown>;
    assert.equal(envelope.MessageId, out.MessageId);
    assert.equal('Subject' in envelope, false);
    assert.equal('MessageAttributes' in envelope, false);
    const raw = await receiveOne(rawUrl);
    assert.equal(raw.Body, 'plain');
    await invoker.waitFor(() => invoker.calls.length === before + 1);
    const sns = (invoker.calls[before]?.event as { Records: { Sns: Record<string, unknown> }[] }).Records[0]?.Sns;
    assert.equal(sns?.Subject, null);
    assert.deepEqual(sns?.MessageAttributes, {});
  });

  test('the publisher trace header is passed on', async () => {
    const before = invoker.calls.length;
    const traced = new SNSClient(clientConfig(endpoint.url));
    traced.middlewareStack.add((next) => (args) => {
      (args.request as { headers: Record<string, string> }).headers['x-amzn-trace-id'] = 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1';
      return next(args);
    }, { step: 'build' });
    await traced.send(new PublishCommand({ TopicArn: topicArn, Message: 'traced' }));
    traced.destroy();
    const m = await receiveOne(envelopeUrl);
    assert.equal(m.Attributes?.AWSTraceHeader, 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1');
    await receiveOne(rawUrl);
    await invoker.waitFor(() => invoker.calls.length === before + 1);
    assert.equal(invoker.calls[before]?.opts?.traceHeader, 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1');
  });

  test('PublishBatch answers per entry; each successful MessageId reaches the subscribers', async () => {
    const before = invoker.calls.length;
    const out = await snsClient.send(
      new PublishBatchCommand({
        TopicArn: topicArn,
        PublishBatchRequestEntries: [
          { Id: 'a', Message: 'first', MessageAttributes: { k: { DataType: 'String', StringValue: 'v' } } },
          { Id: 'empty', Message: '' },
          { Id: 'b', Message: 'second' },
        ],
      }),
    );
    assert.deepEqual(out.Successful?.map((s) => s.Id), ['a', 'b']);
    assert.equal(out.Failed?.length, 1);
    assert.equal(out.Failed?.[0]?.Id, 'empty');
    assert.equal(out.Failed?.[0]?.Code, 'InvalidParameter');
    assert.equal(out.Failed?.[0]?.SenderFault, true);
    const r = await sqsClient.send(new ReceiveMessageCommand({ QueueUrl: envelopeUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
    const ids = (r.Messages ?? []).map((m) => (JSON.parse(m.Body ?? '') as { MessageId: string }).MessageId).sort();
    assert.deepEqual(ids, (out.Successful ?? []).map((s) => s.MessageId).sort());
    await sqsClient.send(new ReceiveMessageCommand({ QueueUrl: rawUrl, MaxNumberOfMessages: 10 }));
    await invoker.waitFor(() => invoker.calls.length === before + 2);
  });

  test('topic calls and errors', async () => {
    const created = await snsClient.send(new CreateTopicCommand({ Name: 'other-topic' }));
    assert.equal(created.TopicArn, 'arn:aws:sns:us-east-1:123456789012:other-topic');
    const list = await snsClient.send(new ListTopicsCommand({}));
    assert.deepEqual(list.Topics?.map((t) => t.TopicArn).sort(), [created.TopicArn, topicArn].sort());
    const attrs = await snsClient.send(new GetTopicAttributesCommand({ TopicArn: topicArn }));
    assert.equal(attrs.Attributes?.TopicArn, topicArn);
    assert.equal(attrs.Attributes?.SubscriptionsConfirmed, '3');
    await assert.rejects(snsClient.send(new PublishCommand({ TopicArn: 'arn:aws:sns:us-east-1:123456789012:missing', Message: 'x' })), NotFoundException);
    await assert.rejects(snsClient.send(new PublishCommand({ TopicArn: topicArn, Message: '' })), (e: Error) => e.name === 'InvalidParameterException');
  });
});
