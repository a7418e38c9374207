import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { createPortPool } from './port-pool.ts';

test('the pool hands out distinct ports that can be listened on, and refills', async () => {
  const pool = await createPortPool(3);
  const got = [pool.take(), pool.take(), pool.take()];
  assert.ok(got.every((p) => typeof p === 'number' && p > 0));
  assert.equal(new Set(got).size, 3);
  for (const port of got) {
    const s = net.createServer();
    await new Promise<void>((resolve, reject) => s.once('error', reject).listen(port, '127.0.0.1', resolve));
    await new Promise((r) => s.close(r));
  }
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(typeof pool.take(), 'number');
  pool.close();
});
