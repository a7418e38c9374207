// Local SNS over the query protocol (form-urlencoded Action=..., XML answers in the
// http://sns.amazonaws.com/doc/2010-03-31/ namespace): Publish, PublishBatch, CreateTopic,
// ListTopics, GetTopicAttributes, ListSubscriptionsByTopic. Topics and subscriptions are made with
// createTopic and subscribe.
//
// Fan-out: every subscription gets each message. An SQS subscription receives the SNS JSON envelope
// as the message body ({ Type: 'Notification', MessageId, TopicArn, Subject?, Message, Timestamp,
// SignatureVersion, Signature, SigningCertURL, UnsubscribeURL, MessageAttributes? }, Subject and
// MessageAttributes only when the message has them), or with raw delivery the message itself with
// the SNS message attributes as SQS message attributes. A Lambda subscription is invoked
// asynchronously with the SNS event (Records[].Sns, spelled SigningCertUrl/UnsubscribeUrl, Subject
// null when absent). The MessageId Publish answers is the envelope's and the event's MessageId.
// The request's X-Amzn-Trace-Id is passed on (AWSTraceHeader for SQS, the invocation's trace header).
import { randomBytes, randomUUID } from 'node:crypto';
import type { AsyncInvoker } from './async-invoke.ts';
import { queryXml, queryXmlError, xmlEscape } from './protocol.ts';
import type { SqsAttributeValue, SqsDelivery } from './sqs.ts';
import type { AwsResponse, AwsService } from './types.ts';
import { ACCOUNT_ID, REGION, arn } from './types.ts';

export const SNS_NAMESPACE = 'http://sns.amazonaws.com/doc/2010-03-31/';
/** The SenderId SQS reports for messages SNS delivers. */
export const SNS_SENDER_ID = 'AIDAIT2UOQQY3AUEKVGXU';
const MAX_MESSAGE_BYTES = 262_144;
const SIGNING_CERT_URL = `https://sns.${REGION}.amazonaws.com/SimpleNotificationService-9c6465fa7f48f5cacd23014631ec1136.pem`;

export type SubscriptionSpec = { protocol: 'sqs'; queueName: string; rawMessageDelivery?: boolean } | { protocol: 'lambda'; functionName: string };

export interface SnsOptions {
  sqs: SqsDelivery;
  asyncInvoker: AsyncInvoker;
  /** A subscription that could not be delivered to (a queue that is gone). */
  onError?: (err: unknown) => void;
}

export interface SnsService extends AwsService {
  readonly name: 'sns';
  /** Creates a topic (idempotent); returns its ARN. */
  createTopic(name: string): string;
  /** Subscribes (confirmed at once); returns the subscription ARN. */
  subscribe(topicArn: string, spec: SubscriptionSpec): string;
}

interface SnsAttribute {
  Type: string;
  Value: string;
}

interface Subscription {
  arn: string;
  spec: SubscriptionSpec;
}

interface Topic {
  name: string;
  arn: string;
  subscriptions: Subscription[];
}

class SnsFault extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

const invalid = (message: string): SnsFault => new SnsFault('InvalidParameter', `Invalid parameter: ${message}`);

/** MessageAttributes.entry.N.{Name, Value.DataType, Value.StringValue, Value.BinaryValue} under `prefix`. */
function readAttributes(params: URLSearchParams, prefix: string): Record<string, SnsAttribute> {
  const out: Record<string, SnsAttribute> = {};
  for (let n = 1; ; n++) {
    const base = `${prefix}MessageAttributes.entry.${n}`;
    const name = params.get(`${base}.Name`);
    if (name === null) break;
    const dataType = params.get(`${base}.Value.DataType`);
    if (dataType === null || !['String', 'String.Array', 'Number', 'Binary'].includes(dataType))
      throw new SnsFault('ParameterValueInvalid', `The message attribute '${name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.`);
    const value = dataType === 'Binary' ? params.get(`${base}.Value.BinaryValue`) : params.get(`${base}.Value.StringValue`);
    if (value === null || value === '')
      throw new SnsFault('ParameterValueInvalid', `The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${dataType}'.`);
    if (dataType === 'Number' && !Number.isFinite(Number(value))) throw new SnsFault('ParameterValueInvalid', `Could not cast message attribute '${name}' value to number.`);
    if (dataType === 'String.Array' && !isJsonArray(value)) throw new SnsFault('ParameterValueInvalid', `The message attribute '${name}' with type 'String.Array' must use a JSON array.`);
    out[name] = { Type: dataType, Value: value };
  }
  return out;
}

function isJsonArray(s: string): boolean {
  try {
    return Array.isArray(JSON.parse(s));
  } catch {
    return false;
  }
}

interface PublishInput {
  message: string | null;
  subject: string | null;
  structure: string | null;
  attributes: Record<string, SnsAttribute>;
}

export function createSns(opts: SnsOptions): SnsService {
  const topics = new Map<string, Topic>();

  const topicArnOf = (name: string): string => arn('sns', name);

  function mustTopic(ref: string | null): Topic {
    if (ref === null || ref === '') throw invalid('TopicArn or TargetArn Reason: no value for required parameter');
    const t = topics.get(ref);
    if (t === undefined) {
      if (!/^arn:aws:sns:[^:]+:\d{12}:[A-Za-z0-9_-]+$/.test(ref)) throw invalid('TopicArn');
      throw new SnsFault('NotFound', 'Topic does not exist', 404);
    }
    return t;
  }

  /** The message for one protocol (MessageStructure=json picks a per-protocol message). */
  function messageFor(input: PublishInput, protocol: string): string {
    if (input.structure !== 'json') return input.message ?? '';
    const parsed = JSON.parse(input.message ?? '{}') as Record<string, unknown>;
    const m = parsed[protocol] ?? parsed.default;
    return typeof m === 'string' ? m : '';
  }

  function validatePublish(input: PublishInput): void {
    if (input.message === null || input.message === '') throw invalid('Empty message');
    if (Buffer.byteLength(input.message) > MAX_MESSAGE_BYTES) throw invalid('Message too long');
    if (input.subject !== null && (input.subject === '' || input.subject.length > 100 || /[\r\n]/.test(input.subject))) throw invalid('Subject');
    if (input.structure !== null) {
      if (input.structure !== 'json') throw invalid('MessageStructure');
      let parsed: unknown;
      try {
        parsed = JSON.parse(input.message);
      } catch {
        throw invalid('Message Structure - JSON message body failed to parse');
      }
      if (parsed === null || typeof parsed !== 'object' || typeof (parsed as { default?: unknown }).default !== 'string')
        throw invalid('Message Structure - No default entry in JSON message body');
    }
  }

  function publish(topic: Topic, input: PublishInput, traceHeader: string | undefined): string {
    const messageId = randomUUID();
    const timestamp = new Date().toISOString();
    const signature = randomBytes(256).toString('base64');
    const attrs = input.attributes;
    const hasAttrs = Object.keys(attrs).length > 0;
    for (const sub of topic.subscriptions) {
      const unsubscribe = `https://sns.${REGION}.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${sub.arn}`;
      try {
        if (sub.spec.protocol === 'sqs') {
          const message = messageFor(input, 'sqs');
          if (sub.spec.rawMessageDelivery === true) {
            const messageAttributes: Record<string, SqsAttributeValue> = {};
            // SQS has no String.Array: it arrives as a String holding the JSON array
            for (const [k, a] of Object.entries(attrs))
              messageAttributes[k] = a.Type === 'Binary' ? { DataType: 'Binary', BinaryValue: a.Value } : { DataType: a.Type === 'String.Array' ? 'String' : a.Type, StringValue: a.Value };
            opts.sqs.deliver(sub.spec.queueName, { body: message, messageAttributes, senderId: SNS_SENDER_ID, ...(traceHeader !== undefined ? { awsTraceHeader: traceHeader } : {}) });
          } else {
            const envelope = {
              Type: 'Notification',
              MessageId: messageId,
              TopicArn: topic.arn,
              ...(input.subject !== null ? { Subject: input.subject } : {}),
              Message: message,
              Timestamp: timestamp,
              SignatureVersion: '1',
              Signature: signature,
              SigningCertURL: SIGNING_CERT_URL,
              UnsubscribeURL: unsubscribe,
              ...(hasAttrs ? { MessageAttributes: attrs } : {}),
            };
            opts.sqs.deliver(sub.spec.queueName, { body: JSON.stringify(envelope), senderId: SNS_SENDER_ID, ...(traceHeader !== undefined ? { awsTraceHeader: traceHeader } : {}) });
          }
        } else {
          const event = {
            Records: [
              {
                EventSource: 'aws:sns',
                EventVersion: '1.0',
                EventSubscriptionArn: sub.arn,
                Sns: {
                  Type: 'Notification',
                  MessageId: messageId,
                  TopicArn: topic.arn,
                  Subject: input.subject,
                  Message: messageFor(input, 'lambda'),
                  Timestamp: timestamp,
                  SignatureVersion: '1',
                  Signature: signature,
                  SigningCertUrl: SIGNING_CERT_URL,
                  UnsubscribeUrl: unsubscribe,
                  MessageAttributes: attrs,
                },
              },
            ],
          };
          opts.asyncInvoker.enqueue(sub.spec.functionName, event, traceHeader !== undefined ? { traceHeader } : {});
        }
      } catch (err) {
        opts.onError?.(err);
      }
    }
    return messageId;
  }

  const member = (inner: string): string => `<member>${inner}</member>`;
  const tag = (name: string, value: string): string => `<${name}>${xmlEscape(value)}</${name}>`;

  function action(name: string, params: URLSearchParams, traceHeader: string | undefined): AwsResponse {
    switch (name) {
      case 'Publish': {
        const topic = mustTopic(params.get('TopicArn') ?? params.get('TargetArn'));
        const input: PublishInput = { message: params.get('Message'), subject: params.get('Subject'), structure: params.get('MessageStructure'), attributes: readAttributes(params, '') };
        validatePublish(input);
        return queryXml('Publish', SNS_NAMESPACE, tag('MessageId', publish(topic, input, traceHeader)));
      }
      case 'PublishBatch': {
        const topic = mustTopic(params.get('TopicArn'));
        const entries: { id: string; prefix: string }[] = [];
        for (let n = 1; ; n++) {
          const prefix = `PublishBatchRequestEntries.member.${n}.`;
          const id = params.get(`${prefix}Id`);
          if (id === null) break;
          entries.push({ id, prefix });
        }
        if (entries.length === 0) throw new SnsFault('EmptyBatchRequest', 'The batch request doesn\'t contain any entries.');
        if (entries.length > 10) throw new SnsFault('TooManyEntriesInBatchRequest', 'The batch request contains more entries than permissible.');
        const ids = new Set<string>();
        for (const e of entries) {
          if (!/^[A-Za-z0-9_-]{1,80}$/.test(e.id)) throw new SnsFault('InvalidBatchEntryId', 'The Id of a batch entry in a batch request doesn\'t abide by the specification.');
          if (ids.has(e.id)) throw new SnsFault('BatchEntryIdsNotDistinct', 'Two or more batch entries in the request have the same Id.');
          ids.add(e.id);
        }
        const ok: string[] = [];
        const failed: string[] = [];
        for (const e of entries) {
          try {
            const input: PublishInput = {
              message: params.get(`${e.prefix}Message`),
              subject: params.get(`${e.prefix}Subject`),
              structure: params.get(`${e.prefix}MessageStructure`),
              attributes: readAttributes(params, e.prefix),
            };
            validatePublish(input);
            ok.push(member(tag('Id', e.id) + tag('MessageId', publish(topic, input, traceHeader))));
          } catch (err) {
            if (!(err instanceof SnsFault)) throw err;
            failed.push(member(tag('Id', e.id) + tag('Code', err.code) + tag('Message', err.message) + '<SenderFault>true</SenderFault>'));
          }
        }
        return queryXml('PublishBatch', SNS_NAMESPACE, `<Successful>${ok.join('')}</Successful><Failed>${failed.join('')}</Failed>`);
      }
      case 'CreateTopic': {
        const topicName = params.get('Name') ?? '';
        if (!/^[A-Za-z0-9_-]{1,256}$/.test(topicName)) throw invalid('Topic Name');
        return queryXml('CreateTopic', SNS_NAMESPACE, tag('TopicArn', service.createTopic(topicName)));
      }
      case 'ListTopics':
        return queryXml('ListTopics', SNS_NAMESPACE, `<Topics>${[...topics.values()].map((t) => member(tag('TopicArn', t.arn))).join('')}</Topics>`);
      case 'GetTopicAttributes': {
        const topic = mustTopic(params.get('TopicArn'));
        const policy = JSON.stringify({
          Version: '2008-10-17',
          Id: '__default_policy_ID',
          Statement: [{ Sid: '__default_statement_ID', Effect: 'Allow', Principal: { AWS: '*' }, Action: ['SNS:Publish', 'SNS:Subscribe'], Resource: topic.arn, Condition: { StringEquals: { 'AWS:SourceOwner': ACCOUNT_ID } } }],
        });
        const attrs: Record<string, string> = {
          Policy: policy,
          Owner: ACCOUNT_ID,
          SubscriptionsPending: '0',
          TopicArn: topic.arn,
          EffectiveDeliveryPolicy: JSON.stringify({ http: { defaultHealthyRetryPolicy: { minDelayTarget: 20, maxDelayTarget: 20, numRetries: 3, numMaxDelayRetries: 0, numNoDelayRetries: 0, numMinDelayRetries: 0, backoffFunction: 'linear' }, disableSubscriptionOverrides: false } }),
          SubscriptionsConfirmed: String(topic.subscriptions.length),
          DisplayName: '',
          SubscriptionsDeleted: '0',
        };
        const entries = Object.entries(attrs).map(([k, v]) => `<entry>${tag('key', k)}${tag('value', v)}</entry>`).join('');
        return queryXml('GetTopicAttributes', SNS_NAMESPACE, `<Attributes>${entries}</Attributes>`);
      }
      case 'ListSubscriptionsByTopic': {
        const topic = mustTopic(params.get('TopicArn'));
        const subs = topic.subscriptions.map((s) =>
          member(
            tag('TopicArn', topic.arn) +
              tag('Protocol', s.spec.protocol) +
              tag('SubscriptionArn', s.arn) +
              tag('Owner', ACCOUNT_ID) +
              tag('Endpoint', s.spec.protocol === 'sqs' ? arn('sqs', s.spec.queueName) : arn('lambda', `function:${s.spec.functionName}`)),
          ),
        );
        return queryXml('ListSubscriptionsByTopic', SNS_NAMESPACE, `<Subscriptions>${subs.join('')}</Subscriptions>`);
      }
      default:
        throw new SnsFault('InvalidAction', `Could not find operation ${name} for version 2010-03-31`);
    }
  }

  const service: SnsService = {
    name: 'sns',

    createTopic(name) {
      if (!/^[A-Za-z0-9_-]{1,256}$/.test(name)) throw new Error(`invalid topic name "${name}"`);
      const topicArn = topicArnOf(name);
      if (!topics.has(topicArn)) topics.set(topicArn, { name, arn: topicArn, subscriptions: [] });
      return topicArn;
    },

    subscribe(topicArn, spec) {
      const topic = topics.get(topicArn);
      if (topic === undefined) throw new Error(`no topic "${topicArn}"`);
      if (spec.protocol === 'sqs' && !opts.sqs.hasQueue(spec.queueName)) throw new Error(`no queue "${spec.queueName}"`);
      const sub: Subscription = { arn: `${topicArn}:${randomUUID()}`, spec: { ...spec } };
      topic.subscriptions.push(sub);
      return sub.arn;
    },

    handle(req) {
      const params = new URLSearchParams(req.body.toString('utf8'));
      for (const [k, v] of req.query) if (!params.has(k)) params.set(k, v);
      try {
        return action(params.get('Action') ?? '', params, req.headers['x-amzn-trace-id']);
      } catch (err) {
        if (!(err instanceof SnsFault)) throw err;
        const res = queryXmlError(err.code, err.message, err.status);
        if (typeof res.body === 'string') res.body = res.body.replace('<ErrorResponse>', `<ErrorResponse xmlns="${SNS_NAMESPACE}">`);
        return res;
      }
    },
  };
  return service;
}
