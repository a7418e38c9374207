import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ProtobufLogsSerializer, ProtobufMetricsSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { ProtoReader } from './proto-reader.ts';
import { encodeExportResponse, encodeStatus } from './response.ts';

const text = (b: Uint8Array) => new TextDecoder().decode(b);

test('protobuf export responses read back with the real OpenTelemetry JS deserialisers', () => {
  assert.deepEqual(ProtobufTraceSerializer.deserializeResponse(encodeExportResponse('traces', 'protobuf', { rejected: 3, message: 'span "x": missing start time' })), {
    partialSuccess: { rejectedSpans: 3, errorMessage: 'span "x": missing start time' },
  });
  assert.deepEqual(ProtobufLogsSerializer.deserializeResponse(encodeExportResponse('logs', 'protobuf', { rejected: 2 ** 40, message: 'ünï' })), {
    partialSuccess: { rejectedLogRecords: 2 ** 40, errorMessage: 'ünï' },
  });
  assert.deepEqual(ProtobufMetricsSerializer.deserializeResponse(encodeExportResponse('metrics', 'protobuf', { rejected: 1, message: '' })), {
    partialSuccess: { rejectedDataPoints: 1 },
  });
});

test('a full success is the empty response', () => {
  assert.equal(encodeExportResponse('traces', 'protobuf').length, 0);
  assert.equal(encodeExportResponse('traces', 'protobuf', { rejected: 0, message: '' }).length, 0);
  assert.equal(text(encodeExportResponse('logs', 'json')), '{}');
  assert.equal(text(encodeExportResponse('metrics', 'json', { rejected: 0, message: '' })), '{}');
});

test('JSON export responses use lowerCamelCase and int64 as a string', () => {
  assert.deepEqual(JSON.parse(text(encodeExportResponse('traces', 'json', { rejected: 4, message: 'bad ids' }))), {
    partialSuccess: { rejectedSpans: '4', errorMessage: 'bad ids' },
  });
  assert.deepEqual(JSON.parse(text(encodeExportResponse('logs', 'json', { rejected: 1, message: '' }))), { partialSuccess: { rejectedLogRecords: '1' } });
  assert.deepEqual(JSON.parse(text(encodeExportResponse('metrics', 'json', { rejected: 0, message: 'warning only' }))), {
    partialSuccess: { errorMessage: 'warning only' },
  });
});

function readStatus(bytes: Uint8Array): { code: number; message: string } {
  const r = new ProtoReader(bytes, 8);
  let code = 0;
  let message = '';
  while (r.pos < r.cap) {
    const tag = r.varint32();
    if (tag === 8) code = r.varint32() | 0;
    else if (tag === 18) message = r.str(r.len(r.cap));
    else r.skip(tag);
  }
  return { code, message };
}

test('google.rpc.Status in protobuf and JSON', () => {
  assert.deepEqual(readStatus(encodeStatus('protobuf', 3, 'malformed OTLP payload: truncated varint')), { code: 3, message: 'malformed OTLP payload: truncated varint' });
  assert.deepEqual(readStatus(encodeStatus('protobuf', 14, '')), { code: 14, message: '' });
  assert.deepEqual(readStatus(encodeStatus('protobuf', -1, 'x')), { code: -1, message: 'x' }, 'negative int32 as a ten-byte varint');
  assert.deepEqual(Array.from(encodeStatus('protobuf', 8, 'ab')), [0x08, 8, 0x12, 2, 0x61, 0x62]);
  assert.deepEqual(JSON.parse(text(encodeStatus('json', 8, 'slow down'))), { code: 8, message: 'slow down' });
});
