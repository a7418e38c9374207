import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CircuitBreaker } from './circuit-breaker.ts';

function breaker() {
  const clock = { t: 0 };
  const b = new CircuitBreaker({ threshold: 3, coolDownsMs: [5_000, 30_000, 300_000], now: () => clock.t });
  return { b, clock };
}

test('opens after N consecutive failures; a success in between resets the count', () => {
  const { b } = breaker();
  assert.equal(b.failure(), undefined);
  assert.equal(b.failure(), undefined);
  b.success();
  assert.equal(b.failure(), undefined);
  assert.equal(b.failure(), undefined);
  assert.equal(b.allow(), true);
  assert.deepEqual(b.failure(), { state: 'open', coolDownMs: 5_000 });
  assert.equal(b.state, 'open');
  assert.equal(b.allow(), false);
});

test('one probe after each cool-down, which grows 5 s, 30 s, 5 min and stays there', () => {
  const { b, clock } = breaker();
  for (let i = 0; i < 3; i++) b.failure();
  const cooldowns: number[] = [];
  const waited: number[] = [];
  for (let round = 0; round < 4; round++) {
    const opened = clock.t;
    clock.t += 1;
    assert.equal(b.allow(), false);
    while (!b.allow()) clock.t += 1_000;
    assert.equal(b.state, 'half-open');
    assert.equal(b.allow(), false, 'only one probe');
    const change = b.failure();
    assert.equal(change?.state, 'open');
    cooldowns.push(change?.state === 'open' ? change.coolDownMs : 0);
    waited.push(Math.floor((clock.t - opened) / 1_000) * 1_000);
  }
  assert.deepEqual(waited, [5_000, 30_000, 300_000, 300_000]);
  assert.deepEqual(cooldowns, [30_000, 300_000, 300_000, 300_000]);
});

test('a successful probe closes the breaker and resets the cool-down', () => {
  const { b, clock } = breaker();
  for (let i = 0; i < 3; i++) b.failure();
  clock.t += 5_000;
  assert.equal(b.allow(), true);
  assert.deepEqual(b.success(), { state: 'closed' });
  assert.equal(b.state, 'closed');
  assert.equal(b.success(), undefined);
  for (let i = 0; i < 3; i++) b.failure();
  clock.t += 4_999;
  assert.equal(b.allow(), false);
  clock.t += 1;
  assert.equal(b.allow(), true);
});
