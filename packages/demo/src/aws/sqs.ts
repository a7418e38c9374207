// Local SQS (standard queues) over AWS JSON 1.0 (x-amz-target AmazonSQS.<Op>), as the SDK v3 client
// speaks it: SendMessage(Batch), ReceiveMessage (long poll), DeleteMessage(Batch),
// ChangeMessageVisibility(Batch), GetQueueUrl, GetQueueAttributes, PurgeQueue. Errors carry the
// `com.amazonaws.sqs#Code` type and the `x-amzn-query-error: <query code>;Sender` header the SDK's
// query-compatible JSON protocol reads. MD5OfMessageBody, MD5OfMessageAttributes and
// MD5OfMessageSystemAttributes follow the SQS algorithm (the SDK verifies the body digests).
//
// Semantics: delay, visibility timeout, ApproximateReceiveCount, redrive to a dead-letter queue on
// the receive attempt after maxReceiveCount receives (the message keeps its id, body, attributes and
// receive count, and gains DeadLetterQueueSourceArn). Receipt handles stay usable for DeleteMessage
// while the message exists; deleting an already deleted message succeeds, as in SQS.
//
// Also the Lambda event source mapping (addEventSource): pollers receive batches (long poll, batching
// window), invoke the function with the Lambda SQS event, delete the batch on success (all but the
// reported batchItemFailures with reportBatchItemFailures), leave it to reappear after the
// visibility timeout on failure, and retry throttled invocations.
//
// Queue URLs: the SDK's SQS client sends requests to the QueueUrl's origin unless the client was
// given an explicit `endpoint` (AWS_ENDPOINT_URL alone does not count), so URLs handed to functions
// must use the local endpoint's origin: call setEndpointUrl(endpoint.url) once the endpoint is up,
// before reading queue URLs (createQueue(...).url is read live; until then URLs use
// http://sqs.us-east-1.localhost, and GetQueueUrl answers on the Host the request came to). Requests are matched to queues by the URL's account
// and name, whatever its origin.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { awsJson, awsJsonError, md5Hex } from './protocol.ts';
import type { AwsRequest, AwsResponse, AwsService, InvokeOutcome, LambdaInvoker } from './types.ts';
import { ACCOUNT_ID, REGION, arn } from './types.ts';

/** A message attribute as the SQS API carries it (BinaryValue base64 in JSON). */
export interface SqsAttributeValue {
  DataType: string;
  StringValue?: string;
  BinaryValue?: string;
}

/** A message another AWS service puts into a queue (SNS subscription, EventBridge target). */
export interface SqsDeliveredMessage {
  body: string;
  messageAttributes?: Record<string, SqsAttributeValue>;
  /** X-Ray trace header, delivered as the AWSTraceHeader system attribute. */
  awsTraceHeader?: string;
  /** The SenderId attribute (the sending service's principal). */
  senderId?: string;
}

/** What SNS and EventBridge need of SQS. */
export interface SqsDelivery {
  /** Enqueue a message; `queue` is a name, an ARN or a queue URL. Throws if there is no such queue. */
  deliver(queue: string, msg: SqsDeliveredMessage): { messageId: string };
  hasQueue(queue: string): boolean;
}

export interface QueueOptions {
  /** Default 30. Fractions allowed (tests). */
  visibilityTimeoutSeconds?: number;
  /** Default 0. */
  delaySeconds?: number;
  redrive?: { deadLetterQueue: string; maxReceiveCount: number };
}

export interface EventSourceOptions {
  /** Records per invocation, default 10. */
  batchSize?: number;
  /** How long to gather a batch after its first message, default 500 ms. */
  maximumBatchingWindowMs?: number;
  reportBatchItemFailures?: boolean;
  /** Concurrent pollers (and so invocations), default 2. */
  maxConcurrency?: number;
}

export interface QueueStats {
  visible: number;
  inFlight: number;
  delayed: number;
}

export interface SqsOptions {
  invoker: LambdaInvoker;
  /** Invoker rejections and other failures of the event source pollers. */
  onError?: (err: unknown) => void;
  /** Base of the queue URLs (the local endpoint's URL); see setEndpointUrl. */
  endpointUrl?: string;
}

export interface SqsService extends AwsService, SqsDelivery {
  readonly name: 'sqs';
  /** Sets the base of queue URLs (the local endpoint's URL), for queues created from now on and GetQueueUrl. */
  setEndpointUrl(url: string): void;
  /** Creates a queue (an existing one is returned as is). `url` reflects setEndpointUrl when read. */
  createQueue(name: string, opts?: QueueOptions): { readonly url: string; readonly arn: string };
  queueUrl(name: string): string;
  queueArn(name: string): string;
  addEventSource(queueName: string, functionName: string, opts?: EventSourceOptions): void;
  stats(queueName: string): QueueStats;
  /** Stops the pollers (waiting for their invocations) and ends pending long polls. */
  close(): Promise<void>;
}

const DEFAULT_ENDPOINT = `http://sqs.${REGION}.localhost`;
const MAX_MESSAGE_BYTES = 1_048_576;
const MAX_WAIT_SECONDS = 20;
const MAX_VISIBILITY_SECONDS = 43_200;
const MAX_DELAY_SECONDS = 900;
/** The ESM's retry pause after a throttled invocation (doubling up to 1 s). */
const THROTTLE_RETRY_MS = 100;

interface StoredMessage {
  messageId: string;
  body: string;
  md5OfBody: string;
  messageAttributes: Record<string, SqsAttributeValue>;
  md5OfMessageAttributes?: string;
  awsTraceHeader?: string;
  senderId: string;
  sentTimestamp: number;
  delayedUntil: number;
  invisibleUntil: number;
  receiveCount: number;
  firstReceiveTimestamp?: number;
  receiptHandle?: string;
  deadLetterQueueSourceArn?: string;
}

interface Queue {
  name: string;
  arn: string;
  visibilityTimeoutMs: number;
  delayMs: number;
  redrive?: { deadLetterQueue: string; maxReceiveCount: number };
  messages: StoredMessage[];
  waiters: Set<() => void>;
  createdAt: number;
}

// ---------------------------------------------------------------------------------------------
// Digests

function putLength(parts: Buffer[], data: Buffer): void {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  parts.push(len, data);
}

/**
 * MD5OfMessageAttributes (and MD5OfMessageSystemAttributes): attributes sorted by name, each encoded
 * as length-prefixed (4 bytes, big-endian) name and data type, a transport byte (1 String/Number,
 * 2 Binary) and the length-prefixed value (UTF-8, or the raw bytes of a binary value).
 */
export function md5OfMessageAttributes(attrs: Record<string, SqsAttributeValue>): string {
  const parts: Buffer[] = [];
  for (const name of Object.keys(attrs).sort()) {
    const a = attrs[name];
    if (a === undefined) continue;
    putLength(parts, Buffer.from(name, 'utf8'));
    putLength(parts, Buffer.from(a.DataType, 'utf8'));
    if (a.DataType.startsWith('Binary')) {
      parts.push(Buffer.from([2]));
      putLength(parts, Buffer.from(a.BinaryValue ?? '', 'base64'));
    } else {
      parts.push(Buffer.from([1]));
      putLength(parts, Buffer.from(a.StringValue ?? '', 'utf8'));
    }
  }
  return md5Hex(Buffer.concat(parts));
}

// ---------------------------------------------------------------------------------------------
// Errors

interface SqsError {
  code: string;
  /** The awsQueryError code (x-amzn-query-error), when it differs from code. */
  queryCode?: string;
  message: string;
  status?: number;
}

class SqsFault extends Error {
  constructor(readonly err: SqsError) {
    super(err.message);
  }
}

const fault = (code: string, message: string, queryCode?: string, status = 400): SqsFault =>
  new SqsFault({ code, message, ...(queryCode !== undefined ? { queryCode } : {}), status });

const noQueue = (): SqsFault => fault('QueueDoesNotExist', 'The specified queue does not exist.', 'AWS.SimpleQueueService.NonExistentQueue');
const invalidParam = (message: string): SqsFault => fault('InvalidParameterValue', message);
const missingParam = (name: string): SqsFault => fault('MissingParameter', `The request must contain the parameter ${name}.`);

function sqsErrorResponse(e: SqsError): AwsResponse {
  const res = awsJsonError(`com.amazonaws.sqs#${e.code}`, e.message, '1.0', e.status ?? 400);
  res.headers = { ...res.headers, 'x-amzn-query-error': `${e.queryCode ?? e.code};Sender` };
  return res;
}

// ---------------------------------------------------------------------------------------------
// Validation

const ATTRIBUTE_NAME = /^[A-Za-z0-9_\-.]{1,256}$/;
const BATCH_ENTRY_ID = /^[A-Za-z0-9_-]{1,80}$/;
// eslint-disable-next-line no-control-regex
const INVALID_BODY_CHAR = /[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

function readAttributes(raw: unknown, what: 'user' | 'system'): Record<string, SqsAttributeValue> {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object') throw invalidParam(`Message ${what} attributes are invalid.`);
  const out: Record<string, SqsAttributeValue> = {};
  const entries = Object.entries(raw as Record<string, unknown>);
  if (what === 'user' && entries.length > 10) throw invalidParam('Number of message attributes [' + entries.length + '] exceeds the allowed maximum [10].');
  for (const [name, v] of entries) {
    const a = (v ?? {}) as Partial<SqsAttributeValue>;
    if (!ATTRIBUTE_NAME.test(name) || name.startsWith('.') || name.endsWith('.') || name.includes('..'))
      throw invalidParam(`Message (${what}) attribute name '${name}' is invalid.`);
    if (what === 'user' && /^(aws\.|amazon\.)/i.test(name)) throw invalidParam(`Message (user) attribute name '${name}' is reserved for use by SQS.`);
    if (what === 'system' && name !== 'AWSTraceHeader') throw invalidParam(`Message system attribute name '${name}' is invalid.`);
    const dataType = a.DataType;
    if (typeof dataType !== 'string' || !/^(String|Number|Binary)(\..+)?$/.test(dataType))
      throw invalidParam(`The type of message (${what}) attribute '${name}' is invalid. You must use only the following supported type prefixes: Binary, Number, String.`);
    if (dataType.startsWith('Binary')) {
      if (typeof a.BinaryValue !== 'string' || a.BinaryValue === '')
        throw invalidParam(`Message (${what}) attribute '${name}' must contain a non-empty value of type 'Binary'.`);
      out[name] = { DataType: dataType, BinaryValue: a.BinaryValue };
    } else {
      if (typeof a.StringValue !== 'string' || a.StringValue === '')
        throw invalidParam(`Message (${what}) attribute '${name}' must contain a non-empty value of type '${dataType.startsWith('Number') ? 'Number' : 'String'}'.`);
      if (dataType.startsWith('Number') && !Number.isFinite(Number(a.StringValue)))
        throw invalidParam(`Can't cast the value of message (${what}) attribute '${name}' to a number.`);
      out[name] = { DataType: dataType, StringValue: a.StringValue };
    }
  }
  return out;
}

interface SendInput {
  MessageBody?: unknown;
  DelaySeconds?: unknown;
  MessageAttributes?: unknown;
  MessageSystemAttributes?: unknown;
}

interface ValidMessage {
  body: string;
  delaySeconds: number | undefined;
  messageAttributes: Record<string, SqsAttributeValue>;
  systemAttributes: Record<string, SqsAttributeValue>;
}

function validateSend(input: SendInput): ValidMessage {
  const body = input.MessageBody;
  if (typeof body !== 'string' || body === '') throw missingParam('MessageBody');
  const bad = INVALID_BODY_CHAR.exec(body);
  if (bad !== null) {
    const hex = (bad[0].codePointAt(0) ?? 0).toString(16).toUpperCase();
    throw fault('InvalidMessageContents', `Invalid binary character '#x${hex}' was found in the message body, the set of allowed characters is #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF`);
  }
  let delaySeconds: number | undefined;
  if (input.DelaySeconds !== undefined && input.DelaySeconds !== null) {
    const d = input.DelaySeconds;
    if (typeof d !== 'number' || !Number.isInteger(d) || d < 0 || d > MAX_DELAY_SECONDS)
      throw invalidParam(`Value ${String(d)} for parameter DelaySeconds is invalid. Reason: DelaySeconds must be >= 0 and <= ${MAX_DELAY_SECONDS}.`);
    delaySeconds = d;
  }
  const messageAttributes = readAttributes(input.MessageAttributes, 'user');
  const systemAttributes = readAttributes(input.MessageSystemAttributes, 'system');
  let size = Buffer.byteLength(body);
  for (const [k, a] of Object.entries(messageAttributes)) size += Buffer.byteLength(k) + Buffer.byteLength(a.DataType) + Buffer.byteLength(a.StringValue ?? a.BinaryValue ?? '');
  if (size > MAX_MESSAGE_BYTES) throw invalidParam(`One or more parameters are invalid. Reason: Message must be shorter than ${MAX_MESSAGE_BYTES} bytes.`);
  return { body, delaySeconds, messageAttributes, systemAttributes };
}

function intParam(input: Record<string, unknown>, name: string, min: number, max: number, reason: string): number | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw invalidParam(`Value ${String(v)} for parameter ${name} is invalid. Reason: ${reason}`);
  return v;
}

function checkBatch(entries: unknown, max = 10): { Id: string }[] {
  if (!Array.isArray(entries) || entries.length === 0)
    throw fault('EmptyBatchRequest', 'There should be at least one SendMessageBatchRequestEntry in the request.', 'AWS.SimpleQueueService.EmptyBatchRequest');
  if (entries.length > max)
    throw fault('TooManyEntriesInBatchRequest', `Maximum number of entries per request are ${max}. You have sent ${entries.length}.`, 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest');
  const seen = new Set<string>();
  for (const e of entries as { Id?: unknown }[]) {
    const id = e?.Id;
    if (typeof id !== 'string' || !BATCH_ENTRY_ID.test(id))
      throw fault('InvalidBatchEntryId', 'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.', 'AWS.SimpleQueueService.InvalidBatchEntryId');
    if (seen.has(id)) throw fault('BatchEntryIdsNotDistinct', `Id ${id} repeated.`, 'AWS.SimpleQueueService.BatchEntryIdsNotDistinct');
    seen.add(id);
  }
  return entries as { Id: string }[];
}

// ---------------------------------------------------------------------------------------------
// The service

/** A SenderId-like principal id, stable per access key (SQS reports the caller's IAM unique id). */
function senderIdFor(req: AwsRequest): string {
  const key = /Credential=([^/,\s]+)\//.exec(req.headers.authorization ?? '')?.[1] ?? req.query.get('X-Amz-Credential')?.split('/')[0] ?? 'anonymous';
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const digest = createHash('sha256').update(key).digest();
  let id = 'AIDA';
  for (let i = 0; i < 17; i++) id += alphabet[(digest[i] ?? 0) % 32];
  return id;
}

export function createSqs(opts: SqsOptions): SqsService {
  const queues = new Map<string, Queue>();
  let endpointUrl = opts.endpointUrl?.replace(/\/+$/, '');
  let closed = false;
  const pollers: Promise<void>[] = [];
  const onError = (err: unknown): void => {
    if (opts.onError !== undefined) opts.onError(err);
  };

  /** A queue's URL: on the configured endpoint, else on the host the request came to. */
  const urlFor = (name: string, req?: AwsRequest): string => {
    const host = req?.headers.host;
    const base = endpointUrl ?? (host !== undefined && host !== '' ? `http://${host}` : DEFAULT_ENDPOINT);
    return `${base}/${ACCOUNT_ID}/${name}`;
  };

  /** A queue by name, ARN or URL. */
  function find(ref: string): Queue | undefined {
    if (ref.startsWith('arn:')) {
      const parts = ref.split(':');
      if (parts[2] !== 'sqs' || parts[4] !== ACCOUNT_ID) return undefined;
      return queues.get(parts[5] ?? '');
    }
    if (ref.includes('/')) {
      const segs = ref.split('?')[0]?.split('/').filter((s) => s !== '') ?? [];
      const name = segs.at(-1);
      const account = segs.at(-2);
      if (name === undefined || account !== ACCOUNT_ID) return undefined;
      return queues.get(name);
    }
    return queues.get(ref);
  }

  function mustFind(ref: unknown): Queue {
    if (typeof ref !== 'string' || ref === '') throw missingParam('QueueUrl');
    const q = find(ref);
    if (q === undefined) throw noQueue();
    return q;
  }

  /** What createQueue returns: `url` is read when used, so it follows a later setEndpointUrl. */
  const queueRef = (q: Queue): { readonly url: string; readonly arn: string } => ({
    get url() {
      return urlFor(q.name);
    },
    arn: q.arn,
  });

  const wake = (q: Queue): void => {
    for (const w of [...q.waiters]) w();
  };

  function enqueue(q: Queue, v: ValidMessage, senderId: string): StoredMessage {
    const now = Date.now();
    const delayMs = v.delaySeconds !== undefined ? v.delaySeconds * 1000 : q.delayMs;
    const m: StoredMessage = {
      messageId: randomUUID(),
      body: v.body,
      md5OfBody: md5Hex(Buffer.from(v.body, 'utf8')),
      messageAttributes: v.messageAttributes,
      ...(Object.keys(v.messageAttributes).length > 0 ? { md5OfMessageAttributes: md5OfMessageAttributes(v.messageAttributes) } : {}),
      ...(v.systemAttributes.AWSTraceHeader?.StringValue !== undefined ? { awsTraceHeader: v.systemAttributes.AWSTraceHeader.StringValue } : {}),
      senderId,
      sentTimestamp: now,
      delayedUntil: now + delayMs,
      invisibleUntil: 0,
      receiveCount: 0,
    };
    q.messages.push(m);
    if (delayMs <= 0) wake(q);
    return m;
  }

  const newHandle = (q: Queue, m: StoredMessage): string =>
    'AQEB' + Buffer.concat([Buffer.from(`${q.name}\n${m.messageId}\n${m.receiveCount}\n`, 'utf8'), randomBytes(48)]).toString('base64');

  /** The message id a receipt handle of this queue names; undefined when it is not one. */
  function parseHandle(q: Queue, handle: unknown): string | undefined {
    if (typeof handle !== 'string' || !handle.startsWith('AQEB')) return undefined;
    const text = Buffer.from(handle.slice(4), 'base64').toString('latin1').split('\n');
    if (text.length < 4 || text[0] !== q.name) return undefined;
    return text[1];
  }

  function mustParseHandle(q: Queue, handle: unknown): string {
    if (typeof handle !== 'string' || handle === '') throw missingParam('ReceiptHandle');
    const id = parseHandle(q, handle);
    if (id === undefined) throw fault('ReceiptHandleIsInvalid', `The input receipt handle "${handle}" is not a valid receipt handle.`, 'ReceiptHandleIsInvalid', 404);
    return id;
  }

  /** Takes up to `max` visible messages, moving over-received ones to the dead-letter queue. */
  function receiveNow(q: Queue, max: number, visibilityMs: number): StoredMessage[] {
    const now = Date.now();
    const out: StoredMessage[] = [];
    for (let i = 0; i < q.messages.length && out.length < max; ) {
      const m = q.messages[i];
      if (m === undefined) break;
      if (m.delayedUntil > now || m.invisibleUntil > now) {
        i++;
        continue;
      }
      const dlq = q.redrive !== undefined ? queues.get(q.redrive.deadLetterQueue) : undefined;
      if (q.redrive !== undefined && dlq !== undefined && m.receiveCount >= q.redrive.maxReceiveCount) {
        q.messages.splice(i, 1);
        const moved: StoredMessage = { ...m, delayedUntil: 0, invisibleUntil: 0, deadLetterQueueSourceArn: q.arn };
        delete moved.receiptHandle;
        dlq.messages.push(moved);
        wake(dlq);
        continue;
      }
      m.receiveCount++;
      m.firstReceiveTimestamp ??= now;
      m.invisibleUntil = now + visibilityMs;
      m.receiptHandle = newHandle(q, m);
      out.push(m);
      i++;
    }
    return out;
  }

  /** Resolves when a message may have become visible, at `deadline`, or on close. */
  function waitForChange(q: Queue, deadline: number): Promise<void> {
    return new Promise((resolve) => {
      const now = Date.now();
      let next = deadline;
      for (const m of q.messages) {
        const at = Math.max(m.delayedUntil, m.invisibleUntil);
        if (at > now && at < next) next = at;
      }
      const finish = (): void => {
        clearTimeout(timer);
        q.waiters.delete(finish);
        resolve();
      };
      const timer = setTimeout(finish, Math.max(0, next - now) + 1);
      q.waiters.add(finish);
    });
  }

  async function receiveWait(q: Queue, max: number, visibilityMs: number, deadline: number): Promise<StoredMessage[]> {
    for (;;) {
      const got = receiveNow(q, max, visibilityMs);
      if (got.length > 0 || closed || Date.now() >= deadline) return got;
      await waitForChange(q, deadline);
    }
  }

  function deleteById(q: Queue, messageId: string): void {
    const i = q.messages.findIndex((m) => m.messageId === messageId);
    if (i >= 0) q.messages.splice(i, 1);
  }

  function stats(q: Queue): QueueStats {
    const now = Date.now();
    let visible = 0;
    let inFlight = 0;
    let delayed = 0;
    for (const m of q.messages) {
      if (m.delayedUntil > now) delayed++;
      else if (m.invisibleUntil > now) inFlight++;
      else visible++;
    }
    return { visible, inFlight, delayed };
  }

  // -------------------------------------------------------------------------------------------
  // Wire shapes

  function systemAttributes(m: StoredMessage): Record<string, string> {
    return {
      SenderId: m.senderId,
      SentTimestamp: String(m.sentTimestamp),
      ApproximateReceiveCount: String(m.receiveCount),
      ApproximateFirstReceiveTimestamp: String(m.firstReceiveTimestamp ?? m.sentTimestamp),
      ...(m.awsTraceHeader !== undefined ? { AWSTraceHeader: m.awsTraceHeader } : {}),
      ...(m.deadLetterQueueSourceArn !== undefined ? { DeadLetterQueueSourceArn: m.deadLetterQueueSourceArn } : {}),
    };
  }

  function selectNames<T>(all: Record<string, T>, requested: string[], wildcardSuffix: boolean): Record<string, T> {
    if (requested.includes('All') || (wildcardSuffix && requested.includes('.*'))) return all;
    const out: Record<string, T> = {};
    for (const [k, v] of Object.entries(all)) {
      const wanted = requested.some((r) => r === k || (wildcardSuffix && r.endsWith('.*') && k.startsWith(r.slice(0, -1))));
      if (wanted) out[k] = v;
    }
    return out;
  }

  function apiMessage(m: StoredMessage, attributeNames: string[], messageAttributeNames: string[]): Record<string, unknown> {
    const attrs = selectNames(systemAttributes(m), attributeNames, false);
    const userAttrs = selectNames(m.messageAttributes, messageAttributeNames, true);
    const hasUser = Object.keys(userAttrs).length > 0;
    return {
      MessageId: m.messageId,
      ReceiptHandle: m.receiptHandle,
      MD5OfBody: m.md5OfBody,
      Body: m.body,
      ...(Object.keys(attrs).length > 0 ? { Attributes: attrs } : {}),
      ...(hasUser ? { MD5OfMessageAttributes: md5OfMessageAttributes(userAttrs), MessageAttributes: userAttrs } : {}),
    };
  }

  function lambdaRecord(q: Queue, m: StoredMessage): Record<string, unknown> {
    const messageAttributes: Record<string, unknown> = {};
    for (const [k, a] of Object.entries(m.messageAttributes)) {
      messageAttributes[k] = {
        ...(a.StringValue !== undefined ? { stringValue: a.StringValue } : {}),
        ...(a.BinaryValue !== undefined ? { binaryValue: a.BinaryValue } : {}),
        stringListValues: [],
        binaryListValues: [],
        dataType: a.DataType,
      };
    }
    const s = systemAttributes(m);
    return {
      messageId: m.messageId,
      receiptHandle: m.receiptHandle,
      body: m.body,
      attributes: {
        ApproximateReceiveCount: s.ApproximateReceiveCount,
        SentTimestamp: s.SentTimestamp,
        SenderId: s.SenderId,
        ApproximateFirstReceiveTimestamp: s.ApproximateFirstReceiveTimestamp,
        ...(s.AWSTraceHeader !== undefined ? { AWSTraceHeader: s.AWSTraceHeader } : {}),
        ...(s.DeadLetterQueueSourceArn !== undefined ? { DeadLetterQueueSourceArn: s.DeadLetterQueueSourceArn } : {}),
      },
      messageAttributes,
      md5OfBody: m.md5OfBody,
      ...(m.md5OfMessageAttributes !== undefined ? { md5OfMessageAttributes: m.md5OfMessageAttributes } : {}),
      eventSource: 'aws:sqs',
      eventSourceARN: q.arn,
      awsRegion: REGION,
    };
  }

  const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

  function sendResult(m: StoredMessage, v: ValidMessage): Record<string, unknown> {
    return {
      MD5OfMessageBody: m.md5OfBody,
      ...(m.md5OfMessageAttributes !== undefined ? { MD5OfMessageAttributes: m.md5OfMessageAttributes } : {}),
      ...(Object.keys(v.systemAttributes).length > 0 ? { MD5OfMessageSystemAttributes: md5OfMessageAttributes(v.systemAttributes) } : {}),
      MessageId: m.messageId,
    };
  }

  const failedEntry = (id: string, err: unknown): Record<string, unknown> => {
    const e = err instanceof SqsFault ? err.err : { code: 'InternalError', message: String(err) };
    return { Id: id, SenderFault: err instanceof SqsFault, Code: e.code, Message: e.message };
  };

  const QUEUE_ATTRIBUTES = [
    'ApproximateNumberOfMessages',
    'ApproximateNumberOfMessagesNotVisible',
    'ApproximateNumberOfMessagesDelayed',
    'CreatedTimestamp',
    'DelaySeconds',
    'LastModifiedTimestamp',
    'MaximumMessageSize',
    'MessageRetentionPeriod',
    'QueueArn',
    'ReceiveMessageWaitTimeSeconds',
    'RedrivePolicy',
    'SqsManagedSseEnabled',
    'VisibilityTimeout',
  ];

  function queueAttributes(q: Queue, names: string[]): Record<string, string> {
    for (const n of names) if (n !== 'All' && !QUEUE_ATTRIBUTES.includes(n) && !/^(Policy|KmsMasterKeyId|KmsDataKeyReusePeriodSeconds|FifoQueue|ContentBasedDeduplication|DeduplicationScope|FifoThroughputLimit|RedriveAllowPolicy)$/.test(n)) throw fault('InvalidAttributeName', `Unknown Attribute ${n}.`);
    const s = stats(q);
    const all: Record<string, string> = {
      QueueArn: q.arn,
      ApproximateNumberOfMessages: String(s.visible),
      ApproximateNumberOfMessagesNotVisible: String(s.inFlight),
      ApproximateNumberOfMessagesDelayed: String(s.delayed),
      CreatedTimestamp: String(Math.floor(q.createdAt / 1000)),
      LastModifiedTimestamp: String(Math.floor(q.createdAt / 1000)),
      VisibilityTimeout: String(Math.round(q.visibilityTimeoutMs / 1000)),
      MaximumMessageSize: String(MAX_MESSAGE_BYTES),
      MessageRetentionPeriod: '345600',
      DelaySeconds: String(Math.round(q.delayMs / 1000)),
      ReceiveMessageWaitTimeSeconds: '0',
      SqsManagedSseEnabled: 'true',
      ...(q.redrive !== undefined
        ? { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: arn('sqs', q.redrive.deadLetterQueue), maxReceiveCount: q.redrive.maxReceiveCount }) }
        : {}),
    };
    if (names.includes('All')) return all;
    const out: Record<string, string> = {};
    for (const n of names) if (all[n] !== undefined) out[n] = all[n];
    return out;
  }

  // -------------------------------------------------------------------------------------------
  // Operations

  async function operation(op: string, input: Record<string, unknown>, req: AwsRequest): Promise<unknown> {
    switch (op) {
      case 'GetQueueUrl': {
        const name = input.QueueName;
        if (typeof name !== 'string' || name === '') throw missingParam('QueueName');
        if (input.QueueOwnerAWSAccountId !== undefined && input.QueueOwnerAWSAccountId !== ACCOUNT_ID) throw noQueue();
        const q = queues.get(name);
        if (q === undefined) throw noQueue();
        return { QueueUrl: urlFor(q.name, req) };
      }
      case 'SendMessage': {
        const q = mustFind(input.QueueUrl);
        const v = validateSend(input);
        return sendResult(enqueue(q, v, senderIdFor(req)), v);
      }
      case 'SendMessageBatch': {
        const q = mustFind(input.QueueUrl);
        const entries = checkBatch(input.Entries) as (SendInput & { Id: string })[];
        const total = entries.reduce((n, e) => n + (typeof e.MessageBody === 'string' ? Buffer.byteLength(e.MessageBody) : 0), 0);
        if (total > MAX_MESSAGE_BYTES)
          throw fault('BatchRequestTooLong', `Batch requests cannot be longer than ${MAX_MESSAGE_BYTES} bytes. You have sent ${total} bytes.`, 'AWS.SimpleQueueService.BatchRequestTooLong');
        const sender = senderIdFor(req);
        const Successful: unknown[] = [];
        const Failed: unknown[] = [];
        for (const e of entries) {
          try {
            const v = validateSend(e);
            Successful.push({ Id: e.Id, ...sendResult(enqueue(q, v, sender), v) });
          } catch (err) {
            Failed.push(failedEntry(e.Id, err));
          }
        }
        return { Successful, Failed };
      }
      case 'ReceiveMessage': {
        const q = mustFind(input.QueueUrl);
        const max = intParam(input, 'MaxNumberOfMessages', 1, 10, 'Must be between 1 and 10, if provided.') ?? 1;
        const wait = intParam(input, 'WaitTimeSeconds', 0, MAX_WAIT_SECONDS, `Must be >= 0 and <= ${MAX_WAIT_SECONDS}, if provided.`) ?? 0;
        const vis = intParam(input, 'VisibilityTimeout', 0, MAX_VISIBILITY_SECONDS, `Must be >= 0 and <= ${MAX_VISIBILITY_SECONDS}, if provided.`);
        const names = [...strings(input.AttributeNames), ...strings(input.MessageSystemAttributeNames)];
        const got = await receiveWait(q, max, vis !== undefined ? vis * 1000 : q.visibilityTimeoutMs, Date.now() + wait * 1000);
        if (got.length === 0) return {};
        return { Messages: got.map((m) => apiMessage(m, names, strings(input.MessageAttributeNames))) };
      }
      case 'DeleteMessage': {
        const q = mustFind(input.QueueUrl);
        deleteById(q, mustParseHandle(q, input.ReceiptHandle));
        return {};
      }
      case 'DeleteMessageBatch': {
        const q = mustFind(input.QueueUrl);
        const entries = checkBatch(input.Entries) as { Id: string; ReceiptHandle?: unknown }[];
        const Successful: unknown[] = [];
        const Failed: unknown[] = [];
        for (const e of entries) {
          try {
            deleteById(q, mustParseHandle(q, e.ReceiptHandle));
            Successful.push({ Id: e.Id });
          } catch (err) {
            Failed.push(failedEntry(e.Id, err));
          }
        }
        return { Successful, Failed };
      }
      case 'ChangeMessageVisibility': {
        const q = mustFind(input.QueueUrl);
        changeVisibility(q, input.ReceiptHandle, input.VisibilityTimeout);
        return {};
      }
      case 'ChangeMessageVisibilityBatch': {
        const q = mustFind(input.QueueUrl);
        const entries = checkBatch(input.Entries) as { Id: string; ReceiptHandle?: unknown; VisibilityTimeout?: unknown }[];
        const Successful: unknown[] = [];
        const Failed: unknown[] = [];
        for (const e of entries) {
          try {
            changeVisibility(q, e.ReceiptHandle, e.VisibilityTimeout);
            Successful.push({ Id: e.Id });
          } catch (err) {
            Failed.push(failedEntry(e.Id, err));
          }
        }
        return { Successful, Failed };
      }
      case 'GetQueueAttributes': {
        const q = mustFind(input.QueueUrl);
        const names = strings(input.AttributeNames);
        const attrs = queueAttributes(q, names);
        return Object.keys(attrs).length > 0 ? { Attributes: attrs } : {};
      }
      case 'PurgeQueue': {
        const q = mustFind(input.QueueUrl);
        q.messages.length = 0;
        return {};
      }
      case 'ListQueues': {
        const prefix = typeof input.QueueNamePrefix === 'string' ? input.QueueNamePrefix : '';
        const urls = [...queues.values()].filter((q) => q.name.startsWith(prefix)).map((q) => urlFor(q.name, req));
        return urls.length > 0 ? { QueueUrls: urls } : {};
      }
      default:
        throw new UnknownOperation(op);
    }
  }

  function changeVisibility(q: Queue, handle: unknown, timeout: unknown): void {
    const id = mustParseHandle(q, handle);
    if (typeof timeout !== 'number' || !Number.isInteger(timeout) || timeout < 0 || timeout > MAX_VISIBILITY_SECONDS)
      throw invalidParam(`Value ${String(timeout)} for parameter VisibilityTimeout is invalid. Reason: Must be between 0 and ${MAX_VISIBILITY_SECONDS}.`);
    const m = q.messages.find((x) => x.messageId === id);
    const now = Date.now();
    if (m === undefined || m.invisibleUntil <= now || m.delayedUntil > now)
      throw fault('MessageNotInflight', 'Message does not exist or is not available for visibility timeout change.', 'AWS.SimpleQueueService.MessageNotInflight');
    m.invisibleUntil = now + timeout * 1000;
    if (timeout === 0) wake(q);
  }

  class UnknownOperation extends Error {}

  // -------------------------------------------------------------------------------------------
  // The Lambda event source mapping

  const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

  async function invokeBatch(q: Queue, fn: string, batch: StoredMessage[], reportFailures: boolean): Promise<void> {
    const event = { Records: batch.map((m) => lambdaRecord(q, m)) };
    // retry a throttled invocation while the batch is still ours (before its visibility timeout)
    const until = Date.now() + q.visibilityTimeoutMs;
    let pause = THROTTLE_RETRY_MS;
    let out: InvokeOutcome;
    for (;;) {
      out = await opts.invoker.invoke(fn, event);
      if (out.status !== 'throttled' || closed || Date.now() + pause >= until) break;
      await sleep(pause);
      pause = Math.min(pause * 2, 1000);
    }
    if (out.status !== 'success') return; // the batch reappears after the visibility timeout
    let failed = new Set<string>();
    if (reportFailures) {
      const r = batchItemFailures(out.payload, new Set(batch.map((m) => m.messageId)));
      if (r === 'all') return;
      failed = r;
    }
    // (a message received again under a newer handle meanwhile is deleted all the same, as SQS does)
    for (const m of batch) if (!failed.has(m.messageId)) deleteById(q, m.messageId);
  }

  async function poll(q: Queue, fn: string, o: Required<EventSourceOptions>): Promise<void> {
    while (!closed) {
      try {
        const batch = await receiveWait(q, o.batchSize, q.visibilityTimeoutMs, Date.now() + MAX_WAIT_SECONDS * 1000);
        if (batch.length === 0) continue;
        const windowEnd = Date.now() + o.maximumBatchingWindowMs;
        while (batch.length < o.batchSize && !closed && Date.now() < windowEnd) {
          batch.push(...(await receiveWait(q, o.batchSize - batch.length, q.visibilityTimeoutMs, windowEnd)));
        }
        await invokeBatch(q, fn, batch, o.reportBatchItemFailures);
      } catch (err) {
        onError(err);
        await sleep(200);
      }
    }
  }

  // -------------------------------------------------------------------------------------------

  const service: SqsService = {
    name: 'sqs',

    setEndpointUrl(url) {
      endpointUrl = url.replace(/\/+$/, '');
    },

    createQueue(name, o = {}) {
      if (!/^[A-Za-z0-9_-]{1,80}$/.test(name)) throw new Error(`invalid queue name "${name}" (standard queues only: 1-80 of A-Z a-z 0-9 - _)`);
      const existing = queues.get(name);
      if (existing !== undefined) return queueRef(existing);
      if (o.redrive !== undefined) {
        if (!queues.has(o.redrive.deadLetterQueue)) throw new Error(`dead-letter queue "${o.redrive.deadLetterQueue}" does not exist`);
        if (!(o.redrive.maxReceiveCount >= 1)) throw new Error('maxReceiveCount must be at least 1');
      }
      const q: Queue = {
        name,
        arn: arn('sqs', name),
        visibilityTimeoutMs: (o.visibilityTimeoutSeconds ?? 30) * 1000,
        delayMs: (o.delaySeconds ?? 0) * 1000,
        ...(o.redrive !== undefined ? { redrive: { ...o.redrive } } : {}),
        messages: [],
        waiters: new Set(),
        createdAt: Date.now(),
      };
      queues.set(name, q);
      return queueRef(q);
    },

    queueUrl(name) {
      if (!queues.has(name)) throw new Error(`no queue "${name}"`);
      return urlFor(name);
    },

    queueArn(name) {
      const q = queues.get(name);
      if (q === undefined) throw new Error(`no queue "${name}"`);
      return q.arn;
    },

    hasQueue: (ref) => find(ref) !== undefined,

    deliver(ref, msg) {
      const q = find(ref);
      if (q === undefined) throw new Error(`no queue "${ref}"`);
      const v = validateSend({
        MessageBody: msg.body,
        MessageAttributes: msg.messageAttributes,
        ...(msg.awsTraceHeader !== undefined ? { MessageSystemAttributes: { AWSTraceHeader: { DataType: 'String', StringValue: msg.awsTraceHeader } } } : {}),
      });
      return { messageId: enqueue(q, v, msg.senderId ?? ACCOUNT_ID).messageId };
    },

    addEventSource(queueName, functionName, o = {}) {
      const q = queues.get(queueName);
      if (q === undefined) throw new Error(`no queue "${queueName}"`);
      const full: Required<EventSourceOptions> = {
        batchSize: o.batchSize ?? 10,
        maximumBatchingWindowMs: o.maximumBatchingWindowMs ?? 500,
        reportBatchItemFailures: o.reportBatchItemFailures ?? false,
        maxConcurrency: o.maxConcurrency ?? 2,
      };
      if (full.batchSize < 1 || full.batchSize > 10_000) throw new Error('batchSize must be 1..10000');
      for (let i = 0; i < Math.max(1, full.maxConcurrency); i++) pollers.push(poll(q, functionName, full));
    },

    stats(queueName) {
      const q = queues.get(queueName);
      if (q === undefined) throw new Error(`no queue "${queueName}"`);
      return stats(q);
    },

    async handle(req) {
      const target = req.headers['x-amz-target'] ?? '';
      const op = target.startsWith('AmazonSQS.') ? target.slice('AmazonSQS.'.length) : '';
      let input: Record<string, unknown>;
      try {
        const parsed: unknown = req.body.length > 0 ? JSON.parse(req.body.toString('utf8')) : {};
        input = parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
      } catch {
        return awsJsonError('com.amazon.coral.service#SerializationException', 'Start of structure or map found where not expected.', '1.0');
      }
      try {
        return awsJson(await operation(op, input, req), '1.0');
      } catch (err) {
        if (err instanceof SqsFault) return sqsErrorResponse(err.err);
        if (err instanceof UnknownOperation) return awsJsonError('com.amazon.coral.service#UnknownOperationException', `Unknown operation ${target}`, '1.0');
        throw err;
      }
    },

    async close() {
      closed = true;
      for (const q of queues.values()) wake(q);
      await Promise.allSettled(pollers);
    },
  };
  return service;
}

/**
 * The ids a partial batch response reports failed; 'all' when the response is invalid (Lambda then
 * treats the whole batch as failed): an itemIdentifier that is missing, empty or not in the batch.
 */
export function batchItemFailures(payload: unknown, batchIds: Set<string>): Set<string> | 'all' {
  if (payload === null || payload === undefined || payload === '') return new Set();
  if (typeof payload !== 'object' || Array.isArray(payload)) return 'all';
  const list = (payload as { batchItemFailures?: unknown }).batchItemFailures;
  if (list === undefined || list === null) return new Set();
  if (!Array.isArray(list)) return 'all';
  const out = new Set<string>();
  for (const f of list) {
    const id = (f as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    if (typeof id !== 'string' || id === '' || !batchIds.has(id)) return 'all';
    out.add(id);
  }
  return out;
}
