import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { nsToIso, type LogRow } from '@nightjar/model';
import type { Store } from '../open-store.ts';
import { openTestStore, tempDir } from '../testing/temp-store.ts';
import { PROJECT, batch, hexId, log, nsAgo } from '../testing/rows.ts';
import { containsPattern } from './log-queries.ts';

const tmp = tempDir();
let store: Store;
const rows: LogRow[] = [
  log({ timeNs: nsAgo(50_000, '000001'), function: 'orders-api', requestId: 'r-1', severityText: 'INFO', severityNumber: 9, body: 'START RequestId: r-1 Version: $LATEST' }),
  log({ timeNs: nsAgo(40_000, '000002'), function: 'orders-api', requestId: 'r-1', traceId: hexId(7, 32), spanId: hexId(8, 16), severityText: 'ERROR', severityNumber: 17, body: 'Task Timed Out after 3.00 seconds', attributes: { 'aws.log.group': '/aws/lambda/orders-api' }, source: 'cloudwatch' }),
  log({ timeNs: nsAgo(30_000, '000003'), function: 'payments', requestId: 'r-2', severityText: 'WARN', severityNumber: 13, body: 'retrying 100% of _items_ with \\ backslash', source: 'otlp' }),
  log({ timeNs: nsAgo(20_000, '000004'), function: 'payments', requestId: 'r-2', severityText: 'INFO', severityNumber: 9, body: 'Ünïcode BODY: Grüße', source: 'telemetry' }),
];

before(async () => {
  store = await openTestStore(tmp.dir);
  await store.writer.write(batch({ logs: rows }));
});
after(async () => {
  await store.close();
  tmp.remove();
});

const ids = (xs: { body: string }[]) => xs.map((x) => rows.findIndex((r) => r.body === x.body));

test('logs come back exactly as written, newest first', async () => {
  const got = await store.queries.searchLogs({ project: PROJECT, limit: 10 });
  assert.deepEqual(ids(got), [3, 2, 1, 0]);
  const r = rows[1]!;
  assert.deepEqual(got[2], {
    time: nsToIso(r.timeNs), timeNs: r.timeNs, function: r.function, requestId: r.requestId, traceId: r.traceId, spanId: r.spanId,
    severityText: r.severityText, severityNumber: r.severityNumber, body: r.body, attributes: r.attributes, source: r.source,
  });
});

test('text search is a case-insensitive substring match; LIKE wildcards in the text are literal', async () => {
  assert.deepEqual(ids(await store.queries.searchLogs({ project: PROJECT, text: 'timed out', limit: 10 })), [1]);
  assert.deepEqual(ids(await store.queries.searchLogs({ project: PROJECT, text: 'TASK TIMED', limit: 10 })), [1]);
  assert.deepEqual(ids(await store.queries.searchLogs({ project: PROJECT, text: '100%', limit: 10 })), [2]);
  assert.deepEqual(ids(await store.queries.searchLogs({ project: PROJECT, text: '_items_', limit: 10 })), [2]);
  assert.deepEqual(ids(await store.queries.searchLogs({ project: PROJECT, text: '\\ back', limit: 10 })), [2]);
  assert.deepEqual(ids(await store.queries.searchLogs({ project: PROJECT, text: '%', limit: 10 })), [2]);
  assert.deepEqual(ids(await store.queries.searchLogs({ project: PROJECT, text: 'grüße', limit: 10 })), [3]);
  assert.deepEqual(ids(await store.queries.searchLogs({ project: PROJECT, text: 'ÜNÏCODE', limit: 10 })), [3]);
  assert.deepEqual(await store.queries.searchLogs({ project: PROJECT, text: 'no such words', limit: 10 }), []);
});

test('the body text index is used for text search', async () => {
  const plan = await store.db.query<{ explain: string }>(
    'EXPLAIN indexes = 1 SELECT count() FROM logs WHERE lowerUTF8(body) LIKE lowerUTF8({pattern:String})',
    { pattern: containsPattern('timed out') },
  );
  assert.match(plan.map((p) => p.explain).join('\n'), /Name: idx_body/);
});

test('filters: function, request id, trace id, minimum severity, time window, limit', async () => {
  assert.deepEqual(ids(await store.queries.searchLogs({ project: PROJECT, function: 'payments', limit: 10 })), [3, 2]);
  assert.deepEqual(ids(await store.queries.searchLogs({ project: PROJECT, requestId: 'r-1', limit: 10 })), [1, 0]);
  assert.deepEqual(ids(await store.queries.searchLogs({ project: PROJECT, traceId: hexId(7, 32).toUpperCase(), limit: 10 })), [1]);
  assert.deepEqual(ids(await store.queries.searchLogs({ project: PROJECT, minSeverity: 13, limit: 10 })), [2, 1]);
  assert.deepEqual(ids(await store.queries.searchLogs({ project: PROJECT, from: new Date(Date.now() - 45_000), to: new Date(Date.now() - 25_000), limit: 10 })), [2, 1]);
  assert.deepEqual(ids(await store.queries.searchLogs({ project: PROJECT, limit: 1 })), [3]);
  assert.deepEqual(await store.queries.searchLogs({ project: 'other', limit: 10 }), []);
});
