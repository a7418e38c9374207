import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FaultController, FAULT_NAMES, parseFaultList } from './faults.ts';

test('parseFaultList accepts known names and names the unknown ones', () => {
  assert.deepEqual(parseFaultList('payment-slow, bad-deployment,'), ['payment-slow', 'bad-deployment']);
  assert.deepEqual(parseFaultList(''), []);
  assert.throws(() => parseFaultList('payment-slow,nope,also-bad'), /unknown faults "nope", "also-bad"; known: payment-slow/);
});

test('FaultController switches one at a time, calls the hook only on change, and rolls back a failed switch', async () => {
  const calls: string[] = [];
  let failNext = false;
  const c = new FaultController(async (name, on) => {
    calls.push(`${name}:${on}`);
    await new Promise((r) => setTimeout(r, 5));
    if (failNext) {
      failNext = false;
      throw new Error('deploy failed');
    }
  }, () => 42);
  await Promise.all([c.set('bad-deployment', true), c.set('bad-deployment', true), c.set('timeouts', true)]);
  assert.deepEqual(calls, ['bad-deployment:true', 'timeouts:true']);
  assert.equal(c.on('bad-deployment'), true);
  assert.equal(c.list().length, FAULT_NAMES.length);
  assert.equal(c.list().find((f) => f.name === 'timeouts')?.changedAt, 42);
  failNext = true;
  await assert.rejects(c.set('memory-leak', true), /deploy failed/);
  assert.equal(c.on('memory-leak'), false);
  await c.set('bad-deployment', false);
  assert.equal(c.on('bad-deployment'), false);
});
