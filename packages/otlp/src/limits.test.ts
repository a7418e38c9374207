import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Attributes as OtelAttributes, HrTime } from '@opentelemetry/api';
import { decodeTraces } from './decode.ts';
import { DEFAULT_LIMITS, DEFAULT_MAX_ATTRIBUTE_VALUE_LENGTH, resolveLimits, TRUNCATION_MARKER } from './limits.ts';
import { serializeSpans, tracerWith, type Format } from '../test/sdk.ts';

const T0: HrTime = [1_700_000_000, 0];
const LINK_KEYS = Array.from({ length: 5 }, (_, i) => `sqs:${'k'.repeat(40)}-${i}`);

function bigSpan() {
  const { tracer, spans } = tracerWith({ 'service.name': 's' });
  const attributes: OtelAttributes = { long: 'x'.repeat(20_000) };
  for (let i = 0; i < 200; i++) attributes[`a${i}`] = i;
  attributes['nightjar.input'] = 'i'.repeat(20);
  attributes['nightjar.link.out'] = LINK_KEYS;
  const span = tracer.startSpan('big', { startTime: T0, attributes });
  for (let i = 0; i < 200; i++) span.addEvent(`e${i}`, { n: i }, [T0[0], i]);
  for (let i = 0; i < 200; i++) {
    span.addLink({ context: { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: (i + 1).toString(16).padStart(16, '0'), traceFlags: 1 } });
  }
  span.end([T0[0] + 1, 0]);
  return spans();
}

for (const format of ['protobuf', 'json'] as Format[]) {
  test(`${format}: default limits keep 128 attributes, events and links, and cut long values with a marker`, () => {
    const r = decodeTraces(serializeSpans(bigSpan(), format), format, { project: 'p' });
    const row = r.rows[0];
    assert.ok(row);
    assert.equal(Object.keys(row.attributes).length, DEFAULT_LIMITS.maxAttributes);
    assert.equal(row.attributes.long, 'x'.repeat(DEFAULT_MAX_ATTRIBUTE_VALUE_LENGTH) + TRUNCATION_MARKER);
    assert.equal(row.attributes.a126, '126', 'the first ones are kept');
    assert.equal(row.attributes.a127, undefined);
    assert.equal(row.events.length, 128);
    assert.equal(row.events[127]?.name, 'e127');
    assert.equal(row.links.length, 128);
    assert.equal(row.input, 'i'.repeat(20));
    assert.deepEqual(row.linkOut, LINK_KEYS);
    assert.deepEqual(r.stats, { droppedAttributes: 73, truncatedValues: 1, droppedEvents: 72, droppedLinks: 72 });
  });

  test(`${format}: limits are overridable through the options argument`, () => {
    const limits = { maxAttributes: 3, maxAttributeValueLength: 10, maxEvents: 1, maxLinks: 0 };
    const r = decodeTraces(serializeSpans(bigSpan(), format), format, { project: 'p', limits });
    const row = r.rows[0];
    assert.ok(row);
    assert.deepEqual(row.attributes, { long: 'xxxxxxxxxx' + TRUNCATION_MARKER, a0: '0', a1: '1' });
    assert.equal(row.input, 'iiiiiiiiii' + TRUNCATION_MARKER);
    assert.deepEqual(row.linkOut, LINK_KEYS, 'stitching keys are exempt from the value length limit');
    assert.deepEqual(row.events.map((e) => e.name), ['e0']);
    assert.deepEqual(row.links, []);
    assert.deepEqual(r.stats, { droppedAttributes: 198, truncatedValues: 2, droppedEvents: 199, droppedLinks: 200 });
  });
}

test('a cut never splits a surrogate pair', () => {
  const { tracer, spans } = tracerWith({});
  tracer.startSpan('s', { startTime: T0, attributes: { emoji: 'ab🐦🐦' } }).end(T0);
  for (const format of ['protobuf', 'json'] as Format[]) {
    const r = decodeTraces(serializeSpans(spans(), format), format, { project: 'p', limits: { maxAttributeValueLength: 3 } });
    assert.equal(r.rows[0]?.attributes.emoji, 'ab' + TRUNCATION_MARKER);
  }
});

test('a huge multi-byte protobuf string is cut to the limit', () => {
  const { tracer, spans } = tracerWith({});
  tracer.startSpan('s', { startTime: T0, attributes: { big: 'é'.repeat(1_000_000) } }).end(T0);
  const r = decodeTraces(serializeSpans(spans(), 'protobuf'), 'protobuf', { project: 'p', limits: { maxAttributeValueLength: 5 } });
  assert.equal(r.rows[0]?.attributes.big, 'ééééé' + TRUNCATION_MARKER);
});

test('limits must be non-negative integers, and depth stays far from the stack limit', () => {
  assert.throws(() => resolveLimits({ maxAttributes: -1 }), RangeError);
  assert.throws(() => resolveLimits({ maxEvents: 1.5 }), RangeError);
  assert.throws(() => resolveLimits({ maxAttributeValueLength: 0 }), RangeError);
  assert.throws(() => resolveLimits({ maxDepth: 100_000 }), RangeError);
  assert.deepEqual(resolveLimits(undefined), DEFAULT_LIMITS);
  assert.equal(resolveLimits({ maxLinks: 0 }).maxLinks, 0);
});
