// Local S3 (REST XML): buckets and objects in memory, path-style `/<bucket>/<key>` (the SDK's
// choice for an IP endpoint, with or without forcePathStyle) and virtual-host style
// `Host: <bucket>.localhost` / `<bucket>.s3.<...>`. Bodies sent aws-chunked (streaming uploads,
// checksum trailers) are decoded, checksums and Content-MD5 verified. Every answer carries
// x-amz-request-id and x-amz-id-2; writes matching a bucket's notification configurations invoke
// the function asynchronously with the S3 event, whose x-amz-request-id is the write's.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { crc32 } from 'node:zlib';
import type { AsyncInvoker } from './async-invoke.ts';
import { md5Hex, s3RequestId, xmlEscape } from './protocol.ts';
import type { AwsRequest, AwsResponse, AwsService } from './types.ts';
import { REGION } from './types.ts';

export interface NotificationOptions {
  functionName: string;
  /** e.g. 's3:ObjectCreated:*', 's3:ObjectCreated:Put', 's3:ObjectRemoved:*'. */
  events: string[];
  prefix?: string;
  suffix?: string;
  /** The configuration's id (the event's configurationId); generated when absent. */
  id?: string;
}

export interface S3Options {
  asyncInvoker: AsyncInvoker;
}

export interface S3Service extends AwsService {
  createBucket(name: string): void;
  addNotification(bucket: string, config: NotificationOptions): void;
}

interface S3Object {
  key: string;
  body: Buffer;
  /** Quoted, as the ETag header. */
  etag: string;
  lastModified: Date;
  contentType: string;
  /** x-amz-meta-* headers, lower-case names. */
  metadata: Record<string, string>;
  /** cache-control, content-disposition, content-encoding, content-language, expires. */
  headers: Record<string, string>;
  checksum: { algorithm: string; value: string } | undefined;
}

interface Bucket {
  name: string;
  created: Date;
  objects: Map<string, S3Object>;
  notifications: (NotificationOptions & { id: string })[];
}

const XMLNS = 'http://s3.amazonaws.com/doc/2006-03-01/';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n';
const OWNER_ID = '75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a';
const OWNER_PRINCIPAL = 'A3NL1KOZZKEXAMPLE';
const REQUESTER_PRINCIPAL = 'AWS:AIDAJDPLRKLG7UEXAMPLE';
const CONTENT_HEADERS = ['cache-control', 'content-disposition', 'content-encoding', 'content-language', 'expires'];
/** Query parameters naming a sub-resource this local S3 does not implement. */
const UNSUPPORTED_SUBRESOURCES = [
  'acl', 'tagging', 'uploads', 'uploadId', 'partNumber', 'versioning', 'notification', 'policy', 'cors', 'lifecycle', 'versions', 'website', 'encryption',
  'restore', 'select', 'attributes', 'retention', 'legal-hold', 'object-lock', 'ownershipControls', 'publicAccessBlock', 'accelerate', 'analytics',
  'inventory', 'metrics', 'intelligent-tiering', 'logging', 'replication', 'requestPayment', 'torrent', 'policyStatus',
];
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

class S3Error extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

const noSuchBucket = (bucket: string): S3Error => new S3Error('NoSuchBucket', 'The specified bucket does not exist', 404, { BucketName: bucket });
const noSuchKey = (key: string): S3Error => new S3Error('NoSuchKey', 'The specified key does not exist.', 404, { Key: key });
const preconditionFailed = (condition: string): S3Error => new S3Error('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', 412, { Condition: condition });

/** An object key as S3 writes it in event notifications: form-encoded (spaces as '+'), '/' kept. */
export function notificationKey(key: string): string {
  return encodeURIComponent(key)
    .replace(/%20/g, '+')
    .replace(/%2F/g, '/')
    .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The bucket named by a virtual-host style Host header, if it is one. */
export function virtualHostBucket(host: string | undefined): string | undefined {
  if (host === undefined) return undefined;
  const name = host.startsWith('[') ? '' : host.replace(/:\d+$/, '').toLowerCase();
  if (name.length === 0 || /^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return undefined;
  const local = /^(.+)\.localhost$/.exec(name);
  if (local?.[1] !== undefined) return local[1];
  const aws = /^(.+)\.s3[.-]/.exec(name);
  return aws?.[1];
}

/**
 * The payload of an `aws-chunked` body (`<hex size>[;chunk-signature=...]\r\n<data>\r\n ... 0\r\n`
 * then optional trailer lines `name:value`), with its trailers.
 */
export function decodeAwsChunked(raw: Buffer): { body: Buffer; trailers: Record<string, string> } {
  const chunks: Buffer[] = [];
  const trailers: Record<string, string> = {};
  let pos = 0;
  const bad = (): never => {
    throw new S3Error('IncompleteBody', 'The request body terminated unexpectedly', 400);
  };
  for (;;) {
    const eol = raw.indexOf('\r\n', pos);
    if (eol < 0) return bad();
    const size = parseInt(raw.subarray(pos, eol).toString('latin1').split(';')[0] ?? '', 16);
    if (!Number.isFinite(size) || size < 0) return bad();
    pos = eol + 2;
    if (size === 0) break;
    if (pos + size > raw.length) return bad();
    chunks.push(raw.subarray(pos, pos + size));
    pos += size;
    if (raw.subarray(pos, pos + 2).toString('latin1') !== '\r\n') return bad();
    pos += 2;
  }
  while (pos < raw.length) {
    const eol = raw.indexOf('\r\n', pos);
    const line = raw.subarray(pos, eol < 0 ? raw.length : eol).toString('utf8');
    pos = eol < 0 ? raw.length : eol + 2;
    if (line.length === 0) break;
    const colon = line.indexOf(':');
    if (colon > 0) trailers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { body: Buffer.concat(chunks), trailers };
}

const CHECKSUMS: Record<string, ((b: Buffer) => string) | undefined> = {
  crc32: (b) => {
    const out = Buffer.alloc(4);
    out.writeUInt32BE(crc32(b) >>> 0);
    return out.toString('base64');
  },
  sha1: (b) => createHash('sha1').update(b).digest('base64'),
  sha256: (b) => createHash('sha256').update(b).digest('base64'),
  // CRC32C and CRC64NVME are kept as sent, unverified
  crc32c: undefined,
  crc64nvme: undefined,
};

/** The request body as stored: aws-chunked decoded; checksums and Content-MD5 verified. */
function payload(req: AwsRequest): { body: Buffer; checksum: S3Object['checksum']; contentEncoding: string | undefined } {
  const encodings = (req.headers['content-encoding'] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  const chunked = encodings.some((e) => e.toLowerCase() === 'aws-chunked') || (req.headers['x-amz-content-sha256'] ?? '').startsWith('STREAMING-');
  let body = req.body;
  let trailers: Record<string, string> = {};
  if (chunked) {
    ({ body, trailers } = decodeAwsChunked(req.body));
    const declared = req.headers['x-amz-decoded-content-length'];
    if (declared !== undefined && Number(declared) !== body.length) throw new S3Error('IncompleteBody', 'You did not provide the number of bytes specified by the Content-Length HTTP header', 400);
  }
  const md5 = req.headers['content-md5'];
  if (md5 !== undefined && createHash('md5').update(body).digest('base64') !== md5) {
    throw new S3Error('BadDigest', 'The Content-MD5 you specified did not match what we received.', 400);
  }
  let checksum: S3Object['checksum'];
  for (const algorithm of Object.keys(CHECKSUMS)) {
    const name = `x-amz-checksum-${algorithm}`;
    const value = trailers[name] ?? req.headers[name];
    if (value === undefined) continue;
    const compute = CHECKSUMS[algorithm];
    if (compute !== undefined && compute(body) !== value) {
      throw new S3Error('BadDigest', `The ${algorithm.toUpperCase()} you specified did not match the calculated checksum.`, 400);
    }
    checksum = { algorithm, value };
  }
  const rest = encodings.filter((e) => e.toLowerCase() !== 'aws-chunked');
  return { body, checksum, contentEncoding: rest.length > 0 ? rest.join(', ') : undefined };
}

const isoTime = (d: Date): string => d.toISOString();

/** Parses an HTTP Range header against a size: [start, end] inclusive, 'invalid' (ignored) or 'unsatisfiable'. */
function parseRange(header: string, size: number): [number, number] | 'ignore' | 'unsatisfiable' {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (m === null || (m[1] === '' && m[2] === '')) return 'ignore';
  if (m[1] === '') {
    const n = Number(m[2]);
    if (n === 0) return 'unsatisfiable';
    return [Math.max(size - n, 0), size - 1];
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (m[2] !== '' && Number(m[2]) < start) return 'ignore';
  if (start >= size) return 'unsatisfiable';
  return [start, end];
}

export function createS3(opts: S3Options): S3Service {
  const buckets = new Map<string, Bucket>();
  let sequencer = 0n;

  function nextSequencer(): string {
    sequencer = BigInt(Date.now()) * 4096n > sequencer ? BigInt(Date.now()) * 4096n : sequencer + 1n;
    return sequencer.toString(16).toUpperCase().padStart(18, '0');
  }

  function bucketOf(name: string): Bucket {
    const b = buckets.get(name);
    if (b === undefined) throw noSuchBucket(name);
    return b;
  }

  function createBucket(name: string): void {
    if (!BUCKET_NAME.test(name) || name.includes('..')) throw new S3Error('InvalidBucketName', 'The specified bucket is not valid.', 400, { BucketName: name });
    if (!buckets.has(name)) buckets.set(name, { name, created: new Date(), objects: new Map(), notifications: [] });
  }

  // ------------------------------------------------------------ notifications

  function notify(bucket: Bucket, eventName: string, key: string, obj: S3Object | undefined, requestId: string, id2: string): void {
    const eventTime = new Date().toISOString();
    let seq: string | undefined;
    for (const config of bucket.notifications) {
      const matches = config.events.some((e) => {
        const pattern = e.replace(/^s3:/, '');
        return pattern.endsWith(':*') ? eventName.startsWith(pattern.slice(0, -1)) : pattern === eventName;
      });
      if (!matches) continue;
      if (config.prefix !== undefined && !key.startsWith(config.prefix)) continue;
      if (config.suffix !== undefined && !key.endsWith(config.suffix)) continue;
      seq ??= nextSequencer();
      const record = {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: REGION,
        eventTime,
        eventName,
        userIdentity: { principalId: REQUESTER_PRINCIPAL },
        requestParameters: { sourceIPAddress: '127.0.0.1' },
        responseElements: { 'x-amz-request-id': requestId, 'x-amz-id-2': id2 },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: config.id,
          bucket: { name: bucket.name, ownerIdentity: { principalId: OWNER_PRINCIPAL }, arn: `arn:aws:s3:::${bucket.name}` },
          object:
            obj === undefined
              ? { key: notificationKey(key), sequencer: seq }
              : { key: notificationKey(key), size: obj.body.length, eTag: obj.etag.replace(/"/g, ''), sequencer: seq },
        },
      };
      opts.asyncInvoker.enqueue(config.functionName, { Records: [record] });
    }
  }

  // ------------------------------------------------------------ answers

  interface Ctx {
    req: AwsRequest;
    requestId: string;
    id2: string;
  }

  function reply(ctx: Ctx, status: number, headers: Record<string, string> = {}, body?: string | Buffer): AwsResponse {
    return { status, headers: { 'x-amz-request-id': ctx.requestId, 'x-amz-id-2': ctx.id2, ...headers }, ...(body !== undefined ? { body } : {}) };
  }

  const xml = (ctx: Ctx, body: string, status = 200): AwsResponse => reply(ctx, status, { 'content-type': 'application/xml' }, XML_HEAD + body);

  function errorReply(ctx: Ctx, err: S3Error): AwsResponse {
    const extra = Object.entries(err.fields)
      .map(([k, v]) => `<${k}>${xmlEscape(v)}</${k}>`)
      .join('');
    const headers: Record<string, string> = err.code === 'NoSuchBucket' ? {} : { 'x-amz-bucket-region': REGION };
    // HEAD answers carry no body
    if (ctx.req.method === 'HEAD') return reply(ctx, err.status, headers);
    return reply(
      ctx,
      err.status,
      { ...headers, 'content-type': 'application/xml' },
      `${XML_HEAD}<Error><Code>${err.code}</Code><Message>${xmlEscape(err.message)}</Message>${extra}<RequestId>${ctx.requestId}</RequestId><HostId>${ctx.id2}</HostId></Error>`,
    );
  }

  function objectHeaders(obj: S3Object, checksumMode: boolean): Record<string, string> {
    const h: Record<string, string> = {
      'content-type': obj.contentType,
      etag: obj.etag,
      'last-modified': obj.lastModified.toUTCString(),
      'accept-ranges': 'bytes',
      'x-amz-server-side-encryption': 'AES256',
      ...obj.headers,
    };
    for (const [k, v] of Object.entries(obj.metadata)) h[k] = v;
    if (checksumMode && obj.checksum !== undefined) {
      h[`x-amz-checksum-${obj.checksum.algorithm}`] = obj.checksum.value;
      h['x-amz-checksum-type'] = 'FULL_OBJECT';
    }
    return h;
  }

  // ------------------------------------------------------------ objects

  function putObject(ctx: Ctx, bucket: Bucket, key: string): AwsResponse {
    const { req } = ctx;
    if (Buffer.byteLength(key) > 1024) throw new S3Error('KeyTooLongError', 'Your key is too long', 400);
    const existing = bucket.objects.get(key);
    const ifNoneMatch = req.headers['if-none-match'];
    if (ifNoneMatch !== undefined && ifNoneMatch.trim() === '*' && existing !== undefined) throw preconditionFailed('If-None-Match');
    const ifMatch = req.headers['if-match'];
    if (ifMatch !== undefined) {
      if (existing === undefined) throw noSuchKey(key);
      if (!etagMatches(ifMatch, existing.etag)) throw preconditionFailed('If-Match');
    }
    const { body, checksum, contentEncoding } = payload(req);
    const headers: Record<string, string> = {};
    for (const h of CONTENT_HEADERS) {
      const v = h === 'content-encoding' ? contentEncoding : req.headers[h];
      if (v !== undefined) headers[h] = v;
    }
    const obj: S3Object = {
      key,
      body,
      etag: `"${md5Hex(body)}"`,
      lastModified: new Date(),
      contentType: req.headers['content-type'] ?? 'binary/octet-stream',
      metadata: metadataOf(req.headers),
      headers,
      checksum,
    };
    bucket.objects.set(key, obj);
    notify(bucket, 'ObjectCreated:Put', key, obj, ctx.requestId, ctx.id2);
    const out: Record<string, string> = { etag: obj.etag, 'x-amz-server-side-encryption': 'AES256' };
    if (checksum !== undefined) {
      out[`x-amz-checksum-${checksum.algorithm}`] = checksum.value;
      out['x-amz-checksum-type'] = 'FULL_OBJECT';
    }
    return reply(ctx, 200, out);
  }

  function copyObject(ctx: Ctx, bucket: Bucket, key: string): AwsResponse {
    const { req } = ctx;
    let source = req.headers['x-amz-copy-source'] ?? '';
    source = source.split('?')[0] ?? '';
    let decoded: string;
    try {
      decoded = decodeURIComponent(source).replace(/^\//, '');
    } catch {
      throw new S3Error('InvalidArgument', 'Invalid copy source encoding', 400);
    }
    const slash = decoded.indexOf('/');
    if (slash <= 0) throw new S3Error('InvalidArgument', 'Copy Source must mention the source bucket and key: sourcebucket/sourcekey', 400);
    const src = bucketOf(decoded.slice(0, slash));
    const srcKey = decoded.slice(slash + 1);
    const from = src.objects.get(srcKey);
    if (from === undefined) throw noSuchKey(srcKey);
    const replace = (req.headers['x-amz-metadata-directive'] ?? 'COPY').toUpperCase() === 'REPLACE';
    if (src === bucket && srcKey === key && !replace) {
      throw new S3Error(
        'InvalidRequest',
        "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
        400,
      );
    }
    const headers: Record<string, string> = {};
    if (replace) for (const h of CONTENT_HEADERS) if (req.headers[h] !== undefined) headers[h] = req.headers[h];
    const obj: S3Object = {
      key,
      body: from.body,
      etag: from.etag,
      lastModified: new Date(),
      contentType: replace ? (req.headers['content-type'] ?? 'binary/octet-stream') : from.contentType,
      metadata: replace ? metadataOf(req.headers) : { ...from.metadata },
      headers: replace ? headers : { ...from.headers },
      checksum: from.checksum,
    };
    bucket.objects.set(key, obj);
    notify(bucket, 'ObjectCreated:Copy', key, obj, ctx.requestId, ctx.id2);
    return xml(ctx, `<CopyObjectResult xmlns="${XMLNS}"><LastModified>${isoTime(obj.lastModified)}</LastModified><ETag>${xmlEscape(obj.etag)}</ETag></CopyObjectResult>`);
  }

  function getObject(ctx: Ctx, bucket: Bucket, key: string, head: boolean): AwsResponse {
    const { req } = ctx;
    const obj = bucket.objects.get(key);
    if (obj === undefined) throw noSuchKey(key);
    const ifMatch = req.headers['if-match'];
    const ifNoneMatch = req.headers['if-none-match'];
    const since = Date.parse(req.headers['if-modified-since'] ?? '');
    const unmodifiedSince = Date.parse(req.headers['if-unmodified-since'] ?? '');
    const modified = Math.floor(obj.lastModified.getTime() / 1000) * 1000;
    if (ifMatch !== undefined ? !etagMatches(ifMatch, obj.etag) : !Number.isNaN(unmodifiedSince) && modified > unmodifiedSince) {
      throw preconditionFailed(ifMatch !== undefined ? 'If-Match' : 'If-Unmodified-Since');
    }
    if (ifNoneMatch !== undefined ? etagMatches(ifNoneMatch, obj.etag) : !Number.isNaN(since) && modified <= since) {
      return reply(ctx, 304, { etag: obj.etag, 'last-modified': obj.lastModified.toUTCString() });
    }
    const range = req.headers.range === undefined ? 'ignore' : parseRange(req.headers.range, obj.body.length);
    if (range === 'unsatisfiable') {
      throw new S3Error('InvalidRange', 'The requested range is not satisfiable', 416, { RangeRequested: req.headers.range ?? '', ActualObjectSize: String(obj.body.length) });
    }
    const headers = objectHeaders(obj, range === 'ignore' && (req.headers['x-amz-checksum-mode'] ?? '').toUpperCase() === 'ENABLED');
    for (const [param, header] of [
      ['response-content-type', 'content-type'],
      ['response-content-disposition', 'content-disposition'],
      ['response-cache-control', 'cache-control'],
      ['response-content-encoding', 'content-encoding'],
      ['response-content-language', 'content-language'],
      ['response-expires', 'expires'],
    ] as const) {
      const v = req.query.get(param);
      if (v !== null) headers[header] = v;
    }
    // A HEAD answer's Content-Length is the object's: the body given here is not sent (HTTP drops a HEAD body).
    if (range === 'ignore') return reply(ctx, 200, headers, head && obj.body.length === 0 ? undefined : obj.body);
    const [start, end] = range;
    headers['content-range'] = `bytes ${start}-${end}/${obj.body.length}`;
    return reply(ctx, 206, headers, obj.body.subarray(start, end + 1));
  }

  function deleteObject(ctx: Ctx, bucket: Bucket, key: string): AwsResponse {
    const existing = bucket.objects.get(key);
    if (existing !== undefined) {
      bucket.objects.delete(key);
      notify(bucket, 'ObjectRemoved:Delete', key, undefined, ctx.requestId, ctx.id2);
    }
    return reply(ctx, 204);
  }

  function deleteObjects(ctx: Ctx, bucket: Bucket): AwsResponse {
    const text = payload(ctx.req).body.toString('utf8');
    const quiet = /<Quiet>\s*true\s*<\/Quiet>/i.test(text);
    const keys = [...text.matchAll(/<Object>[\s\S]*?<Key>([\s\S]*?)<\/Key>[\s\S]*?<\/Object>/g)].map((m) => xmlUnescape(m[1] ?? ''));
    if (keys.length === 0 || keys.length > 1000) throw new S3Error('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema', 400);
    const deleted = keys.map((key) => {
      if (bucket.objects.delete(key)) notify(bucket, 'ObjectRemoved:Delete', key, undefined, ctx.requestId, ctx.id2);
      return `<Deleted><Key>${xmlEscape(key)}</Key></Deleted>`;
    });
    return xml(ctx, `<DeleteResult xmlns="${XMLNS}">${quiet ? '' : deleted.join('')}</DeleteResult>`);
  }

  // ------------------------------------------------------------ listings

  interface Listing {
    contents: S3Object[];
    prefixes: string[];
    truncated: boolean;
    /** The last key or common prefix the page covers. */
    last: string | undefined;
  }

  function list(bucket: Bucket, prefix: string, delimiter: string, after: string | undefined, maxKeys: number): Listing {
    // S3 lists keys in UTF-8 byte order
    const afterBytes = after === undefined ? undefined : Buffer.from(after);
    const sorted = [...bucket.objects.keys()]
      .filter((k) => k.startsWith(prefix))
      .map((k) => ({ k, bytes: Buffer.from(k) }))
      .filter((e) => afterBytes === undefined || Buffer.compare(e.bytes, afterBytes) > 0);
    sorted.sort((a, b) => Buffer.compare(a.bytes, b.bytes));
    const keys = sorted.map((e) => e.k);
    const out: Listing = { contents: [], prefixes: [], truncated: false, last: undefined };
    for (const key of keys) {
      const i = delimiter === '' ? -1 : key.indexOf(delimiter, prefix.length);
      const common = i < 0 ? undefined : key.slice(0, i + delimiter.length);
      if (common !== undefined && out.prefixes[out.prefixes.length - 1] === common) {
        out.last = key;
        continue;
      }
      if (out.contents.length + out.prefixes.length >= maxKeys) {
        out.truncated = true;
        break;
      }
      if (common !== undefined) out.prefixes.push(common);
      else out.contents.push(bucket.objects.get(key) as S3Object);
      out.last = key;
    }
    return out;
  }

  function maxKeysOf(q: URLSearchParams): number {
    const raw = q.get('max-keys');
    if (raw === null) return 1000;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0) throw new S3Error('InvalidArgument', 'Provided max-keys not an integer or within integer range', 400, { ArgumentName: 'max-keys', ArgumentValue: raw });
    return Math.min(n, 1000);
  }

  function contentsXml(objects: S3Object[], encode: (s: string) => string, owner: boolean): string {
    return objects
      .map(
        (o) =>
          `<Contents><Key>${encode(o.key)}</Key><LastModified>${isoTime(o.lastModified)}</LastModified><ETag>${xmlEscape(o.etag)}</ETag>` +
          (o.checksum !== undefined ? `<ChecksumAlgorithm>${o.checksum.algorithm.toUpperCase()}</ChecksumAlgorithm><ChecksumType>FULL_OBJECT</ChecksumType>` : '') +
          `<Size>${o.body.length}</Size>` +
          (owner ? `<Owner><ID>${OWNER_ID}</ID></Owner>` : '') +
          '<StorageClass>STANDARD</StorageClass></Contents>',
      )
      .join('');
  }

  function listObjectsV2(ctx: Ctx, bucket: Bucket): AwsResponse {
    const q = ctx.req.query;
    const prefix = q.get('prefix') ?? '';
    const delimiter = q.get('delimiter') ?? '';
    const maxKeys = maxKeysOf(q);
    const token = q.get('continuation-token');
    const startAfter = q.get('start-after');
    let after = startAfter ?? undefined;
    if (token !== null) {
      const decoded = Buffer.from(token, 'base64url').toString('utf8');
      if (!decoded.startsWith('k:')) throw new S3Error('InvalidArgument', 'The continuation token provided is incorrect', 400, { ArgumentName: 'continuation-token' });
      after = decoded.slice(2);
    }
    const urlEncoded = q.get('encoding-type') === 'url';
    const encode = (s: string): string => xmlEscape(urlEncoded ? encodeURIComponent(s).replace(/%2F/g, '/') : s);
    const page = list(bucket, prefix, delimiter, after, maxKeys);
    const next = page.truncated && page.last !== undefined ? Buffer.from(`k:${page.last}`).toString('base64url') : undefined;
    return xml(
      ctx,
      `<ListBucketResult xmlns="${XMLNS}"><Name>${xmlEscape(bucket.name)}</Name><Prefix>${encode(prefix)}</Prefix>` +
        (startAfter !== null ? `<StartAfter>${encode(startAfter)}</StartAfter>` : '') +
        (token !== null ? `<ContinuationToken>${xmlEscape(token)}</ContinuationToken>` : '') +
        `<KeyCount>${page.contents.length + page.prefixes.length}</KeyCount><MaxKeys>${maxKeys}</MaxKeys>` +
        (delimiter !== '' ? `<Delimiter>${encode(delimiter)}</Delimiter>` : '') +
        (urlEncoded ? '<EncodingType>url</EncodingType>' : '') +
        `<IsTruncated>${page.truncated}</IsTruncated>` +
        (next !== undefined ? `<NextContinuationToken>${next}</NextContinuationToken>` : '') +
        contentsXml(page.contents, encode, q.get('fetch-owner') === 'true') +
        page.prefixes.map((p) => `<CommonPrefixes><Prefix>${encode(p)}</Prefix></CommonPrefixes>`).join('') +
        '</ListBucketResult>',
    );
  }

  function listObjectsV1(ctx: Ctx, bucket: Bucket): AwsResponse {
    const q = ctx.req.query;
    const prefix = q.get('prefix') ?? '';
    const delimiter = q.get('delimiter') ?? '';
    const marker = q.get('marker') ?? '';
    const maxKeys = maxKeysOf(q);
    const urlEncoded = q.get('encoding-type') === 'url';
    const encode = (s: string): string => xmlEscape(urlEncoded ? encodeURIComponent(s).replace(/%2F/g, '/') : s);
    const page = list(bucket, prefix, delimiter, marker === '' ? undefined : marker, maxKeys);
    return xml(
      ctx,
      `<ListBucketResult xmlns="${XMLNS}"><Name>${xmlEscape(bucket.name)}</Name><Prefix>${encode(prefix)}</Prefix><Marker>${encode(marker)}</Marker>` +
        (page.truncated && delimiter !== '' && page.last !== undefined ? `<NextMarker>${encode(page.last)}</NextMarker>` : '') +
        `<MaxKeys>${maxKeys}</MaxKeys>` +
        (delimiter !== '' ? `<Delimiter>${encode(delimiter)}</Delimiter>` : '') +
        (urlEncoded ? '<EncodingType>url</EncodingType>' : '') +
        `<IsTruncated>${page.truncated}</IsTruncated>` +
        contentsXml(page.contents, encode, true) +
        page.prefixes.map((p) => `<CommonPrefixes><Prefix>${encode(p)}</Prefix></CommonPrefixes>`).join('') +
        '</ListBucketResult>',
    );
  }

  function listBuckets(ctx: Ctx): AwsResponse {
    const names = [...buckets.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
    return xml(
      ctx,
      `<ListAllMyBucketsResult xmlns="${XMLNS}"><Owner><ID>${OWNER_ID}</ID></Owner><Buckets>` +
        names.map((b) => `<Bucket><Name>${b.name}</Name><CreationDate>${isoTime(b.created)}</CreationDate><BucketRegion>${REGION}</BucketRegion></Bucket>`).join('') +
        '</Buckets></ListAllMyBucketsResult>',
    );
  }

  // ------------------------------------------------------------ routing

  function route(ctx: Ctx): AwsResponse {
    const { req } = ctx;
    const vhost = virtualHostBucket(req.headers.host);
    const decode = (s: string): string => {
      try {
        return decodeURIComponent(s);
      } catch {
        throw new S3Error('InvalidURI', "Couldn't parse the specified URI.", 400);
      }
    };
    let bucketName: string;
    let key: string;
    if (vhost !== undefined) {
      bucketName = vhost;
      key = decode(req.path.replace(/^\//, ''));
    } else {
      const p = req.path.replace(/^\//, '');
      const slash = p.indexOf('/');
      bucketName = decode(slash < 0 ? p : p.slice(0, slash));
      key = slash < 0 ? '' : decode(p.slice(slash + 1));
    }
    const method = req.method.toUpperCase();
    const sub = UNSUPPORTED_SUBRESOURCES.find((s) => req.query.has(s));
    if (sub !== undefined) throw new S3Error('NotImplemented', `A header or query you provided implies functionality that is not implemented (${sub})`, 501);
    if (bucketName === '') {
      if (method === 'GET') return listBuckets(ctx);
      throw new S3Error('MethodNotAllowed', 'The specified method is not allowed against this resource.', 405);
    }
    if (key === '') {
      switch (method) {
        case 'PUT':
          createBucket(bucketName);
          return reply(ctx, 200, { location: `/${bucketName}` });
        case 'HEAD':
          bucketOf(bucketName);
          return reply(ctx, 200, { 'x-amz-bucket-region': REGION, 'x-amz-access-point-alias': 'false' });
        case 'DELETE': {
          const b = bucketOf(bucketName);
          if (b.objects.size > 0) throw new S3Error('BucketNotEmpty', 'The bucket you tried to delete is not empty', 409, { BucketName: bucketName });
          buckets.delete(bucketName);
          return reply(ctx, 204);
        }
        case 'GET': {
          const b = bucketOf(bucketName);
          if (req.query.has('location')) return xml(ctx, `<LocationConstraint xmlns="${XMLNS}"/>`);
          return req.query.get('list-type') === '2' ? listObjectsV2(ctx, b) : listObjectsV1(ctx, b);
        }
        case 'POST':
          if (req.query.has('delete')) return deleteObjects(ctx, bucketOf(bucketName));
          break;
      }
      throw new S3Error('MethodNotAllowed', 'The specified method is not allowed against this resource.', 405);
    }
    const bucket = bucketOf(bucketName);
    switch (method) {
      case 'PUT':
        return req.headers['x-amz-copy-source'] !== undefined ? copyObject(ctx, bucket, key) : putObject(ctx, bucket, key);
      case 'GET':
        return getObject(ctx, bucket, key, false);
      case 'HEAD':
        return getObject(ctx, bucket, key, true);
      case 'DELETE':
        return deleteObject(ctx, bucket, key);
      default:
        throw new S3Error('MethodNotAllowed', 'The specified method is not allowed against this resource.', 405);
    }
  }

  return {
    name: 's3',

    createBucket,

    addNotification(bucketName, config) {
      const bucket = buckets.get(bucketName);
      if (bucket === undefined) throw new Error(`addNotification: no bucket ${bucketName}`);
      for (const e of config.events) {
        if (!/^s3:(ObjectCreated|ObjectRemoved):(\*|Put|Post|Copy|CompleteMultipartUpload|Delete|DeleteMarkerCreated)$/.test(e)) {
          throw new Error(`addNotification: unsupported event type ${e}`);
        }
      }
      bucket.notifications.push({ ...config, id: config.id ?? Buffer.from(randomUUID()).toString('base64').replace(/=+$/, '') });
    },

    handle(req) {
      const ctx: Ctx = { req, requestId: s3RequestId(), id2: randomBytes(48).toString('base64') };
      try {
        return route(ctx);
      } catch (err) {
        if (err instanceof S3Error) return errorReply(ctx, err);
        throw err;
      }
    },
  };
}

function metadataOf(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (k.startsWith('x-amz-meta-')) out[k] = v;
  return out;
}

function etagMatches(header: string, etag: string): boolean {
  return header.split(',').some((t) => {
    const tag = t.trim().replace(/^W\//, '');
    return tag === '*' || tag === etag || `"${tag}"` === etag;
  });
}

function xmlUnescape(s: string): string {
  return s.replace(/&(lt|gt|quot|apos|amp|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) => {
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    if (e === 'amp') return '&';
    return String.fromCodePoint(e.startsWith('#x') ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  });
}
