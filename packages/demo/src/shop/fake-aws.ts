// Test support: a minimal stand-in for the local AWS endpoint, in the real wire formats: DynamoDB
// Put/Get/UpdateItem and Scan, SQS SendMessage, EventBridge PutEvents, SNS Publish, S3 Put/GetObject,
// Lambda Invoke, Kinesis PutRecord (cleartext HTTP/2), and Nightjar's ingest paths. Records every call.
import { createHash, randomUUID } from 'node:crypto';
import http from 'node:http';
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';

export interface AwsCall {
  /** "DynamoDB.PutItem", "SQS.SendMessage", "SNS.Publish", "Lambda.Invoke:<name>", "Nightjar:/v1/traces"... */
  op: string;
  /** Parsed JSON input, SNS form parameters as an object, the payload for Lambda, the raw body for Nightjar. */
  input: Record<string, unknown>;
}

export interface FakeAws {
  url: string;
  h2Url: string;
  calls: AwsCall[];
  /** DynamoDB items by table, then hash key value (an item's first attribute is taken as its hash key). */
  tables: Map<string, Map<string, Record<string, unknown>>>;
  /** S3 objects by "bucket/key". */
  objects: Map<string, { body: Buffer; metadata: Record<string, string> }>;
  close(): Promise<void>;
}

type Answer = { status: number; type: string; body: string | Buffer; headers?: Record<string, string> };
export type InvokeFn = (functionName: string, payload: unknown) => Promise<{ payload: string; functionError?: string }>;

const md5 = (s: string): string => createHash('md5').update(s, 'utf8').digest('hex');
const json10 = (body: unknown): Answer => ({ status: 200, type: 'application/x-amz-json-1.0', body: JSON.stringify(body) });
const json11 = (body: unknown): Answer => ({ status: 200, type: 'application/x-amz-json-1.1', body: JSON.stringify(body) });

function hashKey(key: Record<string, unknown>): string {
  return JSON.stringify(Object.values(key)[0]);
}

export async function startFakeAws(invoke: InvokeFn): Promise<FakeAws> {
  const calls: AwsCall[] = [];
  const tables = new Map<string, Map<string, Record<string, unknown>>>();
  const table = (name: unknown): Map<string, Record<string, unknown>> => {
    const t = tables.get(String(name)) ?? new Map<string, Record<string, unknown>>();
    tables.set(String(name), t);
    return t;
  };

  const objects = new Map<string, { body: Buffer; metadata: Record<string, string> }>();

  function s3(method: string, path: string, headers: Record<string, string | string[] | undefined>, raw: Buffer): Answer {
    const key = decodeURIComponent(path.slice(1));
    const etag = `"${createHash('md5').update(raw).digest('hex')}"`;
    if (method === 'PUT') {
      const metadata = Object.fromEntries(Object.entries(headers).filter(([h]) => h.startsWith('x-amz-meta-')).map(([h, v]) => [h.slice(11), String(v)]));
      objects.set(key, { body: raw, metadata });
      calls.push({ op: 'S3.PutObject', input: { key, bytes: raw.length, metadata, contentType: headers['content-type'] } });
      return { status: 200, type: 'application/xml', body: '', headers: { etag, 'x-amz-request-id': randomUUID().slice(0, 16) } };
    }
    calls.push({ op: 'S3.GetObject', input: { key } });
    const object = objects.get(key);
    if (object === undefined) return { status: 404, type: 'application/xml', body: '<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>' };
    return { status: 200, type: 'application/octet-stream', body: object.body, headers: { etag, 'x-amz-request-id': randomUUID().slice(0, 16) } };
  }

  function scan(input: Record<string, unknown>): Answer {
    const items = [...table(input.TableName).entries()];
    const after = input.ExclusiveStartKey === undefined ? -1 : items.findIndex(([k]) => k === hashKey(input.ExclusiveStartKey as Record<string, unknown>));
    const limit = typeof input.Limit === 'number' ? input.Limit : items.length;
    const page = items.slice(after + 1, after + 1 + limit);
    const last = page.at(-1);
    const more = after + 1 + limit < items.length && last !== undefined;
    return json10({ Items: page.map(([, v]) => v), Count: page.length, ScannedCount: page.length, ...(more ? { LastEvaluatedKey: { [Object.keys(last[1])[0] ?? 'id']: Object.values(last[1])[0] } } : {}) });
  }

  async function answer(method: string, url: string, headers: Record<string, string | string[] | undefined>, bytes: Buffer): Promise<Answer> {
    const path = new URL(url, 'http://aws').pathname;
    if (/\/s3\/aws4_request/.test(String(headers.authorization ?? ''))) return s3(method, path, headers, bytes);
    const raw = bytes.toString(path.startsWith('/v1/') ? 'latin1' : 'utf8');
    if (path.startsWith('/v1/') || path.startsWith('/ingest/')) {
      calls.push({ op: `Nightjar:${path}`, input: { body: raw } });
      return { status: 200, type: 'application/json', body: '{}' };
    }
    const fn = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/.exec(path);
    if (method === 'POST' && fn !== null) {
      const name = decodeURIComponent(fn[1] ?? '');
      const payload: unknown = raw === '' ? {} : JSON.parse(raw);
      calls.push({ op: `Lambda.Invoke:${name}`, input: { payload } });
      const out = await invoke(name, payload);
      return { status: 200, type: 'application/json', body: out.payload, headers: { 'x-amz-executed-version': '$LATEST', ...(out.functionError === undefined ? {} : { 'x-amz-function-error': out.functionError }) } };
    }
    const target = String(headers['x-amz-target'] ?? '');
    if (target === '') {
      const params = Object.fromEntries(new URLSearchParams(raw));
      calls.push({ op: `SNS.${params.Action ?? '?'}`, input: params });
      const rid = randomUUID();
      return { status: 200, type: 'text/xml', body: `<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>${randomUUID()}</MessageId></PublishResult><ResponseMetadata><RequestId>${rid}</RequestId></ResponseMetadata></PublishResponse>` };
    }
    const input = JSON.parse(raw || '{}') as Record<string, unknown>;
    const [service = '', operation = ''] = target.split('.');
    const op = `${{ DynamoDB_20120810: 'DynamoDB', AmazonSQS: 'SQS', AWSEvents: 'EventBridge', Kinesis_20131202: 'Kinesis' }[service] ?? service}.${operation}`;
    calls.push({ op, input });
    switch (op) {
      case 'DynamoDB.PutItem': {
        const item = input.Item as Record<string, unknown>;
        table(input.TableName).set(JSON.stringify(Object.values(item)[0]), item);
        return json10({});
      }
      case 'DynamoDB.GetItem': {
        const item = table(input.TableName).get(hashKey(input.Key as Record<string, unknown>));
        return json10(item === undefined ? {} : { Item: item });
      }
      case 'DynamoDB.UpdateItem':
        return json10({});
      case 'DynamoDB.Scan':
        return scan(input);
      case 'SQS.SendMessage':
        return json10({ MessageId: randomUUID(), MD5OfMessageBody: md5(String(input.MessageBody ?? '')) });
      case 'EventBridge.PutEvents':
        return json11({ FailedEntryCount: 0, Entries: (input.Entries as unknown[]).map(() => ({ EventId: randomUUID() })) });
      case 'Kinesis.PutRecord':
        return json11({ ShardId: 'shardId-000000000000', SequenceNumber: String(49590338271490256608559692538361571095921575989136588898n + BigInt(calls.length)) });
      default:
        return { status: 400, type: 'application/x-amz-json-1.0', body: JSON.stringify({ __type: 'UnknownOperationException', message: `${op} is not faked` }) };
    }
  }

  const serve = (method: string, url: string, headers: Record<string, string | string[] | undefined>, body: Buffer, send: (a: Answer) => void): void => {
    answer(method, url, headers, body).then(send, (err: unknown) => send({ status: 500, type: 'application/json', body: JSON.stringify({ __type: 'InternalFailure', message: String(err) }) }));
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => serve(req.method ?? 'GET', req.url ?? '/', req.headers, Buffer.concat(chunks), (a) => {
        res.writeHead(a.status, { 'content-type': a.type, 'x-amzn-requestid': randomUUID(), ...a.headers }).end(a.body);
    }));
  });
  const sessions = new Set<http2.ServerHttp2Session>();
  const h2 = http2.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => serve(req.method, req.url, req.headers, Buffer.concat(chunks), (a) => {
      res.writeHead(a.status, { 'content-type': a.type, 'x-amzn-requestid': randomUUID(), ...a.headers });
      res.end(a.body);
    }));
  });
  h2.on('session', (s) => {
    sessions.add(s);
    s.on('close', () => sessions.delete(s));
  });
  await Promise.all([new Promise<void>((r) => server.listen(0, '127.0.0.1', r)), new Promise<void>((r) => h2.listen(0, '127.0.0.1', r))]);
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    h2Url: `http://127.0.0.1:${(h2.address() as AddressInfo).port}`,
    calls,
    tables,
    objects,
    close: async () => {
      for (const s of sessions) s.destroy();
      server.closeAllConnections();
      await Promise.all([new Promise<void>((r) => server.close(() => r())), new Promise<void>((r) => h2.close(() => r()))]);
    },
  };
}
