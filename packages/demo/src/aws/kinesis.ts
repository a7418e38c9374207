// Local Kinesis Data Streams (AWS JSON 1.1, X-Amz-Target Kinesis_20131202.<Op>; the SDK's
// default HTTP/2 handler reaches it on the endpoint's h2Url). Shards split the 128-bit hash key
// space evenly; a record goes to the shard holding MD5(PartitionKey) (or its ExplicitHashKey) and
// gets an increasing 56-digit sequence number. Lambda event source mappings read each shard in
// order, one batch at a time, with the retry semantics of shard-poller.ts.
import { createHash } from 'node:crypto';
import type { KinesisStreamRecord } from 'aws-lambda';
import { awsJson, awsJsonError } from './protocol.ts';
import { partialFailure, RecordLog, startShardPoller, type DeliveryResult, type ShardPoller, type StreamServiceOptions } from './shard-poller.ts';
import type { AwsRequest, AwsResponse, AwsService } from './types.ts';
import { ACCOUNT_ID, arn, REGION } from './types.ts';

export interface KinesisEventSourceOptions {
  batchSize?: number;
  maximumBatchingWindowMs?: number;
  /** Retries of a failed batch before it is skipped (default 3). */
  maximumRetryAttempts?: number;
  reportBatchItemFailures?: boolean;
  /** Default TRIM_HORIZON. */
  startingPosition?: 'TRIM_HORIZON' | 'LATEST';
}

export type KinesisOptions = StreamServiceOptions;

export interface KinesisService extends AwsService {
  createStream(name: string, shardCount: number): void;
  addEventSource(streamName: string, functionName: string, opts?: KinesisEventSourceOptions): void;
}

interface KinesisRecord {
  sequenceNumber: string;
  seq: bigint;
  partitionKey: string;
  data: Buffer;
  /** ms */
  arrived: number;
}

interface Shard {
  id: string;
  start: bigint;
  end: bigint;
  startingSequence: string;
  log: RecordLog<KinesisRecord>;
  pollers: ShardPoller[];
}

interface Stream {
  name: string;
  arn: string;
  createdAt: number;
  shards: Shard[];
  counter: bigint;
}

const TARGET_PREFIX = 'Kinesis_20131202.';
const HASH_SPACE = 2n ** 128n;
/** Sequence numbers: 56 decimal digits, as Kinesis's. */
const SEQUENCE_BASE = 49_000_000_000_000_000_000_000_000_000_000_000_000_000_000_000_000_000_000n;
const RETENTION_MS = 24 * 3600 * 1000;
const MAX_RECORDS_KEPT = 100_000;
const MAX_RECORD_BYTES = 1024 * 1024;
const ROLE_ARN = `arn:aws:iam::${ACCOUNT_ID}:role/demo-lambda-role`;

class KinesisError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

const invalid = (message: string): KinesisError => new KinesisError('InvalidArgumentException', message);
const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const shardIdOf = (i: number): string => `shardId-${String(i).padStart(12, '0')}`;

/** The 128-bit hash key Kinesis maps a partition key to: MD5 of its UTF-8 bytes, big-endian. */
export function hashKeyOf(partitionKey: string): bigint {
  return BigInt(`0x${createHash('md5').update(partitionKey, 'utf8').digest('hex')}`);
}

export function createKinesis(opts: KinesisOptions): KinesisService {
  const streams = new Map<string, Stream>();
  const retryDelayMs = opts.retryDelayMs ?? 500;

  function streamOf(body: Record<string, unknown>): Stream {
    const byArn = typeof body.StreamARN === 'string' ? /:stream\/([^/]+)/.exec(body.StreamARN)?.[1] : undefined;
    const name = typeof body.StreamName === 'string' ? body.StreamName : byArn;
    if (name === undefined) throw invalid('Either StreamName or StreamARN should be provided.');
    const s = streams.get(name);
    if (s === undefined) throw new KinesisError('ResourceNotFoundException', `Stream ${name} under account ${ACCOUNT_ID} not found.`);
    return s;
  }

  function shardOf(s: Stream, id: unknown): Shard {
    const shard = s.shards.find((x) => x.id === id);
    if (shard === undefined) throw new KinesisError('ResourceNotFoundException', `Shard ${String(id)} in stream ${s.name} under account ${ACCOUNT_ID} does not exist`);
    return shard;
  }

  function nextSequence(s: Stream): { text: string; value: bigint } {
    s.counter += 1n;
    // increasing for the whole stream, with room between numbers like the real ones
    const value = SEQUENCE_BASE + BigInt(s.createdAt) * 10n ** 30n + s.counter * 10n ** 12n;
    return { text: value.toString(), value };
  }

  /** Validates one record to put and finds its shard. */
  function prepare(s: Stream, r: Record<string, unknown>): { shard: Shard; partitionKey: string; data: Buffer } {
    const partitionKey = r.PartitionKey;
    if (typeof partitionKey !== 'string' || partitionKey.length < 1 || partitionKey.length > 256) {
      throw new KinesisError('ValidationException', "1 validation error detected: Value at 'partitionKey' failed to satisfy constraint: Member must have length between 1 and 256");
    }
    if (typeof r.Data !== 'string') throw new KinesisError('ValidationException', "1 validation error detected: Value null at 'data' failed to satisfy constraint: Member must not be null");
    const data = Buffer.from(r.Data, 'base64');
    if (data.length + Buffer.byteLength(partitionKey) > MAX_RECORD_BYTES) {
      throw new KinesisError('ValidationException', "1 validation error detected: Value at 'data' failed to satisfy constraint: Member must have length less than or equal to 1048576");
    }
    let hash: bigint;
    if (r.ExplicitHashKey !== undefined) {
      if (typeof r.ExplicitHashKey !== 'string' || !/^\d{1,39}$/.test(r.ExplicitHashKey) || BigInt(r.ExplicitHashKey) >= HASH_SPACE) {
        throw invalid(`Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was ${String(r.ExplicitHashKey)}`);
      }
      hash = BigInt(r.ExplicitHashKey);
    } else {
      hash = hashKeyOf(partitionKey);
    }
    const shard = s.shards.find((x) => hash >= x.start && hash <= x.end) as Shard;
    return { shard, partitionKey, data };
  }

  function write(s: Stream, { shard, partitionKey, data }: { shard: Shard; partitionKey: string; data: Buffer }): { ShardId: string; SequenceNumber: string } {
    const { text, value } = nextSequence(s);
    const now = Date.now();
    shard.log.append({ sequenceNumber: text, seq: value, partitionKey, data, arrived: now });
    shard.log.trimWhile((rec) => now - rec.arrived > RETENTION_MS);
    shard.log.trimBefore(shard.log.end - MAX_RECORDS_KEPT);
    for (const p of shard.pollers) p.notify();
    return { ShardId: shard.id, SequenceNumber: text };
  }

  // ------------------------------------------------------------ shard iterators

  interface Iterator {
    stream: string;
    shard: string;
    position: number;
  }

  const encodeIterator = (it: Iterator): string => Buffer.from(JSON.stringify(['local', it.stream, it.shard, it.position, Date.now()])).toString('base64');

  function decodeIterator(token: unknown): Iterator {
    try {
      const v: unknown = JSON.parse(Buffer.from(String(token), 'base64').toString('utf8'));
      if (Array.isArray(v) && v[0] === 'local' && typeof v[1] === 'string' && typeof v[2] === 'string' && typeof v[3] === 'number') return { stream: v[1], shard: v[2], position: v[3] };
    } catch {
      // fall through
    }
    throw invalid(`Invalid ShardIterator.`);
  }

  /** Position of the first record at/after a sequence number in a shard's log. */
  function positionOf(shard: Shard, sequence: unknown, after: boolean): number {
    if (typeof sequence !== 'string' || !/^\d+$/.test(sequence)) throw invalid(`StartingSequenceNumber ${String(sequence)} used in GetShardIterator on shard ${shard.id} is not valid.`);
    const target = BigInt(sequence);
    let pos = shard.log.start;
    while (pos < shard.log.end) {
      const r = shard.log.at(pos) as KinesisRecord;
      if (after ? r.seq > target : r.seq >= target) break;
      pos++;
    }
    return pos;
  }

  function getShardIterator(body: Record<string, unknown>): unknown {
    const s = streamOf(body);
    const shard = shardOf(s, body.ShardId);
    let position: number;
    switch (body.ShardIteratorType) {
      case 'TRIM_HORIZON':
        position = shard.log.start;
        break;
      case 'LATEST':
        position = shard.log.end;
        break;
      case 'AT_SEQUENCE_NUMBER':
        position = positionOf(shard, body.StartingSequenceNumber, false);
        break;
      case 'AFTER_SEQUENCE_NUMBER':
        position = positionOf(shard, body.StartingSequenceNumber, true);
        break;
      case 'AT_TIMESTAMP': {
        const ts = typeof body.Timestamp === 'number' ? body.Timestamp * 1000 : Date.parse(String(body.Timestamp));
        if (Number.isNaN(ts)) throw invalid('The timestamp provided is not valid.');
        position = shard.log.start;
        while (position < shard.log.end && (shard.log.at(position) as KinesisRecord).arrived < ts) position++;
        break;
      }
      default:
        throw new KinesisError('ValidationException', `1 validation error detected: Value '${String(body.ShardIteratorType)}' at 'shardIteratorType' failed to satisfy constraint: Member must satisfy enum value set: [AFTER_SEQUENCE_NUMBER, LATEST, AT_TIMESTAMP, AT_SEQUENCE_NUMBER, TRIM_HORIZON]`);
    }
    return { ShardIterator: encodeIterator({ stream: s.name, shard: shard.id, position }) };
  }

  function getRecords(body: Record<string, unknown>): unknown {
    const it = decodeIterator(body.ShardIterator);
    const s = streams.get(it.stream);
    if (s === undefined) throw new KinesisError('ResourceNotFoundException', `Stream ${it.stream} under account ${ACCOUNT_ID} not found.`);
    const shard = shardOf(s, it.shard);
    const limit = body.Limit === undefined ? 10_000 : Number(body.Limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw new KinesisError('ValidationException', `1 validation error detected: Value '${String(body.Limit)}' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 10000`);
    const from = Math.max(it.position, shard.log.start);
    const records = shard.log.slice(from, limit);
    const next = from + records.length;
    const newest = shard.log.at(shard.log.end - 1);
    const lastRead = records[records.length - 1];
    return {
      Records: records.map((r) => ({ SequenceNumber: r.sequenceNumber, ApproximateArrivalTimestamp: r.arrived / 1000, Data: r.data.toString('base64'), PartitionKey: r.partitionKey })),
      NextShardIterator: encodeIterator({ stream: s.name, shard: shard.id, position: next }),
      MillisBehindLatest: next >= shard.log.end || newest === undefined ? 0 : Math.max(0, newest.arrived - (lastRead?.arrived ?? newest.arrived)),
    };
  }

  // ------------------------------------------------------------ descriptions

  const shardJson = (sh: Shard): unknown => ({
    ShardId: sh.id,
    HashKeyRange: { StartingHashKey: sh.start.toString(), EndingHashKey: sh.end.toString() },
    SequenceNumberRange: { StartingSequenceNumber: sh.startingSequence },
  });

  function listShards(body: Record<string, unknown>): unknown {
    let shards: Shard[];
    let name: string;
    if (typeof body.NextToken === 'string') {
      const [streamName, from] = Buffer.from(body.NextToken, 'base64').toString('utf8').split('\u0000');
      const s = streams.get(streamName ?? '');
      if (s === undefined) throw invalid('Invalid NextToken.');
      name = s.name;
      shards = s.shards.slice(Number(from));
    } else {
      const s = streamOf(body);
      name = s.name;
      shards = s.shards;
      if (typeof body.ExclusiveStartShardId === 'string') {
        const start = body.ExclusiveStartShardId;
        shards = shards.filter((x) => x.id > start);
      }
    }
    const max = typeof body.MaxResults === 'number' ? body.MaxResults : 1000;
    const page = shards.slice(0, max);
    const stream = streams.get(name) as Stream;
    const offset = stream.shards.indexOf(page[page.length - 1] as Shard) + 1;
    return {
      Shards: page.map(shardJson),
      ...(shards.length > max ? { NextToken: Buffer.from(`${name}\u0000${offset}`).toString('base64') } : {}),
    };
  }

  const operations: Record<string, (body: Record<string, unknown>) => unknown> = {
    PutRecord: (body) => {
      const s = streamOf(body);
      return write(s, prepare(s, body));
    },
    PutRecords: (body) => {
      const s = streamOf(body);
      const list = body.Records;
      if (!Array.isArray(list) || list.length < 1 || list.length > 500) {
        throw new KinesisError('ValidationException', "1 validation error detected: Value at 'records' failed to satisfy constraint: Member must have length less than or equal to 500");
      }
      // validate every entry before writing any
      const prepared = list.map((r) => {
        if (!isMap(r)) throw new KinesisError('ValidationException', "1 validation error detected: Value null at 'records.member' failed to satisfy constraint: Member must not be null");
        return prepare(s, r);
      });
      return { FailedRecordCount: 0, Records: prepared.map((p) => write(s, p)) };
    },
    DescribeStream: (body) => {
      const s = streamOf(body);
      return {
        StreamDescription: {
          StreamName: s.name,
          StreamARN: s.arn,
          StreamStatus: 'ACTIVE',
          StreamModeDetails: { StreamMode: 'PROVISIONED' },
          Shards: s.shards.map(shardJson),
          HasMoreShards: false,
          RetentionPeriodHours: 24,
          StreamCreationTimestamp: s.createdAt / 1000,
          EnhancedMonitoring: [{ ShardLevelMetrics: [] }],
          EncryptionType: 'NONE',
        },
      };
    },
    DescribeStreamSummary: (body) => {
      const s = streamOf(body);
      return {
        StreamDescriptionSummary: {
          StreamName: s.name,
          StreamARN: s.arn,
          StreamStatus: 'ACTIVE',
          StreamModeDetails: { StreamMode: 'PROVISIONED' },
          RetentionPeriodHours: 24,
          StreamCreationTimestamp: s.createdAt / 1000,
          EnhancedMonitoring: [{ ShardLevelMetrics: [] }],
          EncryptionType: 'NONE',
          OpenShardCount: s.shards.length,
          ConsumerCount: 0,
        },
      };
    },
    ListShards: listShards,
    ListStreams: () => {
      const names = [...streams.keys()].sort();
      return { StreamNames: names, HasMoreStreams: false, StreamSummaries: names.map((n) => ({ StreamName: n, StreamARN: streams.get(n)?.arn, StreamStatus: 'ACTIVE', StreamModeDetails: { StreamMode: 'PROVISIONED' }, StreamCreationTimestamp: (streams.get(n)?.createdAt ?? 0) / 1000 })) };
    },
    GetShardIterator: getShardIterator,
    GetRecords: getRecords,
  };

  // ------------------------------------------------------------ event source mappings

  function toEventRecord(s: Stream, shard: Shard, r: KinesisRecord): KinesisStreamRecord {
    return {
      kinesis: {
        kinesisSchemaVersion: '1.0',
        partitionKey: r.partitionKey,
        sequenceNumber: r.sequenceNumber,
        data: r.data.toString('base64'),
        approximateArrivalTimestamp: r.arrived / 1000,
      },
      eventSource: 'aws:kinesis',
      eventVersion: '1.0',
      eventID: `${shard.id}:${r.sequenceNumber}`,
      eventName: 'aws:kinesis:record',
      invokeIdentityArn: ROLE_ARN,
      awsRegion: REGION,
      eventSourceARN: s.arn,
    };
  }

  function addEventSource(streamName: string, functionName: string, o: KinesisEventSourceOptions = {}): void {
    const s = streams.get(streamName);
    if (s === undefined) throw new Error(`addEventSource: no stream ${streamName}`);
    for (const shard of s.shards) {
      const poller = startShardPoller<KinesisRecord>({
        log: shard.log,
        from: o.startingPosition === 'LATEST' ? shard.log.end : shard.log.start,
        batchSize: o.batchSize ?? 100,
        windowMs: o.maximumBatchingWindowMs ?? 1000,
        maxRetries: o.maximumRetryAttempts ?? 3,
        retryDelayMs,
        arrivedAt: (r) => r.arrived,
        deliver: async (batch): Promise<DeliveryResult> => {
          const out = await opts.invoker.invoke(functionName, { Records: batch.map((r) => toEventRecord(s, shard, r)) });
          if (out.status === 'throttled') return { ok: false, throttled: true, error: new Error(`${functionName} throttled`) };
          if (out.status !== 'success') return { ok: false, error: new Error(`${functionName} failed (${out.status}${out.functionError !== undefined ? `, ${out.functionError}` : ''}), request ${out.requestId}`) };
          if (o.reportBatchItemFailures !== true) return { ok: true };
          return partialFailure(batch.map((r) => r.sequenceNumber), out.payload, functionName);
        },
        onSkip: (batch, error, attempts) => {
          const reason = error instanceof Error ? error.message : String(error);
          opts.onError?.(
            new Error(`Kinesis ${streamName}/${shard.id} -> ${functionName}: skipped ${batch.length} record(s) ${batch[0]?.sequenceNumber ?? ''}..${batch[batch.length - 1]?.sequenceNumber ?? ''} after ${attempts} failed attempts: ${reason}`),
          );
        },
      });
      shard.pollers.push(poller);
      poller.notify();
    }
  }

  return {
    name: 'kinesis',

    createStream(name, shardCount) {
      if (streams.has(name)) throw new Error(`createStream: stream ${name} exists`);
      if (!Number.isInteger(shardCount) || shardCount < 1) throw new Error(`createStream: bad shard count ${shardCount}`);
      const s: Stream = { name, arn: arn('kinesis', `stream/${name}`), createdAt: Date.now(), shards: [], counter: 0n };
      const n = BigInt(shardCount);
      for (let i = 0; i < shardCount; i++) {
        const start = (HASH_SPACE * BigInt(i)) / n;
        const end = (HASH_SPACE * BigInt(i + 1)) / n - 1n;
        s.shards.push({ id: shardIdOf(i), start, end, startingSequence: nextSequence(s).text, log: new RecordLog(), pollers: [] });
      }
      streams.set(name, s);
    },

    addEventSource,

    handle(req: AwsRequest): AwsResponse {
      const target = req.headers['x-amz-target'] ?? '';
      const op = target.startsWith(TARGET_PREFIX) ? operations[target.slice(TARGET_PREFIX.length)] : undefined;
      if (op === undefined) return awsJsonError('UnknownOperationException', `Unrecognized operation ${target}`, '1.1');
      let body: unknown;
      try {
        body = JSON.parse(req.body.length === 0 ? '{}' : req.body.toString('utf8'));
      } catch {
        return awsJsonError('SerializationException', 'Malformed request body', '1.1');
      }
      if (!isMap(body)) return awsJsonError('SerializationException', 'Malformed request body', '1.1');
      try {
        return awsJson(op(body), '1.1');
      } catch (err) {
        if (err instanceof KinesisError) return awsJsonError(err.type, err.message, '1.1');
        throw err;
      }
    },

    async close() {
      const pollers = [...streams.values()].flatMap((s) => s.shards.flatMap((sh) => sh.pollers));
      await Promise.all(pollers.map((p) => p.close()));
    },
  };
}
