// Local DynamoDB (AWS JSON 1.0, X-Amz-Target DynamoDB_20120810.<Op>): in-memory tables of typed
// attribute values, the expression language (dynamodb-expressions.ts), DynamoDB's error shapes,
// and DynamoDB Streams with the Lambda event source mapping: every write that changes an item
// appends a stream record, and each mapping delivers the table's records in order, one batch at a
// time (one shard per table).
import { randomUUID, createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import type { DynamoDBRecord } from 'aws-lambda';
import {
  applyUpdate,
  canonical,
  canonicalItem,
  compareValues,
  evaluate,
  itemSize,
  keyCondition,
  parseCondition,
  parseProjection,
  parseUpdate,
  Placeholders,
  project,
  rangeMatches,
  typeOf,
  validateItem,
  ValidationError,
  type AttributeValue,
  type Condition,
  type Item,
  type Path,
} from './dynamodb-expressions.ts';
import { awsJson } from './protocol.ts';
import { partialFailure, RecordLog, startShardPoller, type DeliveryResult, type ShardPoller, type StreamServiceOptions } from './shard-poller.ts';
import type { AwsRequest, AwsResponse, AwsService } from './types.ts';
import { arn, REGION } from './types.ts';

export type StreamViewType = 'NEW_AND_OLD_IMAGES' | 'NEW_IMAGE' | 'OLD_IMAGE' | 'KEYS_ONLY';
export type KeyType = 'S' | 'N' | 'B';

export interface TableOptions {
  hashKey: string;
  rangeKey?: string;
  /** Attribute types of the key (default S). */
  hashKeyType?: KeyType;
  rangeKeyType?: KeyType;
  stream?: StreamViewType;
}

export interface StreamSourceOptions {
  batchSize?: number;
  maximumBatchingWindowMs?: number;
  /** Retries of a failed batch before it is skipped (default 3). */
  maximumRetryAttempts?: number;
  /** Honour a `batchItemFailures` answer (FunctionResponseTypes: ReportBatchItemFailures). */
  reportBatchItemFailures?: boolean;
  /** Default TRIM_HORIZON: every record still in the stream. */
  startingPosition?: 'TRIM_HORIZON' | 'LATEST';
}

export type DynamoDbOptions = StreamServiceOptions;

export interface DynamoDbService extends AwsService {
  createTable(name: string, opts: TableOptions): void;
  addStreamSource(tableName: string, functionName: string, opts?: StreamSourceOptions): void;
}

const NS = 'com.amazonaws.dynamodb.v20120810';
const TARGET_PREFIX = 'DynamoDB_20120810.';
const MAX_ITEM_BYTES = 400 * 1024;
const PAGE_BYTES = 1024 * 1024;
/** Stream records kept for a table nobody reads (real streams keep 24 hours). */
const UNREAD_RECORDS_KEPT = 10_000;

class DynamoError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

const notFound = (message = 'Requested resource not found'): DynamoError => new DynamoError(`${NS}#ResourceNotFoundException`, message);
const conditionalFailed = (old: Item | undefined, returnOnFailure: unknown): DynamoError =>
  new DynamoError(`${NS}#ConditionalCheckFailedException`, 'The conditional request failed', returnOnFailure === 'ALL_OLD' && old !== undefined ? { Item: old } : {});

interface StreamEntry {
  record: DynamoDBRecord;
  arrived: number;
}

interface Stream {
  viewType: StreamViewType;
  arn: string;
  label: string;
  log: RecordLog<StreamEntry>;
  sequence: bigint;
  pollers: ShardPoller[];
}

interface Table {
  name: string;
  arn: string;
  id: string;
  hashKey: string;
  rangeKey: string | undefined;
  keyTypes: Record<string, KeyType>;
  createdAt: number;
  items: Map<string, Item>;
  stream: Stream | undefined;
}

type Body = Record<string, unknown>;

/** The response of a DynamoDB call, with the x-amz-crc32 DynamoDB sends. */
function answer(body: unknown, status = 200): AwsResponse {
  const r = awsJson(body, '1.0', status);
  return { ...r, headers: { ...r.headers, 'x-amz-crc32': String(crc32(String(r.body))) } };
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function createDynamoDb(opts: DynamoDbOptions): DynamoDbService {
  const tables = new Map<string, Table>();
  const retryDelayMs = opts.retryDelayMs ?? 500;

  function table(name: unknown, describe = false): Table {
    const text = str(name);
    if (text === undefined || text.length === 0) throw new ValidationError("1 validation error detected: Value null at 'tableName' failed to satisfy constraint: Member must not be null");
    const plain = text.startsWith('arn:') ? (/:table\/([^/]+)/.exec(text)?.[1] ?? text) : text;
    const t = tables.get(plain);
    if (t === undefined) throw notFound(describe ? `Requested resource not found: Table: ${plain} not found` : undefined);
    return t;
  }

  const keyNames = (t: Table): string[] => (t.rangeKey === undefined ? [t.hashKey] : [t.hashKey, t.rangeKey]);

  function checkKeyValue(name: string, av: AttributeValue): void {
    if (av.S === '') throw new ValidationError(`One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: ${name}`);
    if (av.B === '') throw new ValidationError(`One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty binary value. Key: ${name}`);
  }

  /** The key of an item to write (PutItem): every key attribute present, of the declared type. */
  function itemKey(t: Table, item: Item): { key: Item; id: string } {
    const key: Item = {};
    for (const name of keyNames(t)) {
      const av = item[name];
      if (av === undefined) throw new ValidationError(`One or more parameter values were invalid: Missing the key ${name} in the item`);
      const type = typeOf(av);
      if (type !== t.keyTypes[name]) throw new ValidationError(`One or more parameter values were invalid: Type mismatch for key ${name} expected: ${t.keyTypes[name] ?? 'S'} actual: ${type ?? ''}`);
      checkKeyValue(name, av);
      key[name] = av;
    }
    return { key, id: keyId(t, key) };
  }

  /** A Key parameter: exactly the key attributes, of the declared types. */
  function exactKey(t: Table, key: unknown): { key: Item; id: string } {
    validateItem(key, 'Key');
    const names = keyNames(t);
    const mismatch = (): never => {
      throw new ValidationError('The provided key element does not match the schema');
    };
    if (Object.keys(key).length !== names.length) mismatch();
    for (const name of names) {
      const av = key[name];
      if (av === undefined || typeOf(av) !== t.keyTypes[name]) mismatch();
      checkKeyValue(name, av as AttributeValue);
    }
    return { key, id: keyId(t, key) };
  }

  const keyId = (t: Table, key: Item): string => JSON.stringify(keyNames(t).map((k) => canonical(key[k])));
  const keyOfItem = (t: Table, item: Item): Item => Object.fromEntries(keyNames(t).flatMap((k) => (item[k] === undefined ? [] : [[k, item[k]]])));

  function checkSize(item: Item): void {
    if (itemSize(item) > MAX_ITEM_BYTES) throw new ValidationError('Item size has exceeded the maximum allowed size');
  }

  /** The request's ExpressionAttributeNames/Values; expressions: which expression parameters are present. */
  function placeholders(body: Body, expressions: unknown[]): Placeholders {
    const names = body.ExpressionAttributeNames;
    const values = body.ExpressionAttributeValues;
    const anyExpression = expressions.some((e) => typeof e === 'string');
    if (names !== undefined) {
      if (!isMap(names) || Object.values(names).some((n) => typeof n !== 'string')) throw new ValidationError('ExpressionAttributeNames must be a map of strings');
      if (Object.keys(names).length === 0) throw new ValidationError('ExpressionAttributeNames must not be empty');
      if (!anyExpression) throw new ValidationError('ExpressionAttributeNames can only be specified when using expressions');
    }
    if (values !== undefined) {
      if (!isMap(values)) throw new ValidationError('ExpressionAttributeValues must be a map');
      if (Object.keys(values).length === 0) throw new ValidationError('ExpressionAttributeValues must not be empty');
      if (!anyExpression) throw new ValidationError('ExpressionAttributeValues can only be specified when using expressions');
      validateItem(values, 'ExpressionAttributeValues');
    }
    return new Placeholders((names as Record<string, string> | undefined) ?? {}, (values as Item | undefined) ?? {});
  }

  function rejectLegacy(body: Body, params: string[]): void {
    for (const p of params) if (body[p] !== undefined) throw new ValidationError(`The legacy parameter ${p} is not supported by the local DynamoDB; use expressions`);
  }

  function condition(body: Body, ph: Placeholders): Condition | undefined {
    const text = body.ConditionExpression;
    return typeof text === 'string' ? parseCondition(text, 'ConditionExpression', ph) : undefined;
  }

  /** ProjectionExpression or AttributesToGet. */
  function projection(body: Body, ph: Placeholders): Path[] | undefined {
    if (typeof body.ProjectionExpression === 'string') return parseProjection(body.ProjectionExpression, ph);
    if (Array.isArray(body.AttributesToGet)) return body.AttributesToGet.map((a) => [String(a)]);
    return undefined;
  }

  function consumed(body: Body, t: Table, units: number): Record<string, unknown> {
    const mode = body.ReturnConsumedCapacity;
    if (mode !== 'TOTAL' && mode !== 'INDEXES') return {};
    return { ConsumedCapacity: { TableName: t.name, CapacityUnits: units, ...(mode === 'INDEXES' ? { Table: { CapacityUnits: units } } : {}) } };
  }
  const writeUnits = (...items: (Item | undefined)[]): number => Math.max(1, ...items.map((i) => (i === undefined ? 0 : Math.ceil(itemSize(i) / 1024))));
  const readUnits = (bytes: number, consistent: unknown): number => Math.max(1, Math.ceil(bytes / 4096)) * (consistent === true ? 1 : 0.5);

  // ------------------------------------------------------------ writes and the stream

  /** Stores the write; appends a stream record when the item actually changed. */
  function commit(t: Table, id: string, before: Item | undefined, after: Item | undefined): void {
    if (after === undefined) {
      if (before === undefined) return;
      t.items.delete(id);
    } else {
      // a write that changes nothing (numbers and sets compare by value) leaves the item as it was
      if (before !== undefined && canonicalItem(before) === canonicalItem(after)) return;
      t.items.set(id, after);
    }
    const s = t.stream;
    if (s === undefined) return;
    const now = Date.now();
    s.sequence += 1n;
    const keys = structuredClone(keyOfItem(t, (after ?? before) as Item));
    const withNew = s.viewType === 'NEW_IMAGE' || s.viewType === 'NEW_AND_OLD_IMAGES';
    const withOld = s.viewType === 'OLD_IMAGE' || s.viewType === 'NEW_AND_OLD_IMAGES';
    const newImage = withNew && after !== undefined ? structuredClone(after) : undefined;
    const oldImage = withOld && before !== undefined ? structuredClone(before) : undefined;
    const data = {
      ApproximateCreationDateTime: Math.floor(now / 1000),
      Keys: keys,
      ...(newImage !== undefined ? { NewImage: newImage } : {}),
      ...(oldImage !== undefined ? { OldImage: oldImage } : {}),
      SequenceNumber: s.sequence.toString(),
      SizeBytes: itemSize(keys) + (newImage === undefined ? 0 : itemSize(newImage)) + (oldImage === undefined ? 0 : itemSize(oldImage)),
      StreamViewType: s.viewType,
    };
    const record: DynamoDBRecord = {
      eventID: randomUUID().replace(/-/g, ''),
      eventName: before === undefined ? 'INSERT' : after === undefined ? 'REMOVE' : 'MODIFY',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: REGION,
      // the JSON wire format's attribute values are the stream record's
      dynamodb: data as DynamoDBRecord['dynamodb'],
      eventSourceARN: s.arn,
    };
    s.log.append({ record, arrived: now });
    if (s.pollers.length > 0) s.log.trimBefore(Math.min(...s.pollers.map((p) => p.position())));
    else s.log.trimBefore(s.log.end - UNREAD_RECORDS_KEPT);
    for (const p of s.pollers) p.notify();
  }

  // ------------------------------------------------------------ item operations

  function putItem(body: Body): unknown {
    rejectLegacy(body, ['Expected', 'ConditionalOperator']);
    const t = table(body.TableName);
    validateItem(body.Item);
    const item = body.Item;
    const { id } = itemKey(t, item);
    checkSize(item);
    return replaceItem(body, t, id, item);
  }

  function getItem(body: Body): unknown {
    const t = table(body.TableName);
    const { id } = exactKey(t, body.Key);
    const ph = placeholders(body, [body.ProjectionExpression]);
    const paths = projection(body, ph);
    ph.checkAllUsed();
    const item = t.items.get(id);
    const units = readUnits(item === undefined ? 0 : itemSize(item), body.ConsistentRead);
    if (item === undefined) return consumed(body, t, units);
    return { Item: paths === undefined ? item : project(item, paths), ...consumed(body, t, units) };
  }

  function updateItem(body: Body): unknown {
    rejectLegacy(body, ['AttributeUpdates', 'Expected', 'ConditionalOperator']);
    const t = table(body.TableName);
    const { key, id } = exactKey(t, body.Key);
    const ph = placeholders(body, [body.UpdateExpression, body.ConditionExpression]);
    const actions = typeof body.UpdateExpression === 'string' ? parseUpdate(body.UpdateExpression, ph) : [];
    const cond = condition(body, ph);
    ph.checkAllUsed();
    const rv = body.ReturnValues ?? 'NONE';
    if (!['NONE', 'ALL_OLD', 'UPDATED_OLD', 'ALL_NEW', 'UPDATED_NEW'].includes(String(rv))) throw new ValidationError(`1 validation error detected: Value '${String(rv)}' at 'returnValues' failed to satisfy constraint: Member must satisfy enum value set: [ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW]`);
    const before = t.items.get(id);
    if (cond !== undefined && !evaluate(cond, before)) throw conditionalFailed(before, body.ReturnValuesOnConditionCheckFailure);
    const { item: updated, paths } = applyUpdate(before, actions, keyNames(t));
    const after: Item = before === undefined ? { ...structuredClone(key), ...updated } : updated;
    checkSize(after);
    commit(t, id, before, after);
    let attributes: Item | undefined;
    if (rv === 'ALL_NEW') attributes = after;
    else if (rv === 'ALL_OLD') attributes = before;
    else if (rv === 'UPDATED_NEW') attributes = project(after, paths);
    else if (rv === 'UPDATED_OLD' && before !== undefined) attributes = project(before, paths);
    const out = attributes !== undefined && Object.keys(attributes).length > 0 ? { Attributes: attributes } : {};
    return { ...out, ...consumed(body, t, writeUnits(before, after)) };
  }

  function deleteItem(body: Body): unknown {
    rejectLegacy(body, ['Expected', 'ConditionalOperator']);
    const t = table(body.TableName);
    const { id } = exactKey(t, body.Key);
    return replaceItem(body, t, id, undefined);
  }

  /** PutItem and DeleteItem after their key: the condition, ALL_OLD or NONE, the write (undefined: delete). */
  function replaceItem(body: Body, t: Table, id: string, after: Item | undefined): unknown {
    const ph = placeholders(body, [body.ConditionExpression]);
    const cond = condition(body, ph);
    ph.checkAllUsed();
    const rv = body.ReturnValues ?? 'NONE';
    if (rv !== 'NONE' && rv !== 'ALL_OLD') throw new ValidationError('ReturnValues can only be ALL_OLD or NONE');
    const before = t.items.get(id);
    if (cond !== undefined && !evaluate(cond, before)) throw conditionalFailed(before, body.ReturnValuesOnConditionCheckFailure);
    commit(t, id, before, after);
    return { ...(rv === 'ALL_OLD' && before !== undefined ? { Attributes: before } : {}), ...consumed(body, t, writeUnits(before, after)) };
  }

  // ------------------------------------------------------------ reads of many items

  /** Scan order: partitions by the hash of their key value (as DynamoDB spreads them), then sort key. */
  function scanKey(t: Table, item: Item): string {
    const hash = canonical(item[t.hashKey]);
    return `${createHash('md5').update(hash).digest('hex')}\u0000${hash}`;
  }

  function scanOrder(t: Table, a: Item, b: Item, keyA = scanKey(t, a), keyB = scanKey(t, b)): number {
    if (keyA !== keyB) return keyA < keyB ? -1 : 1;
    return t.rangeKey === undefined ? 0 : (compareValues(a[t.rangeKey], b[t.rangeKey]) ?? 0);
  }

  /** One page of already ordered items after ExclusiveStartKey: Limit and the 1 MB page size. */
  function page(t: Table, body: Body, ordered: Item[], after: (item: Item, start: Item) => boolean, filter: Condition | undefined, paths: Path[] | undefined): Record<string, unknown> {
    let items = ordered;
    if (body.ExclusiveStartKey !== undefined) {
      const { key } = exactKeyForPaging(t, body.ExclusiveStartKey);
      items = items.filter((i) => after(i, key));
    }
    const limit = body.Limit;
    if (limit !== undefined && (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1)) {
      throw new ValidationError(`1 validation error detected: Value '${String(limit)}' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1`);
    }
    const scanned: Item[] = [];
    let bytes = 0;
    let stopped = false;
    for (const item of items) {
      if (typeof limit === 'number' && scanned.length >= limit) {
        stopped = true;
        break;
      }
      scanned.push(item);
      bytes += itemSize(item);
      if (bytes >= PAGE_BYTES && scanned.length < items.length) {
        stopped = true;
        break;
      }
    }
    // DynamoDB answers a LastEvaluatedKey whenever it stopped at the Limit, even on the last item.
    if (typeof limit === 'number' && scanned.length === limit) stopped = true;
    const matched = filter === undefined ? scanned : scanned.filter((i) => evaluate(filter, i));
    const last = scanned[scanned.length - 1];
    const select = body.Select ?? (paths === undefined ? 'ALL_ATTRIBUTES' : 'SPECIFIC_ATTRIBUTES');
    if (select === 'SPECIFIC_ATTRIBUTES' && paths === undefined) throw new ValidationError('Select is SPECIFIC_ATTRIBUTES but no ProjectionExpression or AttributesToGet was given');
    if (select === 'COUNT' && paths !== undefined) throw new ValidationError('Cannot specify the AttributesToGet or ProjectionExpression when choosing to get only the Count');
    return {
      ...(select === 'COUNT' ? {} : { Items: matched.map((i) => (paths === undefined ? i : project(i, paths))) }),
      Count: matched.length,
      ScannedCount: scanned.length,
      ...(stopped && last !== undefined ? { LastEvaluatedKey: keyOfItem(t, last) } : {}),
      ...consumed(body, t, readUnits(bytes, body.ConsistentRead)),
    };
  }

  function exactKeyForPaging(t: Table, key: unknown): { key: Item } {
    try {
      return exactKey(t, key);
    } catch {
      throw new ValidationError('The provided starting key is invalid: The provided key element does not match the schema');
    }
  }

  function query(body: Body): unknown {
    rejectLegacy(body, ['KeyConditions', 'QueryFilter', 'ConditionalOperator']);
    const t = table(body.TableName);
    if (body.IndexName !== undefined) throw new ValidationError(`The table does not have the specified index: ${String(body.IndexName)}`);
    if (typeof body.KeyConditionExpression !== 'string') throw new ValidationError('Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.');
    const ph = placeholders(body, [body.KeyConditionExpression, body.FilterExpression, body.ProjectionExpression]);
    const kc = keyCondition(parseCondition(body.KeyConditionExpression, 'KeyConditionExpression', ph), t.hashKey, t.rangeKey);
    const filter = typeof body.FilterExpression === 'string' ? parseCondition(body.FilterExpression, 'FilterExpression', ph) : undefined;
    const paths = projection(body, ph);
    ph.checkAllUsed();
    const mismatch = (): never => {
      throw new ValidationError('One or more parameter values were invalid: Condition parameter type does not match schema type');
    };
    if (typeOf(kc.hash) !== t.keyTypes[t.hashKey]) mismatch();
    const range = kc.range;
    if (range !== undefined && t.rangeKey !== undefined) {
      const rangeType = t.keyTypes[t.rangeKey];
      const operands = range.op === 'between' ? [range.low, range.high] : [range.value];
      if (operands.some((v) => typeOf(v) !== rangeType)) mismatch();
    }
    const forward = body.ScanIndexForward !== false;
    const hash = canonical(kc.hash);
    const rk = t.rangeKey;
    const items = [...t.items.values()].filter((i) => canonical(i[t.hashKey]) === hash && (range === undefined || rk === undefined || rangeMatches(i[rk], range)));
    if (rk !== undefined) items.sort((a, b) => (compareValues(a[rk], b[rk]) ?? 0) * (forward ? 1 : -1));
    const after = (item: Item, start: Item): boolean => {
      if (rk === undefined) return false;
      const cmp = compareValues(item[rk], start[rk]) ?? 0;
      return forward ? cmp > 0 : cmp < 0;
    };
    return page(t, body, items, after, filter, paths);
  }

  function scan(body: Body): unknown {
    rejectLegacy(body, ['ScanFilter', 'ConditionalOperator']);
    const t = table(body.TableName);
    if (body.IndexName !== undefined) throw new ValidationError(`The table does not have the specified index: ${String(body.IndexName)}`);
    const ph = placeholders(body, [body.FilterExpression, body.ProjectionExpression]);
    const filter = typeof body.FilterExpression === 'string' ? parseCondition(body.FilterExpression, 'FilterExpression', ph) : undefined;
    const paths = projection(body, ph);
    ph.checkAllUsed();
    const keyed = [...t.items.values()].map((item) => ({ item, key: scanKey(t, item) }));
    keyed.sort((a, b) => scanOrder(t, a.item, b.item, a.key, b.key));
    let items = keyed.map((k) => k.item);
    const segments = body.TotalSegments;
    if (segments !== undefined || body.Segment !== undefined) {
      const total = Number(segments);
      const segment = Number(body.Segment);
      if (!Number.isInteger(total) || total < 1 || !Number.isInteger(segment) || segment < 0 || segment >= total) {
        throw new ValidationError('The Segment parameter is required but was not present in the request when parameter TotalSegments is present');
      }
      items = items.filter((i) => parseInt(createHash('md5').update(canonical(i[t.hashKey])).digest('hex').slice(0, 8), 16) % total === segment);
    }
    return page(t, body, items, (item, start) => scanOrder(t, item, start) > 0, filter, paths);
  }

  // ------------------------------------------------------------ batches and transactions

  function batchWriteItem(body: Body): unknown {
    const requests = body.RequestItems;
    if (!isMap(requests) || Object.keys(requests).length === 0) throw new ValidationError("1 validation error detected: Value null at 'requestItems' failed to satisfy constraint: Member must not be null");
    const writes: { t: Table; id: string; item: Item | undefined }[] = [];
    for (const [name, list] of Object.entries(requests)) {
      const t = table(name);
      if (!Array.isArray(list) || list.length === 0) throw new ValidationError(`1 validation error detected: Value at 'requestItems' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length greater than or equal to 1]`);
      const ids = new Set<string>();
      for (const w of list as unknown[]) {
        const put = isMap(w) && isMap(w.PutRequest) ? w.PutRequest.Item : undefined;
        const del = isMap(w) && isMap(w.DeleteRequest) ? w.DeleteRequest.Key : undefined;
        if ((put === undefined) === (del === undefined)) throw new ValidationError('Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes');
        let entry: { t: Table; id: string; item: Item | undefined };
        if (put !== undefined) {
          validateItem(put);
          checkSize(put);
          entry = { t, id: itemKey(t, put).id, item: put };
        } else {
          entry = { t, id: exactKey(t, del).id, item: undefined };
        }
        if (ids.has(entry.id)) throw new ValidationError('Provided list of item keys contains duplicates');
        ids.add(entry.id);
        writes.push(entry);
      }
    }
    if (writes.length > 25) throw new ValidationError("1 validation error detected: Value at 'requestItems' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to 25, Member must have length greater than or equal to 1]");
    const units = new Map<Table, number>();
    for (const w of writes) {
      const before = w.t.items.get(w.id);
      commit(w.t, w.id, before, w.item);
      units.set(w.t, (units.get(w.t) ?? 0) + writeUnits(before, w.item));
    }
    const mode = body.ReturnConsumedCapacity;
    return {
      UnprocessedItems: {},
      ...(mode === 'TOTAL' || mode === 'INDEXES' ? { ConsumedCapacity: [...units].map(([t, n]) => ({ TableName: t.name, CapacityUnits: n })) } : {}),
    };
  }

  function batchGetItem(body: Body): unknown {
    const requests = body.RequestItems;
    if (!isMap(requests) || Object.keys(requests).length === 0) throw new ValidationError("1 validation error detected: Value null at 'requestItems' failed to satisfy constraint: Member must not be null");
    const responses: Record<string, Item[]> = {};
    let count = 0;
    for (const [name, req] of Object.entries(requests)) {
      const t = table(name);
      if (!isMap(req) || !Array.isArray(req.Keys) || req.Keys.length === 0) throw new ValidationError('The list of keys must not be empty');
      const ph = placeholders(req, [req.ProjectionExpression]);
      const paths = projection(req, ph);
      ph.checkAllUsed();
      const ids = new Set<string>();
      const found: Item[] = [];
      for (const k of req.Keys as unknown[]) {
        const { id } = exactKey(t, k);
        if (ids.has(id)) throw new ValidationError('Provided list of item keys contains duplicates');
        ids.add(id);
        count++;
        const item = t.items.get(id);
        if (item !== undefined) found.push(paths === undefined ? item : project(item, paths));
      }
      responses[t.name] = found;
    }
    if (count > 100) throw new ValidationError('Too many items requested for the BatchGetItem call');
    return { Responses: responses, UnprocessedKeys: {} };
  }

  function transactWriteItems(body: Body): unknown {
    const list = body.TransactItems;
    if (!Array.isArray(list) || list.length === 0 || list.length > 100) {
      throw new ValidationError("1 validation error detected: Value at 'transactItems' failed to satisfy constraint: Member must have length less than or equal to 100, Member must have length greater than or equal to 1");
    }
    interface Planned {
      t: Table;
      id: string;
      cond: Condition | undefined;
      returnOnFailure: unknown;
      write: (before: Item | undefined) => Item | undefined | 'keep';
    }
    const plans: Planned[] = [];
    const seen = new Set<string>();
    for (const entry of list as unknown[]) {
      if (!isMap(entry)) throw new ValidationError('TransactItems can only contain one of Check, Put, Update or Delete');
      const kinds = ['ConditionCheck', 'Put', 'Update', 'Delete'].filter((k) => entry[k] !== undefined);
      if (kinds.length !== 1) throw new ValidationError('TransactItems can only contain one of Check, Put, Update or Delete');
      const kind = kinds[0] as string;
      const op = entry[kind];
      if (!isMap(op)) throw new ValidationError(`Invalid ${kind}`);
      const t = table(op.TableName);
      const ph = placeholders(op, [op.ConditionExpression, op.UpdateExpression]);
      let plan: Planned;
      if (kind === 'Put') {
        validateItem(op.Item);
        const item = op.Item;
        checkSize(item);
        plan = { t, id: itemKey(t, item).id, cond: condition(op, ph), returnOnFailure: op.ReturnValuesOnConditionCheckFailure, write: () => item };
      } else {
        const { key, id } = exactKey(t, op.Key);
        const cond = condition(op, ph);
        if (kind === 'ConditionCheck' && cond === undefined) throw new ValidationError('The ConditionExpression parameter is required for a ConditionCheck');
        const actions = kind === 'Update' ? parseUpdate(String(op.UpdateExpression ?? ''), ph) : [];
        const names = keyNames(t);
        plan = {
          t,
          id,
          cond,
          returnOnFailure: op.ReturnValuesOnConditionCheckFailure,
          write:
            kind === 'ConditionCheck'
              ? () => 'keep'
              : kind === 'Delete'
                ? () => undefined
                : (before) => {
                    const { item } = applyUpdate(before, actions, names);
                    const after = before === undefined ? { ...structuredClone(key), ...item } : item;
                    checkSize(after);
                    return after;
                  },
        };
      }
      ph.checkAllUsed();
      const unique = `${t.name}\u0000${plan.id}`;
      if (seen.has(unique)) throw new ValidationError('Transaction request cannot include multiple operations on one item');
      seen.add(unique);
      plans.push(plan);
    }
    const reasons = plans.map((p) => {
      const before = p.t.items.get(p.id);
      if (p.cond === undefined || evaluate(p.cond, before)) return { Code: 'None' };
      return { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed', ...(p.returnOnFailure === 'ALL_OLD' && before !== undefined ? { Item: before } : {}) };
    });
    if (reasons.some((r) => r.Code !== 'None')) {
      throw new DynamoError(`${NS}#TransactionCanceledException`, `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(', ')}]`, { CancellationReasons: reasons });
    }
    // compute every write before applying any, so a failing update leaves nothing half done
    const results = plans.map((p) => {
      const before = p.t.items.get(p.id);
      return { p, before, after: p.write(before) };
    });
    for (const { p, before, after } of results) if (after !== 'keep') commit(p.t, p.id, before, after);
    return {};
  }

  // ------------------------------------------------------------ tables

  function describe(t: Table): Record<string, unknown> {
    let bytes = 0;
    for (const i of t.items.values()) bytes += itemSize(i);
    const keys = keyNames(t);
    return {
      AttributeDefinitions: keys.map((k) => ({ AttributeName: k, AttributeType: t.keyTypes[k] })),
      TableName: t.name,
      KeySchema: keys.map((k, i) => ({ AttributeName: k, KeyType: i === 0 ? 'HASH' : 'RANGE' })),
      TableStatus: 'ACTIVE',
      CreationDateTime: t.createdAt / 1000,
      ProvisionedThroughput: { NumberOfDecreasesToday: 0, ReadCapacityUnits: 0, WriteCapacityUnits: 0 },
      TableSizeBytes: bytes,
      ItemCount: t.items.size,
      TableArn: t.arn,
      TableId: t.id,
      BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST', LastUpdateToPayPerRequestDateTime: t.createdAt / 1000 },
      ...(t.stream !== undefined
        ? { StreamSpecification: { StreamEnabled: true, StreamViewType: t.stream.viewType }, LatestStreamLabel: t.stream.label, LatestStreamArn: t.stream.arn }
        : {}),
      DeletionProtectionEnabled: false,
    };
  }

  function listTables(body: Body): unknown {
    const names = [...tables.keys()].sort();
    const start = str(body.ExclusiveStartTableName);
    const from = start === undefined ? names : names.filter((n) => n > start);
    const limit = typeof body.Limit === 'number' ? body.Limit : 100;
    const out = from.slice(0, limit);
    return { TableNames: out, ...(from.length > limit ? { LastEvaluatedTableName: out[out.length - 1] } : {}) };
  }

  const operations: Record<string, (body: Body) => unknown> = {
    PutItem: putItem,
    GetItem: getItem,
    UpdateItem: updateItem,
    DeleteItem: deleteItem,
    Query: query,
    Scan: scan,
    BatchWriteItem: batchWriteItem,
    BatchGetItem: batchGetItem,
    TransactWriteItems: transactWriteItems,
    DescribeTable: (body) => ({ Table: describe(table(body.TableName, true)) }),
    ListTables: listTables,
  };

  // ------------------------------------------------------------ stream event source mappings

  function addStreamSource(tableName: string, functionName: string, o: StreamSourceOptions = {}): void {
    const t = tables.get(tableName);
    if (t === undefined) throw new Error(`addStreamSource: no table ${tableName}`);
    const s = t.stream;
    if (s === undefined) throw new Error(`addStreamSource: table ${tableName} has no stream`);
    const poller = startShardPoller<StreamEntry>({
      log: s.log,
      from: o.startingPosition === 'LATEST' ? s.log.end : s.log.start,
      batchSize: o.batchSize ?? 100,
      windowMs: o.maximumBatchingWindowMs ?? 500,
      maxRetries: o.maximumRetryAttempts ?? 3,
      retryDelayMs,
      arrivedAt: (e) => e.arrived,
      deliver: async (batch): Promise<DeliveryResult> => {
        const out = await opts.invoker.invoke(functionName, { Records: batch.map((e) => e.record) });
        if (out.status === 'throttled') return { ok: false, throttled: true, error: new Error(`${functionName} throttled`) };
        if (out.status !== 'success') return { ok: false, error: new Error(`${functionName} failed (${out.status}${out.functionError !== undefined ? `, ${out.functionError}` : ''}), request ${out.requestId}`) };
        if (o.reportBatchItemFailures !== true) return { ok: true };
        return partialFailure(batch.map((e) => e.record.dynamodb?.SequenceNumber ?? ''), out.payload, functionName);
      },
      onSkip: (batch, error, attempts) => {
        const first = batch[0]?.record.dynamodb?.SequenceNumber ?? '';
        const last = batch[batch.length - 1]?.record.dynamodb?.SequenceNumber ?? '';
        const reason = error instanceof Error ? error.message : String(error);
        opts.onError?.(new Error(`DynamoDB stream of ${tableName} -> ${functionName}: skipped ${batch.length} record(s) ${first}..${last} after ${attempts} failed attempts: ${reason}`));
      },
    });
    s.pollers.push(poller);
    poller.notify();
  }

  return {
    name: 'dynamodb',

    createTable(name, o) {
      if (tables.has(name)) throw new Error(`createTable: table ${name} exists`);
      const createdAt = Date.now();
      const tableArn = arn('dynamodb', `table/${name}`);
      const label = new Date(createdAt).toISOString().replace(/Z$/, '');
      const keyTypes: Record<string, KeyType> = { [o.hashKey]: o.hashKeyType ?? 'S' };
      if (o.rangeKey !== undefined) keyTypes[o.rangeKey] = o.rangeKeyType ?? 'S';
      tables.set(name, {
        name,
        arn: tableArn,
        id: randomUUID(),
        hashKey: o.hashKey,
        rangeKey: o.rangeKey,
        keyTypes,
        createdAt,
        items: new Map(),
        stream:
          o.stream === undefined
            ? undefined
            : { viewType: o.stream, arn: `${tableArn}/stream/${label}`, label, log: new RecordLog(), sequence: BigInt(Math.floor(createdAt / 1000)) * 100_000_000_000n, pollers: [] },
      });
    },

    addStreamSource,

    handle(req: AwsRequest): AwsResponse {
      const target = req.headers['x-amz-target'] ?? '';
      const op = target.startsWith(TARGET_PREFIX) ? operations[target.slice(TARGET_PREFIX.length)] : undefined;
      if (op === undefined) return answer({ __type: 'com.amazon.coral.service#UnknownOperationException', message: `Unrecognized operation ${target}` }, 400);
      let body: Body;
      try {
        const parsed: unknown = JSON.parse(req.body.length === 0 ? '{}' : req.body.toString('utf8'));
        if (!isMap(parsed)) throw new Error('not an object');
        body = parsed;
      } catch {
        return answer({ __type: 'com.amazon.coral.service#SerializationException', Message: 'Start of structure or map found where not expected.' }, 400);
      }
      try {
        return answer(op(body));
      } catch (err) {
        if (err instanceof ValidationError) return answer({ __type: 'com.amazon.coral.validate#ValidationException', message: err.message }, 400);
        if (err instanceof DynamoError) return answer({ __type: err.type, message: err.message, ...err.extra }, 400);
        throw err;
      }
    },

    async close() {
      const pollers = [...tables.values()].flatMap((t) => t.stream?.pollers ?? []);
      await Promise.all(pollers.map((p) => p.close()));
    },
  };
}
