// The local services stitch as AWS does: the key Nightjar's tracer reads from a producer's SDK
// response (producerLinkKeys) is among the keys it reads from the Lambda event the local service
// delivers (parseTrigger). SQS -> Lambda, SNS -> SQS -> Lambda, SNS -> Lambda, EventBridge ->
// Lambda and EventBridge -> SQS -> Lambda.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { parseTrigger, producerLinkKeys, type ProducerService } from '@nightjar/lambda';
import { clientConfig, recordingInvoker } from '../../test/recording-invoker.ts';
import { createAsyncInvoker, type AsyncInvoker } from './async-invoke.ts';
import { startAwsEndpoint, type AwsEndpoint } from './endpoint.ts';
import { createEventBridge } from './eventbridge.ts';
import { createSns } from './sns.ts';
import { createSqs, type SqsService } from './sqs.ts';

describe('producer keys equal consumer keys through the local services', () => {
  const invoker = recordingInvoker({ direct: () => undefined, viaQueue: () => undefined, fromTopic: () => undefined, fromBus: () => undefined, busQueue: () => undefined });
  let asyncInvoker: AsyncInvoker;
  let sqs: SqsService;
  let endpoint: AwsEndpoint;
  let sqsClient: SQSClient;
  let snsClient: SNSClient;
  let ebClient: EventBridgeClient;
  let topicArn: string;

  before(async () => {
    asyncInvoker = createAsyncInvoker(invoker);
    sqs = createSqs({ invoker });
    const sns = createSns({ sqs, asyncInvoker });
    const events = createEventBridge({ asyncInvoker, sqs });
    endpoint = await startAwsEndpoint({ services: [sqs, sns, events] });
    sqs.setEndpointUrl(endpoint.url);
    for (const q of ['direct-q', 'topic-q', 'bus-q']) sqs.createQueue(q);
    sqs.addEventSource('direct-q', 'direct', { maximumBatchingWindowMs: 0 });
    sqs.addEventSource('topic-q', 'viaQueue', { maximumBatchingWindowMs: 0 });
    sqs.addEventSource('bus-q', 'busQueue', { maximumBatchingWindowMs: 0 });
    topicArn = sns.createTopic('t');
    sns.subscribe(topicArn, { protocol: 'sqs', queueName: 'topic-q' });
    sns.subscribe(topicArn, { protocol: 'lambda', functionName: 'fromTopic' });
    events.putRule('default', 'r', { source: ['shop.test'] }, [{ functionName: 'fromBus' }, { queueName: 'bus-q' }]);
    sqsClient = new SQSClient(clientConfig(endpoint.url));
    snsClient = new SNSClient(clientConfig(endpoint.url));
    ebClient = new EventBridgeClient(clientConfig(endpoint.url));
  });
  after(async () => {
    for (const c of [sqsClient, snsClient, ebClient]) c.destroy();
    await asyncInvoker.close();
    await endpoint.close();
  });

  async function consumerKeys(fn: string): Promise<string[]> {
    await invoker.waitFor(() => invoker.callsOf(fn).length > 0);
    return parseTrigger(invoker.callsOf(fn)[0]?.event).linkIn;
  }

  function assertStitched(service: ProducerService, operation: string, input: unknown, output: unknown, linkIn: string[]): void {
    const keys = producerLinkKeys({ service, operation, input, output });
    assert.equal(keys.length, 1, `producer keys ${JSON.stringify(keys)}`);
    assert.ok(linkIn.includes(keys[0] as string), `consumer linkIn ${JSON.stringify(linkIn)} lacks ${keys[0]}`);
  }

  test('SQS SendMessage -> event source mapping', async () => {
    const input = { QueueUrl: sqs.queueUrl('direct-q'), MessageBody: 'hello' };
    const output = await sqsClient.send(new SendMessageCommand(input));
    assertStitched('sqs', 'SendMessage', input, output, await consumerKeys('direct'));
  });

  test('SNS Publish -> SQS subscription -> event source mapping, and -> Lambda subscription', async () => {
    const input = { TopicArn: topicArn, Message: 'hello' };
    const output = await snsClient.send(new PublishCommand(input));
    assertStitched('sns', 'Publish', input, output, await consumerKeys('viaQueue'));
    assertStitched('sns', 'Publish', input, output, await consumerKeys('fromTopic'));
  });

  test('EventBridge PutEvents -> Lambda target, and -> SQS target -> event source mapping', async () => {
    const input = { Entries: [{ Source: 'shop.test', DetailType: 'Tested', Detail: '{"a":1}' }] };
    const output = await ebClient.send(new PutEventsCommand(input));
    assertStitched('eventbridge', 'PutEvents', input, output, await consumerKeys('fromBus'));
    assertStitched('eventbridge', 'PutEvents', input, output, await consumerKeys('busQueue'));
  });
});
