import { test } from 'node:test';
import assert from 'node:assert/strict';
import { context, trace, TraceFlags, type HrTime } from '@opentelemetry/api';
import { SeverityNumber } from '@opentelemetry/api-logs';
import type { ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { decodeLogs } from './decode.ts';
import { OtlpDecodeError } from './errors.ts';
import { TRUNCATION_MARKER } from './limits.ts';
import { expectedLogRow } from '../test/expected.ts';
import { loggerWith, serializeLogs, type Format } from '../test/sdk.ts';

/** A plain copy of an SDK record (its fields are getters) with some fields replaced. */
function copyRecord(rec: ReadableLogRecord, over: Partial<ReadableLogRecord>): ReadableLogRecord {
  return {
    hrTime: rec.hrTime,
    hrTimeObserved: rec.hrTimeObserved,
    spanContext: rec.spanContext,
    severityText: rec.severityText,
    severityNumber: rec.severityNumber,
    body: rec.body,
    eventName: rec.eventName,
    resource: rec.resource,
    instrumentationScope: rec.instrumentationScope,
    attributes: rec.attributes,
    droppedAttributesCount: rec.droppedAttributesCount,
    ...over,
  };
}

const T0: HrTime = [1_700_000_000, 987_654_321];
const inSpan = trace.setSpanContext(context.active(), {
  traceId: '0af7651916cd43dd8448eb211c80319c',
  spanId: 'b7ad6b7169203331',
  traceFlags: TraceFlags.SAMPLED,
});

function records() {
  const { logger, records } = loggerWith({ 'service.name': 'orders', 'faas.name': 'orders-prod', 'cloud.region': 'eu-west-1' });
  logger.emit({
    timestamp: T0,
    observedTimestamp: [T0[0] + 1, 1],
    severityNumber: SeverityNumber.ERROR,
    severityText: 'ERROR',
    body: 'payment failed for order o-1 ✗',
    attributes: { 'faas.invocation_id': 'req-1', 'code.lineno': 42, retry: true, ratio: 0.5, tags: ['a', 'b'] },
    context: inSpan,
  });
  logger.emit({
    timestamp: T0,
    severityNumber: SeverityNumber.INFO,
    body: { message: 'structured', nested: { n: 1, list: [1, 'two', false] }, bytes: new Uint8Array([1, 2, 255]) },
    attributes: { 'faas.name': 'attr-level-fn', 'faas.execution': 'legacy-req', map: { a: 1, b: 'x' }, raw: new Uint8Array([104, 105]) },
    eventName: 'order.checked',
  });
  logger.emit({ timestamp: T0, body: 42 });
  logger.emit({ timestamp: T0, body: ['x', 1.25] });
  logger.emit({ timestamp: T0, body: new Uint8Array([0, 1, 2]) });
  logger.emit({ timestamp: T0 });
  return records();
}

for (const format of ['protobuf', 'json'] as Format[]) {
  test(`${format}: every field of real SDK log records reaches the row`, () => {
    const recs = records();
    const r = decodeLogs(serializeLogs(recs, format), format, { project: 'p' });
    assert.equal(r.rejected, 0);
    assert.deepEqual(r.rows, recs.map((rec) => expectedLogRow(rec, 'p')));
  });

  test(`${format}: log rows spelled out`, () => {
    const rows = decodeLogs(serializeLogs(records(), format), format, { project: 'p' }).rows;
    const [first, second, third, fourth, fifth, sixth] = rows;
    assert.equal(first?.timeNs, '1700000000987654321');
    assert.equal(first?.observedNs, '1700000001000000001');
    assert.equal(first?.traceId, '0af7651916cd43dd8448eb211c80319c');
    assert.equal(first?.spanId, 'b7ad6b7169203331');
    assert.equal(first?.requestId, 'req-1');
    assert.equal(first?.function, 'orders-prod');
    assert.equal(first?.severityNumber, 17);
    assert.equal(first?.severityText, 'ERROR');
    assert.equal(first?.body, 'payment failed for order o-1 ✗');
    assert.equal(first?.attributes.tags, '["a","b"]');
    assert.equal(first?.source, 'otlp');
    assert.equal(second?.body, '{"message":"structured","nested":{"n":1,"list":[1,"two",false]},"bytes":"AQL/"}');
    assert.equal(second?.function, 'attr-level-fn');
    assert.equal(second?.requestId, 'legacy-req');
    assert.equal(second?.traceId, '');
    assert.equal(second?.attributes['event.name'], 'order.checked');
    assert.equal(second?.attributes.map, '{"a":1,"b":"x"}');
    assert.equal(second?.attributes.raw, 'aGk=');
    assert.equal(third?.body, '42');
    assert.equal(fourth?.body, '["x",1.25]');
    assert.equal(fifth?.body, 'AAEC');
    assert.equal(sixth?.body, '');
  });

  test(`${format}: a record without any time is rejected alone; body length is limited`, () => {
    const { logger, records: recs } = loggerWith({ 'service.name': 's' });
    logger.emit({ timestamp: T0, body: 'y'.repeat(100) });
    const all = recs();
    const timeless = copyRecord(all[0]!, { hrTime: [0, 0], hrTimeObserved: [0, 0] });
    const observedOnly = copyRecord(all[0]!, { hrTime: [0, 0], hrTimeObserved: [T0[0], 7] });
    const r = decodeLogs(serializeLogs([all[0]!, timeless, observedOnly], format), format, { project: 'p', limits: { maxBodyLength: 10 } });
    assert.equal(r.rejected, 1);
    assert.match(r.rejectReason, /missing time/);
    assert.equal(r.rows.length, 2);
    assert.equal(r.rows[0]?.body, 'yyyyyyyyyy' + TRUNCATION_MARKER);
    assert.equal(r.rows[1]?.timeNs, '1700000000000000007', 'observed time stands in for a missing time');
    assert.equal(r.stats.truncatedValues, 3, 'stats count every record read, the rejected one too');
  });

  test(`${format}: a bad trace id rejects the record alone`, () => {
    const { logger, records: recs } = loggerWith({});
    logger.emit({ timestamp: T0, body: 'ok' });
    const [ok] = recs();
    const bad = copyRecord(ok!, { body: 'bad', spanContext: { traceId: 'abcdef', spanId: 'b7ad6b7169203331', traceFlags: 1 } });
    const r = decodeLogs(serializeLogs([ok!, bad], format), format, { project: 'p' });
    assert.equal(r.rejected, 1);
    assert.match(r.rejectReason, /trace id must be empty or/);
    assert.deepEqual(r.rows.map((x) => x.body), ['ok']);
  });

  test(`${format}: a body nested deeper than maxDepth is a malformed request`, () => {
    const { logger, records: recs } = loggerWith({});
    let body: Record<string, unknown> = { leaf: 1 };
    for (let i = 0; i < 40; i++) body = { inner: body };
    logger.emit({ timestamp: T0, body: body as never });
    const bytes = serializeLogs(recs(), format);
    assert.throws(() => decodeLogs(bytes, format, { project: 'p' }), OtlpDecodeError);
    assert.equal(decodeLogs(bytes, format, { project: 'p', limits: { maxDepth: 64 } }).rows.length, 1);
  });
}
