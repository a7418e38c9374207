import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { HrTime } from '@opentelemetry/api';
import { decodeTraces } from './decode.ts';
import { altered } from '../test/alter.ts';
import { bySpanId, expectedSpanRow } from '../test/expected.ts';
import { serializeSpans, tracerWith, type Format } from '../test/sdk.ts';

const T0: HrTime = [1_700_000_000, 5];

function request() {
  const { tracer, spans } = tracerWith({ 'service.name': 's' });
  for (let i = 0; i < 8; i++) tracer.startSpan(`s${i}`, { startTime: T0 }).end([T0[0] + 1, 0]);
  const all = spans();
  const bad = [
    altered(all[1]!, { traceId: 'abcd' }),
    altered(all[2]!, { spanId: '0123456789ab' }),
    altered(all[3]!, { startTime: [0, 0] }),
    altered(all[4]!, { traceId: '00000000000000000000000000000000' }),
    altered(all[5]!, { parentSpanId: '01234567' }),
    altered(all[6]!, { spanId: '0000000000000000' }),
  ];
  const good = [all[0]!, all[7]!, altered(all[7]!, { spanId: 'ABCDEF0123456789', parentSpanId: '0000000000000000' })];
  return { spans: [good[0]!, ...bad, good[1]!, good[2]!], good };
}

const FIRST_REASON: Record<Format, string> = {
  protobuf: 'span "s1": trace id must be 16 bytes, got 2',
  json: 'span "s1": trace id must be 32 hex digits',
};

for (const format of ['protobuf', 'json'] as Format[]) {
  test(`${format}: an invalid span is rejected alone, the rest of the request is kept`, () => {
    const { spans, good } = request();
    const result = decodeTraces(serializeSpans(spans, format), format, { project: 'p' });
    assert.equal(result.rejected, 6);
    assert.equal(result.rejectReason, FIRST_REASON[format]);
    const expected = good.map((s) => expectedSpanRow(s, 'p'));
    expected[2]!.spanId = 'abcdef0123456789'; // upper-case hex is normalised, an all-zero parent is a root
    assert.deepEqual(bySpanId(result.rows), bySpanId(expected));
  });

  test(`${format}: each validation rule names its reason`, () => {
    const { spans } = request();
    const reasons = spans.slice(1, 7).map((s) => decodeTraces(serializeSpans([s], format), format, { project: 'p' }).rejectReason);
    assert.match(reasons[0]!, /s1": trace id/);
    assert.match(reasons[1]!, /s2": span id must be/);
    assert.match(reasons[2]!, /s3": missing start time/);
    assert.match(reasons[3]!, /s4": trace id is all zeros/);
    assert.match(reasons[4]!, /s5": parent span id must be empty or/);
    assert.match(reasons[5]!, /s6": span id is all zeros/);
  });
}
