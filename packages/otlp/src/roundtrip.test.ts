// Property tests with real SDK spans: generated spans survive the real serialisers, limits hold,
// and invalid spans are rejected alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeTraces } from './decode.ts';
import { TRUNCATION_MARKER } from './limits.ts';
import { altered } from '../test/alter.ts';
import { attributes, makeSpans, spanSpec } from '../test/arbitraries.ts';
import { bySpanId, expectedSpanRow } from '../test/expected.ts';
import { serializeSpans, type Format } from '../test/sdk.ts';

const FORMATS: Format[] = ['protobuf', 'json'];

test('generated spans round-trip through the real OTLP serialisers (protobuf and JSON)', () => {
  fc.assert(
    fc.property(fc.array(spanSpec, { minLength: 1, maxLength: 4 }), attributes, (specs, resource) => {
      const spans = makeSpans(specs, resource);
      const expected = bySpanId(spans.map((s) => expectedSpanRow(s, 'prj')));
      for (const format of FORMATS) {
        const r = decodeTraces(serializeSpans(spans, format), format, { project: 'prj' });
        assert.equal(r.rejected, 0, r.rejectReason);
        assert.deepEqual(bySpanId(r.rows), expected, format);
      }
    }),
    { numRuns: 150 },
  );
});

test('limits hold for any span and any limit values', () => {
  const limits = fc.record({
    maxAttributes: fc.integer({ min: 0, max: 6 }),
    maxAttributeValueLength: fc.integer({ min: 1, max: 12 }),
    maxEvents: fc.integer({ min: 0, max: 2 }),
    maxLinks: fc.integer({ min: 0, max: 2 }),
  });
  fc.assert(
    fc.property(spanSpec, limits, fc.constantFrom(...FORMATS), (spec, l, format) => {
      const [span] = makeSpans([spec], {});
      const r = decodeTraces(serializeSpans([span!], format), format, { project: 'p', limits: l });
      const row = r.rows[0]!;
      const full = expectedSpanRow(span!, 'p');
      const fullCount = Object.keys(full.attributes).length;
      assert.equal(Object.keys(row.attributes).length, Math.min(fullCount, l.maxAttributes));
      assert.equal(row.events.length, Math.min(full.events.length, l.maxEvents));
      assert.equal(row.links.length, Math.min(full.links.length, l.maxLinks));
      const eventAttrs = full.events.slice(0, l.maxEvents).concat();
      const droppedInEvents = eventAttrs.reduce((n, e) => n + Math.max(0, Object.keys(e.attributes).length - l.maxAttributes), 0);
      const droppedInLinks = full.links.slice(0, l.maxLinks).reduce((n, k) => n + Math.max(0, Object.keys(k.attributes).length - l.maxAttributes), 0);
      assert.equal(r.stats.droppedAttributes, Math.max(0, fullCount - l.maxAttributes) + droppedInEvents + droppedInLinks);
      assert.equal(r.stats.droppedEvents, Math.max(0, full.events.length - l.maxEvents));
      assert.equal(r.stats.droppedLinks, Math.max(0, full.links.length - l.maxLinks));
      for (const [k, v] of Object.entries(row.attributes)) {
        const original = full.attributes[k]!;
        if (original.length <= l.maxAttributeValueLength) assert.equal(v, original);
        else {
          assert.ok(v.endsWith(TRUNCATION_MARKER));
          assert.ok(original.startsWith(v.slice(0, -TRUNCATION_MARKER.length)));
          assert.ok(v.length <= l.maxAttributeValueLength + TRUNCATION_MARKER.length);
        }
      }
      assert.deepEqual(row.linkOut, full.linkOut, 'stitching keys are never cut or dropped');
    }),
    { numRuns: 200 },
  );
});

test('invalid spans are rejected alone, whatever their position in the request', () => {
  const badness = fc.constantFrom(
    { traceId: '0123' },
    { spanId: 'abcdef' },
    { startTime: [0, 0] as [number, number] },
    { traceId: '00000000000000000000000000000000' },
    { parentSpanId: '0102030405' },
  );
  fc.assert(
    fc.property(fc.array(fc.tuple(spanSpec, fc.option(badness, { nil: undefined })), { minLength: 1, maxLength: 6 }), fc.constantFrom(...FORMATS), (items, format) => {
      const spans = makeSpans(items.map(([s]) => s), {});
      const sent = spans.map((s, i) => (items[i]![1] === undefined ? s : altered(s, items[i]![1]!)));
      const good = spans.filter((_, i) => items[i]![1] === undefined);
      const r = decodeTraces(serializeSpans(sent, format), format, { project: 'p' });
      assert.equal(r.rejected, spans.length - good.length);
      assert.equal(r.rejectReason === '', good.length === spans.length);
      assert.deepEqual(bySpanId(r.rows), bySpanId(good.map((s) => expectedSpanRow(s, 'p'))));
    }),
    { numRuns: 150 },
  );
});
