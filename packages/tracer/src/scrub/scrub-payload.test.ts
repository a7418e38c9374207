import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { luhnValid } from './luhn.ts';
import { scrubPayload } from './scrub-payload.ts';

const bytes = (s: string): number => Buffer.byteLength(s);

// --- generators of real-shaped secrets -------------------------------------------------------
const b64url = (s: string | Uint8Array): string => Buffer.from(s).toString('base64url');
const jwt = fc
  .tuple(fc.constantFrom('HS256', 'RS256', 'ES256'), fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 12 }), { maxKeys: 4 }), fc.uint8Array({ minLength: 2, maxLength: 64 }))
  .map(([alg, claims, sig]) => `${b64url(JSON.stringify({ alg, typ: 'JWT' }))}.${b64url(JSON.stringify(claims))}.${b64url(sig)}`);
const upperAlnum = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567');
const accessKeyId = fc
  .tuple(fc.constantFrom('AKIA', 'ASIA'), fc.array(upperAlnum, { minLength: 16, maxLength: 16 }))
  .map(([p, cs]) => p + cs.join(''));
const b64char = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/');
const secretAccessKey = fc.array(b64char, { minLength: 40, maxLength: 40 }).map((cs) => cs.join(''));
const cardNumber = fc
  .tuple(fc.integer({ min: 2, max: 6 }), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 11, maxLength: 17 }), fc.constantFrom('', ' ', '-'))
  .map(([first, rest, sep]) => {
    const body = `${first}${rest.join('')}`;
    const check = [...Array(10).keys()].find((d) => luhnValid(body + d)) ?? 0;
    const digits = body + check;
    return sep === '' ? digits : (digits.match(/.{1,4}/g) ?? []).join(sep);
  });

/** A secret and the text it is planted in (the context an AWS secret key needs). */
const planted = fc.oneof(
  jwt.map((s) => ({ secret: s, text: `Bearer-less token ${s}` })),
  jwt.map((s) => ({ secret: s, text: s })),
  accessKeyId.map((s) => ({ secret: s, text: `key id ${s} used` })),
  fc.tuple(accessKeyId, secretAccessKey).map(([id, s]) => ({ secret: s, text: `creds ${id} ${s}` })),
  secretAccessKey.map((s) => ({ secret: s, text: `aws_secret_access_key=${s}` })),
  cardNumber.map((s) => ({ secret: s, text: `card: ${s} exp 12/29` })),
);
const filler = fc.string({ maxLength: 40 }).map((s) => s.replace(/[\dA-Za-z]/g, ' '));

describe('scrubPayload properties', () => {
  test('never throws, always JSON, within maxTotalBytes, for any value and options', () => {
    fc.assert(
      fc.property(
        fc.anything({ withBigInt: true, withBoxedValues: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, withNullPrototype: true, withObjectString: true, maxDepth: 6 }),
        fc.integer({ min: 16, max: 3000 }),
        fc.integer({ min: 256, max: 4000 }),
        (value, maxFieldBytes, maxTotalBytes) => {
          const out = scrubPayload(value, { maxFieldBytes, maxTotalBytes });
          assert.ok(bytes(out) <= maxTotalBytes, `${bytes(out)} > ${maxTotalBytes}`);
          JSON.parse(out);
        },
      ),
      { numRuns: 400 },
    );
  });

  test('big values stay within the total bound and say they were cut', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 50, maxLength: 400, unit: 'binary' }), { minLength: 30, maxLength: 80 }), fc.integer({ min: 256, max: 3000 }), (list, maxTotalBytes) => {
        const out = scrubPayload({ list, nested: { list } }, { maxTotalBytes });
        assert.ok(bytes(out) <= maxTotalBytes);
        assert.ok(out.includes('…'), 'a truncation marker is visible');
        JSON.parse(out);
      }),
      { numRuns: 60 },
    );
  });

  test('a planted secret never survives, wherever it is planted', () => {
    fc.assert(
      fc.property(planted, filler, filler, fc.constantFrom('message', 'detail', 'note'), fc.integer({ min: 64, max: 4096 }), ({ secret, text }, before, after, key, maxFieldBytes) => {
        const value = { a: 1, [key]: `${before} ${text} ${after}`, list: [{ deep: [text] }], m: new Map([['k', text]]) };
        const out = scrubPayload(value, { maxFieldBytes });
        assert.ok(!out.includes(secret), `${secret} survived in ${out}`);
      }),
      { numRuns: 400 },
    );
  });

  test('values under secret-looking keys never survive, whatever their type', () => {
    fc.assert(
      fc.property(fc.constantFrom('password', 'Authorization', 'x-api-key', 'client_secret', 'refreshToken', 'Cookie', 'sessionId', 'privateKey', 'AWS_SECRET_ACCESS_KEY'), fc.string({ minLength: 4 }).map((s) => `zz${s}qq`), (key, secret) => {
        const out = scrubPayload({ user: { [key]: secret, nested: { [key]: { inner: secret } } } });
        assert.ok(!out.includes(JSON.stringify(secret).slice(1, -1)), out);
      }),
      { numRuns: 200 },
    );
  });
});

describe('scrubPayload examples', () => {
  test('strings over maxFieldBytes are cut with the number of bytes dropped', () => {
    const out = JSON.parse(scrubPayload({ s: 'é'.repeat(100) }, { maxFieldBytes: 21 })) as { s: string };
    assert.equal(out.s, `${'é'.repeat(10)}…[truncated 180 bytes]`);
  });

  test('cycles, BigInt, binary, Dates, Maps, Sets, errors, throwing getters, proxies, functions', () => {
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic['self'] = cyclic;
    const shared = [1, 2];
    const hostile = new Proxy({}, { ownKeys: () => { throw new Error('no'); } });
    const opaque = new Proxy({}, { getPrototypeOf: () => { throw new Error('no'); } });
    const value = {
      cyclic,
      big: 12345678901234567890n,
      buf: Buffer.from('secret bytes'),
      when: new Date(0),
      bad: new Date(NaN),
      map: new Map<unknown, unknown>([['a', 1], [2, 'b']]),
      set: new Set([1, 'x']),
      err: Object.assign(new Error('boom'), { code: 'E_BOOM' }),
      get thrower(): unknown { throw new Error('getter'); },
      hostile,
      opaque,
      fn: function named(): void {},
      list: [shared, shared],
    };
    const out = JSON.parse(scrubPayload(value)) as Record<string, unknown>;
    assert.deepEqual(out['cyclic'], { name: 'loop', self: '[Circular]' });
    assert.equal(out['big'], '12345678901234567890');
    assert.equal(out['buf'], '[Binary 12 bytes]');
    assert.equal(out['when'], '1970-01-01T00:00:00.000Z');
    assert.equal(out['bad'], 'Invalid Date');
    assert.deepEqual(out['map'], { a: 1, '2': 'b' });
    assert.deepEqual(out['set'], [1, 'x']);
    assert.equal((out['err'] as Record<string, unknown>)['message'], 'boom');
    assert.equal((out['err'] as Record<string, unknown>)['code'], 'E_BOOM');
    assert.equal(out['thrower'], '[getter threw]');
    assert.equal(out['hostile'], '[Unserializable]');
    assert.equal(out['opaque'], '[Unserializable]');
    assert.equal(out['fn'], undefined, 'functions are skipped in objects, as JSON does');
    assert.deepEqual(out['list'], [[1, 2], [1, 2]], 'shared (non-cyclic) references are not circular');
  });

  test('card numbers, key ids, JWT, URL passwords and bearer tokens masked; ordinary numbers kept', () => {
    const out = scrubPayload({
      note: 'paid with 4111 1111 1111 1111 at 1700000000123',
      card: 4111111111111111,
      ts: 1700000000123,
      url: 'postgres://app:s3cr3t-pw@db.internal:5432/app',
      header: 'Bearer abcdefghijklmnop.qrstu',
      order: 'A-1234-5678',
    });
    const parsed = JSON.parse(out) as Record<string, unknown>;
    assert.equal(parsed['note'], 'paid with [REDACTED] at 1700000000123');
    assert.equal(parsed['card'], '[REDACTED]');
    assert.equal(parsed['ts'], 1700000000123);
    assert.equal(parsed['url'], 'postgres://app:[REDACTED]@db.internal:5432/app');
    assert.equal(parsed['header'], 'Bearer [REDACTED]');
    assert.equal(parsed['order'], 'A-1234-5678');
  });

  test('extra key and value patterns', () => {
    const out = JSON.parse(scrubPayload({ ssnumber: '1', internalRef: 'x', text: 'id EMP-00042 here' }, { secretPatterns: ['^internal'], valuePatterns: [/EMP-\d+/] })) as Record<string, unknown>;
    assert.equal(out['internalRef'], '[REDACTED]');
    assert.equal(out['text'], 'id [REDACTED] here');
  });

  test('top-level primitives and undefined', () => {
    assert.equal(scrubPayload('hi'), '"hi"');
    assert.equal(scrubPayload(undefined), 'null');
    assert.equal(scrubPayload(NaN), '"NaN"');
    assert.equal(scrubPayload([undefined, () => 1]), '[null,"[Function ]"]');
  });
});
