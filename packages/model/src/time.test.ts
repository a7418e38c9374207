import { test } from 'node:test';
import assert from 'node:assert/strict';
import { msToNs, nsToClickHouse, nsToIso, nsToMs } from './time.ts';

test('ms and ns strings round-trip at microsecond precision', () => {
  assert.equal(msToNs(1700000000123.456), '1700000000123456000');
  assert.equal(nsToMs('1700000000123456789'), 1700000000123.4568);
  assert.equal(nsToIso('1700000000123456789'), '2023-11-14T22:13:20.123Z');
});

test('ClickHouse DateTime64(9) text keeps all nine digits', () => {
  assert.equal(nsToClickHouse('1700000000123456789'), '1700000000.123456789');
  assert.equal(nsToClickHouse('5'), '0.000000005');
});
