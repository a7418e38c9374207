// Span -> node: the resource a client span reached, and the trigger node of an invocation root span.
import type { SpanItem, TxEdgeVia, TxNodeType } from '@nightjar/model';

export interface NodeRef {
  id: string;
  type: TxNodeType;
  name: string;
}

export interface Target extends NodeRef {
  /** How the caller reached it. */
  via: TxEdgeVia;
}

export function nodeRef(type: TxNodeType, name: string): NodeRef {
  return { id: `${type}:${name}`, type, name };
}

/** The last segment of an ARN or URL ("arn:...:shop-notifications", ".../123/shop-payments"). */
export function arnTail(v: string | undefined): string | undefined {
  if (v === undefined || v === '') return undefined;
  const trimmed = v.replace(/[/:]+$/, '');
  const cut = Math.max(trimmed.lastIndexOf(':'), trimmed.lastIndexOf('/'));
  const tail = trimmed.slice(cut + 1);
  return tail.length > 0 ? tail : undefined;
}

/** "arn:aws:lambda:r:acct:function:name[:alias]" and "arn:aws:states:r:acct:stateMachine:name" -> name. */
function arnResource(v: string | undefined, type: string): string | undefined {
  if (v === undefined || v === '') return undefined;
  if (!v.startsWith('arn:')) return v;
  const parts = v.split(':');
  const i = parts.indexOf(type);
  if (i >= 0 && parts[i + 1]) return parts[i + 1];
  const slash = v.indexOf(`:${type}/`);
  if (slash >= 0) return v.slice(slash + type.length + 2).split('/')[0] || undefined;
  return arnTail(v);
}

/** aws.dynamodb.table_names is a JSON array in a string attribute; nightjar.aws.resource a comma list. */
export function tableNames(a: Record<string, string>): string[] {
  const raw = a['aws.dynamodb.table_names'];
  if (raw !== undefined && raw !== '') {
    try {
      const v: unknown = JSON.parse(raw);
      if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string' && x !== '').map((t) => arnResource(t, 'table') ?? t);
      if (typeof v === 'string') return [v];
    } catch {
      return raw.split(',').filter((t) => t !== '');
    }
  }
  const res = a['nightjar.aws.resource'] ?? a['faas.document.collection'];
  return res ? res.split(',').filter((t) => t !== '') : [];
}

function hostOf(a: Record<string, string>): string | undefined {
  let host = a['server.address'];
  let port = a['server.port'];
  const url = a['url.full'] ?? a['http.url'];
  if (host === undefined && url !== undefined) {
    try {
      const u = new URL(url);
      host = u.hostname;
      port = u.port || undefined;
    } catch {
      return undefined;
    }
  }
  if (host === undefined || host === '') return undefined;
  return port !== undefined && port !== '' && port !== '80' && port !== '443' ? `${host}:${port}` : host;
}

function awsService(a: Record<string, string>): string | undefined {
  if (a['rpc.system'] !== 'aws-api' && a['rpc.service'] === undefined) return undefined;
  return (a['rpc.service'] ?? '').toLowerCase();
}

/** Where a client (or producer) span went: resource nodes for AWS calls, lambda for Invoke, http hosts. Empty for other spans. */
export function classifyClient(s: SpanItem): Target[] {
  if (s.kind !== 'client' && s.kind !== 'producer') return [];
  const a = s.attributes;
  const svc = awsService(a);
  const dest = a['messaging.destination.name'];
  const res = a['nightjar.aws.resource'];
  const t = (type: TxNodeType, name: string | undefined, via: TxEdgeVia): Target[] => (name ? [{ ...nodeRef(type, name), via }] : []);
  if (svc !== undefined && a['rpc.system'] === 'aws-api') {
    switch (svc) {
      case 'sqs':
        return t('sqs', dest || arnTail(a['aws.sqs.queue.url']) || arnTail(res), 'sqs');
      case 'sns':
        return t('sns', dest || arnTail(a['aws.sns.topic.arn']) || arnTail(res), 'sns');
      case 'eventbridge':
      case 'events':
      case 'cloudwatchevents':
        return (dest || res || 'default').split(',').flatMap((b) => t('eventbridge', arnTail(b), 'eventbridge'));
      case 'kinesis':
        return t('kinesis', dest || a['aws.kinesis.stream_name'] || arnResource(res, 'stream'), 'kinesis');
      case 'dynamodb':
        return tableNames(a).flatMap((name) => t('dynamodb', name, 'dynamodb'));
      case 's3':
        return t('s3', a['aws.s3.bucket'] || res, 's3');
      case 'lambda':
        if ((a['rpc.method'] ?? 'Invoke').startsWith('Invoke')) return t('lambda', arnResource(a['faas.invoked_name'] || res, 'function'), 'invoke');
        break;
      case 'sfn':
      case 'states':
      case 'stepfunctions':
        return t('stepfunctions', arnResource(res, 'stateMachine') ?? arnResource(res, 'execution'), 'stepfunctions');
    }
    const host = hostOf(a);
    return t('http', host ?? `${svc}.amazonaws.com`, 'call');
  }
  const host = hostOf(a);
  if (host !== undefined) return t('http', host, a['rpc.system'] !== undefined ? 'call' : 'http');
  return [];
}

export type EntryKind = 'http' | 'schedule' | 's3' | 'message' | 'invoke' | 'unknown';

export interface Trigger extends NodeRef {
  /** Edge kind from the trigger node to the function. */
  via: TxEdgeVia;
  entryKind: EntryKind;
  /** The entry's name: "POST /orders", the rule, "s3://bucket/key", the queue... */
  entryName: string;
  /** The name is a guess (an EventBridge bus, a state machine): a producer's resource replaces it. */
  guessed?: boolean;
}

const guess = (t: Trigger | null): Trigger | null => (t === null ? null : { ...t, guessed: true });

const HTTP_SOURCES = new Set(['api-gateway-rest', 'api-gateway-http', 'alb', 'function-url']);
const MESSAGING_SOURCES: Record<string, string> = { aws_sqs: 'sqs', AmazonSQS: 'sqs', aws_sns: 'sns', AmazonSNS: 'sns', aws_kinesis: 'kinesis' };

/** The node that triggered an invocation, from its root span's attributes alone (no producer needed). */
export function classifyTrigger(root: SpanItem): Trigger | null {
  const a = root.attributes;
  // Nightjar's tracer names the source; other OpenTelemetry instrumentations name the messaging system.
  const source = a['nightjar.trigger.source'] ?? MESSAGING_SOURCES[a['messaging.system'] ?? ''] ?? '';
  const dest = a['messaging.destination.name'];
  const mk = (type: TxNodeType, name: string | undefined, via: TxEdgeVia, entryKind: EntryKind, entryName?: string): Trigger | null =>
    name ? { ...nodeRef(type, name), via, entryKind, entryName: entryName ?? name } : null;
  if (HTTP_SOURCES.has(source) || (a['faas.trigger'] === 'http' && source === '')) {
    const method = a['http.request.method'] ?? 'GET';
    const route = a['http.route'] ?? a['url.path'] ?? '/';
    const name = `${method} ${route}`;
    return mk('api', name, 'trigger', 'http');
  }
  switch (source) {
    case 'schedule':
      return mk('schedule', a['aws.eventbridge.rule'] || 'schedule', 'trigger', 'schedule');
    case 'sqs':
      return mk('sqs', dest, 'sqs', 'message');
    case 'sns':
      return mk('sns', dest, 'sns', 'message');
    case 'kinesis':
      return mk('kinesis', dest || a['aws.kinesis.stream_name'], 'kinesis', 'message');
    case 'dynamodb':
      return mk('dynamodb', tableNames(a)[0], 'dynamodb', 'message');
    case 's3': {
      const bucket = a['aws.s3.bucket'] ?? a['faas.document.collection'];
      const key = a['aws.s3.key'] ?? a['faas.document.name'];
      return mk('s3', bucket, 's3', 's3', bucket ? `s3://${bucket}/${key ?? ''}` : undefined);
    }
    case 'eventbridge':
      return guess(mk('eventbridge', 'default', 'eventbridge', 'message', a['aws.eventbridge.detail_type'] ?? 'default'));
    case 'step-functions':
      return guess(mk('stepfunctions', 'state machine', 'stepfunctions', 'message'));
  }
  return null;
}

/** The service of a stitching key ("sqs:<id>" -> sqs), as an edge kind; null for lambda: keys (direct invokes). */
export function viaOfKey(key: string): TxEdgeVia | null {
  const svc = key.slice(0, key.indexOf(':'));
  switch (svc) {
    case 'sqs':
    case 'sns':
    case 'kinesis':
    case 's3':
      return svc;
    case 'events':
      return 'eventbridge';
    case 'ddb':
      return 'dynamodb';
    case 'sfn':
    case 'states':
      return 'stepfunctions';
    default:
      return null;
  }
}
