import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { decodeFirehoseRequest, FirehoseEnvelopeError, firehoseResponse } from './firehose-envelope.ts';

const BODY = '{"requestId":"ed4acda5-034f-9f42-bba1-f29aea6d7d8f","timestamp":1578090901599,"records":[{"data":"aGVsbG8="},{"data":"aGVsbG8gd29ybGQ="}]}';

test('decodes the delivery request envelope from text and bytes', () => {
  const expected = { requestId: 'ed4acda5-034f-9f42-bba1-f29aea6d7d8f', timestamp: 1578090901599, records: ['aGVsbG8=', 'aGVsbG8gd29ybGQ='] };
  assert.deepEqual(decodeFirehoseRequest(BODY), expected);
  assert.deepEqual(decodeFirehoseRequest(new TextEncoder().encode(BODY)), expected);
  assert.deepEqual(decodeFirehoseRequest(gzipSync(BODY)), expected, 'Content-Encoding: gzip body');
  assert.deepEqual(decodeFirehoseRequest('{"requestId":"a","timestamp":1,"records":[]}').records, []);
});

test('malformed envelopes throw FirehoseEnvelopeError, with the request id when known', () => {
  const cases: [string, RegExp, string | null][] = [
    ['not json', /not valid JSON/, null],
    ['[]', /not a JSON object/, null],
    ['{"timestamp":1,"records":[]}', /requestId/, null],
    ['{"requestId":"r1","records":[]}', /timestamp/, 'r1'],
    ['{"requestId":"r1","timestamp":1}', /records/, 'r1'],
    ['{"requestId":"r1","timestamp":1,"records":[{"data":"YQ=="},{"nodata":1}]}', /records\[1\]/, 'r1'],
  ];
  for (const [body, message, requestId] of cases) {
    assert.throws(
      () => decodeFirehoseRequest(body),
      (err: unknown) => err instanceof FirehoseEnvelopeError && message.test(err.message) && err.requestId === requestId,
      body,
    );
  }
});

test('a gzip body past the size cap is refused', () => {
  const big = gzipSync(Buffer.alloc(1 << 20, 0x20));
  assert.throws(() => decodeFirehoseRequest(big, { maxDecompressedBytes: 1024 }), /exceeds the limit of 1024 bytes/);
});

test('response JSON echoes the request id, with errorMessage only on failure', () => {
  assert.deepEqual(JSON.parse(firehoseResponse('ed4acda5', 1578090903599)), { requestId: 'ed4acda5', timestamp: 1578090903599 });
  assert.deepEqual(JSON.parse(firehoseResponse('ed4acda5', 1578090903599.7, 'store unavailable')), {
    requestId: 'ed4acda5',
    timestamp: 1578090903599,
    errorMessage: 'store unavailable',
  });
});
