// The third-party stand-ins with a seeded random: normal latency and error rates, each fault
// switched at run time on a running server, and close() with requests still pending.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { seededRandom } from '@nightjar/testkit';
import { latency } from './provider-server.ts';
import { startMessagingProvider, startPaymentProvider, type MessagingFaults, type PaymentFaults } from './providers.ts';

interface Reply {
  status: number;
  body: { id?: string; status?: string; error?: { code?: string } };
  retryAfter: string | null;
  ms: number;
}

async function post(url: string, body: unknown): Promise<Reply> {
  const t = performance.now();
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Reply['body'], retryAfter: res.headers.get('retry-after'), ms: performance.now() - t };
}

const charge = (i: number) => ({ amount: 1299 + i, currency: 'usd', customer: `u-${i}`, idempotencyKey: `ord-${i}` });
const count = (replies: Reply[], status: number) => replies.filter((r) => r.status === status).length;

describe('latency', () => {
  it('stays within its bounds, mostly near the low end', () => {
    const random = seededRandom(1);
    const samples = Array.from({ length: 5000 }, () => latency(random, 40, 250)).sort((a, b) => a - b);
    assert.ok(samples[0]! >= 40 && samples.at(-1)! <= 250);
    const median = samples[2500]!;
    assert.ok(median > 70 && median < 130, `median ${median}`);
    assert.ok(samples[4900]! > 150, 'a tail of slower answers');
  });
});

describe('payment provider', () => {
  it('normally: 40-250 ms, ~3% card_declined (402), rare 500s, charge ids, idempotent replays', async () => {
    const faults: PaymentFaults = { slow: false, failing: false, hang: false };
    const p = await startPaymentProvider({ random: seededRandom(42), faults: () => faults });
    try {
      const replies = await Promise.all(Array.from({ length: 400 }, (_, i) => post(`${p.url}/v1/charges`, charge(i))));
      const ok = replies.filter((r) => r.status === 200);
      assert.ok(ok.length > 360, `${ok.length} succeeded`);
      assert.ok(ok.every((r) => r.body.status === 'succeeded' && /^ch_[0-9a-z]{24}$/.test(r.body.id ?? '')));
      const declined = count(replies, 402);
      assert.ok(declined >= 3 && declined <= 28, `${declined} declined`);
      assert.ok(replies.filter((r) => r.status === 402).every((r) => r.body.error?.code === 'card_declined'));
      assert.ok(count(replies, 500) <= 10);
      assert.equal(ok.length + declined + count(replies, 500), 400);
      assert.ok(replies.every((r) => r.ms >= 39), 'no answer faster than 40 ms');
      assert.equal(p.stats.requests, 400);
      assert.equal(p.stats.errors, 400 - ok.length);
      // a retried charge (same idempotency key) returns the same charge
      const i = replies.indexOf(ok[0]!);
      const replay = await post(`${p.url}/v1/charges`, charge(i));
      assert.equal(replay.body.id, ok[0]!.body.id);
      const bad = await post(`${p.url}/v1/charges`, { amount: 'lots', customer: 'u-1' });
      assert.equal(bad.status, 400);
    } finally {
      await p.close();
    }
  });

  it('faults switch per request: failing (~40% 503/500 with retry-after), slow (+1-4 s), hang', async () => {
    const faults: PaymentFaults = { slow: false, failing: true, hang: false };
    const p = await startPaymentProvider({ random: seededRandom(9), faults: () => faults });
    try {
      const failing = await Promise.all(Array.from({ length: 300 }, (_, i) => post(`${p.url}/v1/charges`, charge(i))));
      const errors = failing.filter((r) => r.status === 503 || (r.status === 500 && r.retryAfter !== null));
      assert.ok(errors.length > 90 && errors.length < 150, `${errors.length} of 300 failed`);
      assert.ok(errors.every((r) => Number(r.retryAfter) >= 1 && typeof r.body.error?.code === 'string'));
      assert.ok(count(failing, 503) > count(failing, 500));

      faults.failing = false;
      faults.slow = true;
      const slow = await Promise.all(Array.from({ length: 4 }, (_, i) => post(`${p.url}/v1/charges`, charge(1000 + i))));
      assert.ok(slow.every((r) => r.ms >= 1040 && r.ms < 4400), slow.map((r) => Math.round(r.ms)).join(','));

      faults.slow = false;
      faults.hang = true;
      const hung = post(`${p.url}/v1/charges`, charge(2000)).then(() => 'answered', () => 'cut');
      const early = await Promise.race([hung, new Promise((r) => setTimeout(r, 400, 'pending'))]);
      assert.equal(early, 'pending');
      await p.close();
      assert.equal(await hung, 'cut', 'close() ends a hanging request');
    } finally {
      await p.close();
    }
  });
});

describe('messaging provider', () => {
  it('202 { id } in 20-120 ms; 400 for an empty recipient; down: 503; hang: no answer for 10 s', async () => {
    const faults: MessagingFaults = { down: false, hang: false };
    const m = await startMessagingProvider({ random: seededRandom(3), faults: () => faults });
    try {
      const sent = await Promise.all(Array.from({ length: 50 }, (_, i) => post(`${m.url}/v1/messages`, { channel: 'email', to: `c${i}@example.com`, text: 'hi' })));
      assert.ok(sent.every((r) => r.status === 202 && /^msg_/.test(r.body.id ?? '') && r.ms >= 19 && r.ms < 400));
      const empty = await post(`${m.url}/v1/messages`, { channel: 'sms', to: '', text: 'hi' });
      assert.equal(empty.status, 400);
      assert.equal(empty.body.error?.code, 'invalid_recipient');

      faults.down = true;
      const down = await post(`${m.url}/v1/messages`, { channel: 'email', to: 'a@example.com', text: 'hi' });
      assert.equal(down.status, 503);
      assert.equal(m.stats.requests, 52);
      assert.equal(m.stats.errors, 2);

      faults.down = false;
      faults.hang = true;
      const started = performance.now();
      const hung = post(`${m.url}/v1/messages`, { channel: 'email', to: 'a@example.com', text: 'hi' }).then(() => performance.now() - started, () => -1);
      assert.equal(await Promise.race([hung, new Promise((r) => setTimeout(r, 400, 'pending'))]), 'pending');
      faults.hang = false;
      const after = await post(`${m.url}/v1/messages`, { channel: 'email', to: 'b@example.com', text: 'hi' });
      assert.equal(after.status, 202, 'faults are read per request');
      await m.close();
      assert.equal(await hung, -1);
    } finally {
      await m.close();
    }
  });
});
