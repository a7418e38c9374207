import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { attributeMap, dynamoHash, normalizeDynamoNumber } from './dynamo-hash.ts';

test('numbers are normalised as DynamoDB returns them', () => {
  const cases: [string, string][] = [
    ['12.50', '12.5'],
    ['007', '7'],
    ['-0.0', '0'],
    ['1e2', '100'],
    ['1.5E-3', '0.0015'],
    ['+3', '3'],
    ['-120.000', '-120'],
    ['0.000', '0'],
    ['12345678901234567890123456789012345678', '12345678901234567890123456789012345678'],
  ];
  for (const [input, want] of cases) assert.equal(normalizeDynamoNumber(input), want, input);
});

test('canonical text: typed values, sorted keys, sorted sets, base64 binary', () => {
  assert.equal(
    attributeMap({ b: { SS: ['y', 'x'] }, a: { M: { z: { NULL: true }, y: { B: new Uint8Array([1, 2]) } } } }),
    '{"a":{"M":{"y":{"B":"AQI="},"z":{"NULL":true}}},"b":{"SS":["x","y"]}}',
  );
  // The SDK sends Uint8Array; the stream record carries base64 text.
  assert.equal(dynamoHash({ k: { B: new Uint8Array([1, 2]) } }), dynamoHash({ k: { B: 'AQI=' } }));
});

const attr: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.record({ S: fc.string() }),
    fc.record({ N: fc.integer().map(String) }),
    fc.record({ BOOL: fc.boolean() }),
    fc.record({ SS: fc.uniqueArray(fc.string(), { minLength: 1, maxLength: 4 }) }),
    fc.record({ M: fc.dictionary(fc.string({ maxLength: 5 }), tie('value'), { maxKeys: 3 }) }),
    fc.record({ L: fc.array(tie('value'), { maxLength: 3 }) }),
  ),
})).value;

function shuffled(v: unknown, seed: number): unknown {
  if (Array.isArray(v)) return v.map((x) => shuffled(x, seed));
  if (typeof v !== 'object' || v === null) return v;
  const entries = Object.entries(v as Record<string, unknown>).map(([k, x]): [string, unknown] => [k, k === 'SS' && Array.isArray(x) ? [...x].reverse() : k === 'L' ? x : shuffled(x, seed)]);
  if (seed % 2 === 1) entries.reverse();
  return Object.fromEntries(entries);
}

test('property: the hash ignores map key order and set order; 16 hex digits', () => {
  fc.assert(
    fc.property(fc.dictionary(fc.string({ maxLength: 6 }), attr, { minKeys: 1, maxKeys: 5 }), fc.nat(), (item, seed) => {
      const h = dynamoHash(item);
      assert.match(h, /^[0-9a-f]{16}$/);
      assert.equal(dynamoHash(shuffled(item, seed)), h);
    }),
    { numRuns: 200 },
  );
});

test('property: different string values give different hashes', () => {
  fc.assert(
    fc.property(fc.string(), fc.string(), (a, b) => {
      fc.pre(a !== b);
      assert.notEqual(dynamoHash({ pk: { S: a } }), dynamoHash({ pk: { S: b } }));
    }),
    { numRuns: 200 },
  );
});
