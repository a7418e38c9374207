import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { decodeCloudWatchRecord } from './cloudwatch-record.ts';
import { buildCloudWatchPayload, buildControlMessage, gzipFirehoseRecord, plainFirehoseRecord } from './fixtures/build.ts';

const payload = buildCloudWatchPayload({
  logGroup: '/aws/lambda/orders',
  logStream: '2024/01/10/[$LATEST]3f1c8a7e9b2d4c6f8a0e1b3d5f7a9c2e',
  events: [{ timestamp: 1704879012345, message: 'START RequestId: 0c90003a-8970-474c-b696-fca5336ef4f5 Version: $LATEST\n' }],
});

test('gzip records (as CloudWatch sends them) decode to the payload', () => {
  const result = decodeCloudWatchRecord(gzipFirehoseRecord(payload));
  assert.deepEqual(result, { ok: true, payloads: [payload] });
});

test('already decompressed records (Firehose decompression on) decode too', () => {
  assert.deepEqual(decodeCloudWatchRecord(plainFirehoseRecord(payload)), { ok: true, payloads: [payload] });
});

test('concatenated gzip members and back-to-back objects give every payload', () => {
  const second = { ...payload, logStream: 'other' };
  const twoMembers = Buffer.concat([gzipSync(JSON.stringify(payload)), gzipSync(JSON.stringify(second))]).toString('base64');
  assert.deepEqual(decodeCloudWatchRecord(twoMembers), { ok: true, payloads: [payload, second] });
  const ndjson = Buffer.from(`${JSON.stringify(payload)}\n${JSON.stringify(second)}\n`).toString('base64');
  assert.deepEqual(decodeCloudWatchRecord(ndjson), { ok: true, payloads: [payload, second] });
});

test('control messages decode (they carry no rows)', () => {
  const result = decodeCloudWatchRecord(gzipFirehoseRecord(buildControlMessage(1704879012345)));
  assert.ok(result.ok);
  assert.equal(result.payloads[0]?.messageType, 'CONTROL_MESSAGE');
});

test('bad records come back as a reason and a sample, never a throw', () => {
  const cases: [unknown, RegExp][] = [
    ['!!!not base64!!!', /not base64/],
    ['', /empty/],
    [42, /not a string/],
    [Buffer.from('hello world').toString('base64'), /neither gzip nor a JSON/],
    [Buffer.from([0x1f, 0x8b, 0x08, 0, 1, 2, 3]).toString('base64'), /^gzip: /],
    [gzipFirehoseRecord('{"messageType":"DATA_MESSAGE"}'), /no logEvents/],
    [gzipFirehoseRecord('{"messageType":"NOPE","logEvents":[]}'), /unknown messageType NOPE/],
    [gzipFirehoseRecord(JSON.stringify({ ...payload, logEvents: [{ id: '1', timestamp: 'soon', message: 'x' }] })), /logEvents\[0\]: log event has no valid timestamp/],
  ];
  for (const [data, reason] of cases) {
    const result = decodeCloudWatchRecord(data);
    assert.equal(result.ok, false, String(data));
    if (!result.ok) {
      assert.match(result.reason, reason);
      assert.ok(result.sample.length <= 2048);
    }
  }
});

test('a gzip bomb is rejected at the size cap with a clear reason, in bounded memory', () => {
  // 64 gzip members of 16 MiB of zeros: ~1 GiB once inflated, ~1 MB as a record.
  const member = gzipSync(Buffer.alloc(16 * 1024 * 1024), { level: 9 });
  const bomb = Buffer.concat(Array.from({ length: 64 }, () => member)).toString('base64');
  const before = process.memoryUsage().rss;
  const result = decodeCloudWatchRecord(bomb, { maxDecompressedBytes: 4 * 1024 * 1024 });
  const grown = process.memoryUsage().rss - before;
  assert.equal(result.ok, false);
  if (!result.ok) assert.match(result.reason, /decompressed size exceeds the limit of 4194304 bytes/);
  assert.ok(grown < 256 * 1024 * 1024, `memory grew by ${grown} bytes`);
  // The default cap (16 MiB) holds as well.
  const again = decodeCloudWatchRecord(bomb);
  assert.equal(again.ok, false);
  if (!again.ok) assert.match(again.reason, /exceeds the limit of 16777216 bytes/);
});
