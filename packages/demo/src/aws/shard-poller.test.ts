import assert from 'node:assert/strict';
import { test } from 'node:test';
import { partialFailure, RecordLog, startShardPoller, type DeliveryResult } from './shard-poller.ts';
import { sleep, waitFor } from './test-helpers.ts';

interface Rec {
  n: number;
  at: number;
}

function setup(o: { batchSize: number; windowMs: number; answer?: (batch: Rec[], attempt: number) => DeliveryResult; maxRetries?: number }) {
  const log = new RecordLog<Rec>();
  const batches: number[][] = [];
  const skipped: number[][] = [];
  let attempt = 0;
  const poller = startShardPoller<Rec>({
    log,
    from: 0,
    batchSize: o.batchSize,
    windowMs: o.windowMs,
    maxRetries: o.maxRetries ?? 3,
    retryDelayMs: 1,
    arrivedAt: (r) => r.at,
    deliver: (batch) => {
      batches.push(batch.map((r) => r.n));
      return Promise.resolve(o.answer?.(batch, attempt++) ?? { ok: true });
    },
    onSkip: (batch) => skipped.push(batch.map((r) => r.n)),
  });
  const add = (...ns: number[]): void => {
    for (const n of ns) log.append({ n, at: Date.now() });
    poller.notify();
  };
  return { log, poller, batches, skipped, add };
}

test('a batch goes out when batchSize records wait, or when the oldest has waited the window', async () => {
  const { poller, batches, add } = setup({ batchSize: 3, windowMs: 80 });
  add(1, 2, 3, 4);
  await waitFor('the full batch', () => batches.length === 1);
  assert.deepEqual(batches, [[1, 2, 3]]);
  await sleep(30);
  assert.equal(batches.length, 1, 'the fourth waits for the window');
  await waitFor('the window', () => batches.length === 2);
  assert.deepEqual(batches[1], [4]);
  await poller.close();
});

test('failures are retried in place; throttles do not count; the batch is skipped after maxRetries', async () => {
  const answers: DeliveryResult[] = [
    { ok: false, error: new Error('1') },
    { ok: false, throttled: true, error: new Error('t') },
    { ok: false, throttled: true, error: new Error('t') },
    { ok: false, error: new Error('2') },
    { ok: false, error: new Error('3') },
    { ok: false, error: new Error('4') },
  ];
  const { poller, batches, skipped, add } = setup({ batchSize: 2, windowMs: 0, answer: (_b, i) => answers[i] ?? { ok: true } });
  add(1, 2, 3);
  await waitFor('the next batch', () => batches.some((b) => b[0] === 3));
  assert.deepEqual(batches.slice(0, 6), [[1, 2], [1, 2], [1, 2], [1, 2], [1, 2], [1, 2]]);
  assert.deepEqual(skipped, [[1, 2]]);
  assert.equal(poller.position(), 3);
  await poller.close();
});

test('a partial batch response checkpoints before the first failed record', async () => {
  const { poller, batches, add } = setup({ batchSize: 10, windowMs: 0, answer: (b, i) => (i === 0 ? partialFailure(b.map((r) => String(r.n)), { batchItemFailures: [{ itemIdentifier: '3' }, { itemIdentifier: '2' }] }, 'fn') : { ok: true }) });
  add(1, 2, 3, 4);
  await waitFor('the retry', () => batches.length === 2);
  assert.deepEqual(batches, [[1, 2, 3, 4], [2, 3, 4]]);
  await poller.close();
  assert.deepEqual(partialFailure(['a'], { batchItemFailures: [] }, 'fn'), { ok: true });
  const unknown = partialFailure(['a'], { batchItemFailures: [{ itemIdentifier: 'zz' }] }, 'fn');
  assert.ok(!unknown.ok && unknown.succeeded === 0);
});

test('the log trims old records and keeps absolute positions', () => {
  const log = new RecordLog<number>();
  for (let i = 0; i < 10; i++) log.append(i);
  log.trimBefore(4);
  assert.equal(log.start, 4);
  assert.equal(log.end, 10);
  assert.equal(log.at(3), undefined);
  assert.equal(log.at(4), 4);
  assert.deepEqual(log.slice(0, 3), [4, 5, 6]);
  log.trimWhile((n) => n < 8);
  assert.deepEqual(log.slice(0, 10), [8, 9]);
});
