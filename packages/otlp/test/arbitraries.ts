// fast-check generators of span specifications, turned into real SDK spans.
import fc from 'fast-check';
import { SpanKind, SpanStatusCode, type AttributeValue, type Attributes as OtelAttributes, type HrTime } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { tracerWith } from './sdk.ts';

const SPECIAL_KEYS = ['faas.name', 'faas.invocation_id', 'faas.execution', 'faas.coldstart', 'http.route', 'error.type', 'exception.type', 'nightjar.link.out', 'nightjar.link.in', 'nightjar.input', 'nightjar.output', '__proto__', 'constructor'];

export const attrKey = fc.oneof(fc.constantFrom(...SPECIAL_KEYS), fc.string({ minLength: 1, maxLength: 12 }));

const safeNumber = fc.oneof(fc.integer(), fc.maxSafeInteger(), fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e15, max: 1e15 }));
export const attrValue: fc.Arbitrary<AttributeValue> = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 10 }),
  fc.integer(),
  fc.maxSafeInteger(),
  // The JS JSON serialiser writes NaN/Infinity as null, so they cannot round-trip through it.
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.array(fc.string({ maxLength: 8 }), { maxLength: 4 }),
  fc.array(safeNumber, { maxLength: 4 }),
  fc.array(fc.boolean(), { maxLength: 4 }),
);

export const attributes: fc.Arbitrary<OtelAttributes> = fc.dictionary(attrKey, attrValue, { maxKeys: 8 });

const hexId = (bytes: number) =>
  fc.uint8Array({ minLength: bytes, maxLength: bytes }).filter((b) => b.some((x) => x !== 0)).map((b) => Buffer.from(b).toString('hex'));

const hrTime: fc.Arbitrary<HrTime> = fc.tuple(fc.integer({ min: 1, max: 4_000_000_000 }), fc.integer({ min: 0, max: 999_999_999 }));

export interface SpanSpec {
  name: string;
  kind: SpanKind;
  start: HrTime;
  durationNs: number;
  attributes: OtelAttributes;
  events: { name: string; attributes: OtelAttributes; afterNs: number }[];
  links: { traceId: string; spanId: string; attributes: OtelAttributes }[];
  status: { code: SpanStatusCode; message: string };
}

export const spanSpec: fc.Arbitrary<SpanSpec> = fc.record({
  name: fc.string({ maxLength: 20 }),
  kind: fc.constantFrom(SpanKind.INTERNAL, SpanKind.SERVER, SpanKind.CLIENT, SpanKind.PRODUCER, SpanKind.CONSUMER),
  start: hrTime,
  durationNs: fc.integer({ min: 0, max: 2 ** 40 }),
  attributes,
  events: fc.array(fc.record({ name: fc.oneof(fc.constant('exception'), fc.string({ maxLength: 8 })), attributes, afterNs: fc.integer({ min: 0, max: 1e9 }) }), { maxLength: 3 }),
  links: fc.array(fc.record({ traceId: hexId(16), spanId: hexId(8), attributes }), { maxLength: 2 }),
  status: fc.record({ code: fc.constantFrom(SpanStatusCode.UNSET, SpanStatusCode.OK, SpanStatusCode.ERROR), message: fc.string({ maxLength: 10 }) }),
});

function addNs(t: HrTime, ns: number): HrTime {
  const total = t[1] + ns;
  return [t[0] + Math.floor(total / 1e9), total % 1e9];
}

export function makeSpans(specs: SpanSpec[], resource: OtelAttributes): ReadableSpan[] {
  const { tracer, spans } = tracerWith(resource);
  for (const s of specs) {
    const span = tracer.startSpan(s.name, { kind: s.kind, startTime: s.start, attributes: s.attributes });
    for (const e of s.events) span.addEvent(e.name, e.attributes, addNs(s.start, e.afterNs));
    for (const l of s.links) span.addLink({ context: { traceId: l.traceId, spanId: l.spanId, traceFlags: 1 }, attributes: l.attributes });
    span.setStatus(s.status);
    span.end(addNs(s.start, s.durationNs));
  }
  return spans();
}
