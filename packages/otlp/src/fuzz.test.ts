// Whatever arrives, decoding either returns rows or throws OtlpDecodeError: never another error,
// never a hang. Inputs: random bytes, random protobuf-shaped trees (so known field numbers get
// odd contents), mutations of real requests, random JSON and OTLP-shaped JSON with holes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ValueType } from '@opentelemetry/api';
import { decodeLogs, decodeMetrics, decodeTraces } from './decode.ts';
import { OtlpDecodeError } from './errors.ts';
import { ProtoWriter } from './proto-writer.ts';
import { lambdaSpans } from '../test/lambda-spans.ts';
import { loggerWith, meterWith, serializeLogs, serializeMetrics, serializeSpans, type Format } from '../test/sdk.ts';

const DECODERS = [decodeTraces, decodeLogs, decodeMetrics];
const LIMITS = { maxDepth: 8 };

/** True when every decoder returns or throws OtlpDecodeError. */
function onlyDecodeErrors(bytes: Uint8Array, format: Format): boolean {
  for (const decode of DECODERS) {
    try {
      const r = decode(bytes, format, { project: 'p', limits: LIMITS });
      assert.ok(Array.isArray(r.rows));
      assert.ok(r.rejected >= 0);
    } catch (err) {
      if (!(err instanceof OtlpDecodeError)) throw err;
    }
  }
  return true;
}

test('random bytes: only OtlpDecodeError', () => {
  fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (b) => onlyDecodeErrors(b, 'protobuf')), { numRuns: 500 });
});

type Node = { field: number; kind: 'varint'; value: bigint } | { field: number; kind: 'i64' | 'i32'; value: number } | { field: number; kind: 'bytes'; value: Uint8Array } | { field: number; kind: 'msg'; value: Node[] };

const { tree } = fc.letrec<{ tree: Node[]; node: Node }>((tie) => ({
  tree: fc.array(tie('node'), { maxLength: 5 }),
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ field: fc.integer({ min: 1, max: 16 }), kind: fc.constant('varint' as const), value: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }) }),
    fc.record({ field: fc.integer({ min: 1, max: 16 }), kind: fc.constantFrom('i64' as const, 'i32' as const), value: fc.integer({ min: 0, max: 0xffffffff }) }),
    fc.record({ field: fc.integer({ min: 1, max: 16 }), kind: fc.constant('bytes' as const), value: fc.uint8Array({ maxLength: 20 }) }),
    fc.record({ field: fc.integer({ min: 1, max: 16 }), kind: fc.constant('msg' as const), value: tie('tree') as fc.Arbitrary<Node[]> }),
  ),
}));

function encode(nodes: Node[]): ProtoWriter {
  const w = new ProtoWriter();
  for (const n of nodes) {
    if (n.kind === 'varint') {
      w.tag(n.field, 0);
      let v = n.value;
      const bytes: number[] = [];
      do {
        const b = Number(v & 0x7fn);
        v >>= 7n;
        bytes.push(v > 0n ? b | 0x80 : b);
      } while (v > 0n);
      w.raw(bytes);
    } else if (n.kind === 'bytes') w.bytes(n.field, n.value);
    else if (n.kind === 'msg') w.message(n.field, encode(n.value));
    else if (n.kind === 'i64') w.fixed64(n.field, n.value, n.value >>> 3);
    else w.fixed32(n.field, n.value);
  }
  return w;
}

test('protobuf-shaped trees with arbitrary contents: only OtlpDecodeError', () => {
  fc.assert(fc.property(tree, (t) => onlyDecodeErrors(encode(t).finish(), 'protobuf')), { numRuns: 500 });
});

async function realRequests(format: Format): Promise<Uint8Array[]> {
  const { logger, records } = loggerWith({ 'service.name': 's' });
  logger.emit({ body: { a: [1, 'x', { b: true }] }, attributes: { k: 'v', n: 2 } });
  const { meter, collect } = meterWith({ 'service.name': 's' });
  meter.createCounter('c', { valueType: ValueType.INT }).add(2, { a: 'b' });
  meter.createHistogram('h').record(3);
  return [serializeSpans(lambdaSpans(4), format), serializeLogs(records(), format), serializeMetrics(await collect(), format)];
}

const mutation = fc.oneof(
  fc.record({ op: fc.constant('set' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ op: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 4 }) }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), n: fc.integer({ min: 1, max: 4 }) }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(base: Uint8Array, ops: Mutation[]): Uint8Array {
  let b = Array.from(base);
  for (const m of ops) {
    if (b.length === 0) break;
    const at = m.at % b.length;
    if (m.op === 'set') b[at] = m.byte;
    else if (m.op === 'cut') b = b.slice(0, at);
    else if (m.op === 'insert') b.splice(at, 0, ...m.bytes);
    else b.splice(at, m.n);
  }
  return Uint8Array.from(b);
}

for (const format of ['protobuf', 'json'] as Format[]) {
  test(`${format}: mutated real requests: only OtlpDecodeError`, async () => {
    const bases = await realRequests(format);
    fc.assert(
      fc.property(fc.constantFrom(...bases), fc.array(mutation, { minLength: 1, maxLength: 4 }), (base, ops) => onlyDecodeErrors(mutate(base, ops), format)),
      { numRuns: 400 },
    );
  });
}

const enc = (s: string) => new TextEncoder().encode(s);

test('random JSON text and random strings: only OtlpDecodeError', () => {
  fc.assert(fc.property(fc.json({ maxDepth: 4 }), (j) => onlyDecodeErrors(enc(j), 'json')), { numRuns: 300 });
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => onlyDecodeErrors(enc(s), 'json')), { numRuns: 200 });
});

/** Every (container, key) slot of a JSON tree, to put arbitrary values in. */
function slots(v: unknown, out: [Record<string, unknown> | unknown[], string | number][] = []): [Record<string, unknown> | unknown[], string | number][] {
  if (Array.isArray(v)) {
    v.forEach((x, i) => {
      out.push([v, i]);
      slots(x, out);
    });
  } else if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      out.push([v as Record<string, unknown>, k]);
      slots(x, out);
    }
  }
  return out;
}

test('OTLP-shaped JSON with arbitrary values in any place: only OtlpDecodeError', async () => {
  const bases = (await realRequests('json')).map((b) => new TextDecoder().decode(b));
  fc.assert(
    fc.property(fc.constantFrom(...bases), fc.array(fc.tuple(fc.nat(), fc.jsonValue({ maxDepth: 3 })), { minLength: 1, maxLength: 3 }), (base, holes) => {
      const doc: unknown = JSON.parse(base);
      for (const [i, value] of holes) {
        const all = slots(doc);
        const slot = all[i % all.length];
        if (slot === undefined) break;
        const [container, key] = slot;
        (container as Record<string | number, unknown>)[key] = value;
      }
      return onlyDecodeErrors(enc(JSON.stringify(doc)), 'json');
    }),
    { numRuns: 400 },
  );
});

test('pathological inputs finish quickly', () => {
  // A megabyte of empty ResourceSpans, deep groups, and deep JSON: linear work or an early error.
  const empties = new Uint8Array(1_000_000);
  for (let i = 0; i < empties.length; i += 2) empties[i] = 0x0a;
  const t0 = performance.now();
  assert.deepEqual(decodeTraces(empties, 'protobuf', { project: 'p' }).rows, []);
  const groups = new Uint8Array(200_000).fill(0x0b); // field 1 start-group, nested 200k deep
  assert.throws(() => decodeTraces(groups, 'protobuf', { project: 'p' }), /nested too deep/);
  const deepJson = '{"resourceSpans":[{"scopeSpans":[{"spans":[{"attributes":[{"key":"k","value":' + '{"arrayValue":{"values":['.repeat(5000) + ']}}'.repeat(5000) + '}]}]}]}]}';
  assert.throws(() => decodeTraces(enc(deepJson), 'json', { project: 'p' }), /nested too deep/);
  assert.ok(performance.now() - t0 < 5000, 'took too long');
});
