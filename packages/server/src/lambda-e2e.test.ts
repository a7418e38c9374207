// Lambda platform data end to end: Firehose deliveries of CloudWatch Logs subscription payloads and
// Telemetry API batches, merged into one invocation row each; bad records kept apart with a reason.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import type { IngestErrorItem, InvocationDetail, InvocationItem, ListResponse } from '@nightjar/model';
import { eventually, startTestServer } from './test-server.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
before(async () => {
  server = await startTestServer({ firehoseAccessKey: 'k3y' });
});
after(async () => {
  await server.stop();
});

function cloudWatchRecord(fn: string, events: { timestamp: number; message: string }[]): string {
  const payload = {
    messageType: 'DATA_MESSAGE',
    owner: '123456789012',
    logGroup: `/aws/lambda/${fn}`,
    logStream: '2026/11/23/[$LATEST]0123456789abcdef0123456789abcdef',
    subscriptionFilters: ['nightjar'],
    logEvents: events.map((e, i) => ({ id: `3792384956193857283749573829174658392017465839201746${String(i).padStart(2, "0")}`, ...e })),
  };
  return gzipSync(Buffer.from(JSON.stringify(payload))).toString('base64');
}

function firehose(records: string[], requestId = 'fh-req-1', key = 'k3y') {
  return fetch(`${server.url}/ingest/firehose`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-amz-firehose-access-key': key, 'x-amz-firehose-request-id': requestId },
    body: JSON.stringify({ requestId, timestamp: Date.now(), records: records.map((data) => ({ data })) }),
  });
}

const T = Date.now() - 60_000;
const RID = '3f1d7c2a-8b9e-4c5d-a6f7-0123456789ab';

test('a Firehose delivery with one corrupt record keeps the good ones, answers 200 and shows the bad one', async () => {
  const good = cloudWatchRecord('orders-api', [
    { timestamp: T, message: `START RequestId: ${RID} Version: 7\n` },
    { timestamp: T + 5, message: `${new Date(T + 5).toISOString()}\t${RID}\tINFO\tplacing order 991 for user u-42\n` },
    { timestamp: T + 120, message: `END RequestId: ${RID}\n` },
    {
      timestamp: T + 121,
      message: `REPORT RequestId: ${RID}\tDuration: 118.25 ms\tBilled Duration: 119 ms\tMemory Size: 512 MB\tMax Memory Used: 91 MB\tInit Duration: 301.44 ms\t\nXRAY TraceId: 1-6741a2b3-0123456789abcdef01234567\tSegmentId: 0123456789abcdef\tSampled: true\t\n`,
    },
  ]);
  const res = await firehose([good, 'bm90IGd6aXA='], 'fh-req-1');
  assert.equal(res.status, 200);
  const body = (await res.json()) as { requestId: string; timestamp: number };
  assert.equal(body.requestId, 'fh-req-1');
  assert.equal(typeof body.timestamp, 'number');

  const inv = await eventually(async () => {
    const r = await server.getJson<ListResponse<InvocationItem>>('/api/invocations?function=orders-api');
    return r.body.items.find((i) => i.requestId === RID && i.durationMs !== null);
  });
  assert.equal(inv.function, 'orders-api');
  assert.equal(inv.durationMs, 118.25);
  assert.equal(inv.billedDurationMs, 119);
  assert.equal(inv.memorySizeMb, 512);
  assert.equal(inv.maxMemoryUsedMb, 91);
  assert.equal(inv.initDurationMs, 301.44);
  assert.equal(inv.coldStart, true);
  assert.equal(inv.status, 'success');
  assert.equal(inv.traceId, '6741a2b30123456789abcdef01234567');
  assert.ok(inv.costUsd !== null && inv.costUsd > 0);

  const detail = await server.getJson<InvocationDetail>(`/api/invocations/orders-api/${RID}`);
  assert.equal(detail.status, 200);
  assert.ok(detail.body.logs.some((l) => l.body.includes('placing order 991')));

  const errors = await eventually(async () => {
    const r = await server.getJson<ListResponse<IngestErrorItem>>('/api/ingest-errors');
    return r.body.items.length > 0 ? r.body.items : undefined;
  });
  assert.equal(errors[0]!.source, 'firehose');
  assert.match(errors[0]!.reason, /record 1 of Firehose request fh-req-1/);
});

test('Firehose: a wrong access key is refused with 401 and the request id echoed; a malformed envelope is 400', async () => {
  const res = await firehose([], 'fh-req-2', 'wrong');
  assert.equal(res.status, 401);
  assert.equal(((await res.json()) as { requestId: string }).requestId, 'fh-req-2');
  const bad = await fetch(`${server.url}/ingest/firehose`, { method: 'POST', headers: { 'x-amz-firehose-access-key': 'k3y' }, body: '{"records": 5}' });
  assert.equal(bad.status, 400);
});

test('timeouts from platform lines and Telemetry API events merge into one invocation', async () => {
  const rid = '9a8b7c6d-1111-2222-3333-444455556666';
  const t = T + 5000;
  const logs = cloudWatchRecord('payments', [
    { timestamp: t, message: `START RequestId: ${rid} Version: $LATEST\n` },
    { timestamp: t + 3001, message: `${new Date(t + 3001).toISOString()} ${rid} Task timed out after 3.00 seconds\n\n` },
    { timestamp: t + 3002, message: `END RequestId: ${rid}\n` },
    { timestamp: t + 3003, message: `REPORT RequestId: ${rid}\tDuration: 3000.00 ms\tBilled Duration: 3000 ms\tMemory Size: 128 MB\tMax Memory Used: 64 MB\t\n` },
  ]);
  assert.equal((await firehose([logs], 'fh-req-3')).status, 200);
  const events = [
    { time: new Date(t).toISOString(), type: 'platform.start', record: { requestId: rid, version: '$LATEST' } },
    { time: new Date(t + 3003).toISOString(), type: 'platform.report', record: { requestId: rid, status: 'timeout', metrics: { durationMs: 3000.0, billedDurationMs: 3000, memorySizeMB: 128, maxMemoryUsedMB: 64 } } },
    { time: new Date(t + 3003).toISOString(), type: 'platform.report', record: { requestId: rid, status: 'timeout', metrics: { durationMs: 3000.0, billedDurationMs: 3000, memorySizeMB: 128, maxMemoryUsedMB: 64 } } },
  ];
  const tel = await fetch(`${server.url}/ingest/lambda-telemetry?function=payments&region=eu-west-1`, { method: 'POST', body: JSON.stringify(events) });
  assert.equal(tel.status, 200);
  const items = await eventually(async () => {
    const r = await server.getJson<ListResponse<InvocationItem>>('/api/invocations?function=payments&status=timeout');
    const found = r.body.items.filter((i) => i.requestId === rid);
    return found.length > 0 && found[0]!.sources.includes('telemetry') && found[0]!.sources.includes('report-log') ? found : undefined;
  });
  assert.equal(items.length, 1, 'one merged row per invocation');
  assert.equal(items[0]!.status, 'timeout');
  assert.equal(items[0]!.region, 'eu-west-1');
  assert.equal(items[0]!.durationMs, 3000);
  assert.equal(items[0]!.coldStart, false);
});

test('Telemetry API: a request without ?function is a 400 naming the parameter', async () => {
  const res = await fetch(`${server.url}/ingest/lambda-telemetry`, { method: 'POST', body: '[]' });
  assert.equal(res.status, 400);
  assert.match(((await res.json()) as { error: string }).error, /"function"/);
});
