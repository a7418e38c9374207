import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decodeLogs } from '@nightjar/otlp';
import { encodeLogsRequest, type TracerLogRecord } from './encode-logs.ts';

const decode = (body: Uint8Array) => decodeLogs(body, 'protobuf', { project: 'p' });
const resource = { 'service.name': 'orders', 'faas.name': 'orders', 'cloud.provider': 'aws' };
const scope = { name: '@nightjar/lambda', version: '0.1.0' };

describe('encodeLogsRequest, read back by the real decoder', () => {
  test('every field of a console line', () => {
    const records: TracerLogRecord[] = [
      {
        timeNs: 1700000000123456789n,
        severityText: 'WARN',
        body: 'disk almost full: 93% ✓',
        traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
        spanId: '00f067aa0ba902b7',
        attributes: { 'faas.invocation_id': 'req-1', 'log.iostream': 'stderr', skipped: undefined },
      },
      { timeNs: '1700000000200000000', severityText: 'DEBUG', body: '' },
    ];
    const out = decode(encodeLogsRequest(records, resource, scope));
    assert.deepEqual(out.rejected, 0);
    assert.equal(out.rows.length, 2);
    const [a, b] = out.rows;
    assert.ok(a !== undefined && b !== undefined);
    assert.equal(a.timeNs, '1700000000123456789');
    assert.equal(a.observedNs, '1700000000123456789');
    assert.equal(a.severityNumber, 13);
    assert.equal(a.severityText, 'WARN');
    assert.equal(a.body, 'disk almost full: 93% ✓');
    assert.equal(a.traceId, '4bf92f3577b34da6a3ce929d0e0e4736');
    assert.equal(a.spanId, '00f067aa0ba902b7');
    assert.equal(a.requestId, 'req-1');
    assert.equal(a.function, 'orders');
    assert.equal(a.attributes['log.iostream'], 'stderr');
    assert.equal('skipped' in a.attributes, false);
    assert.equal(a.resource['service.name'], 'orders');
    assert.equal(b.severityNumber, 5);
    assert.equal(b.traceId, '');
    assert.equal(b.spanId, '');
    assert.equal(b.requestId, '');
  });

  test('severity numbers of every level', () => {
    const levels = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR'] as const;
    const out = decode(encodeLogsRequest(levels.map((l) => ({ timeNs: 1n, severityText: l, body: l })), resource, scope));
    assert.deepEqual(out.rows.map((r) => [r.severityText, r.severityNumber]), [['TRACE', 1], ['DEBUG', 5], ['INFO', 9], ['WARN', 13], ['ERROR', 17]]);
  });
});
