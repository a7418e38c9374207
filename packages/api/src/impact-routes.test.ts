// The impact and transactions routes: parameters validated and passed on (a stand-in QueryPort).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { failingRecordKeys } from '@nightjar/assemble';
import type { TransactionFilter } from '@nightjar/model';
import { createApiHandler } from './api-handler.ts';
import { parseTxStatus } from './params.ts';
import type { QueryPort } from './query-port.ts';

const NOW = Date.parse('2026-11-23T12:00:00Z');

function setup() {
  const calls: unknown[] = [];
  const queries = {
    impact: async (project: string, q: unknown) => {
      calls.push({ project, q });
      return { function: 'notify', failedInvocations: 0 };
    },
    listTransactions: async (f: TransactionFilter) => {
      calls.push(f);
      return [];
    },
  } as unknown as QueryPort;
  const api = createApiHandler({ project: 'p', queries, health: () => ({}) as never, now: () => NOW });
  const get = (path: string) =>
    new Promise<{ status: number; body: Record<string, unknown> }>((resolve) => {
      let status = 0;
      const res = {
        headersSent: false,
        writeHead: (s: number) => (status = s),
        end: (text: string) => resolve({ status, body: JSON.parse(text) as Record<string, unknown> }),
      } as unknown as ServerResponse;
      api.handle({ method: 'GET' } as IncomingMessage, res, new URL(path, 'http://x'));
    });
  return { calls, get };
}

test('impact: window and limit passed on; bad ones answered 400 with the reason', async () => {
  const { calls, get } = setup();
  const ok = await get('/api/functions/notify/impact?from=now-1h&limit=50');
  assert.equal(ok.status, 200);
  assert.deepEqual(calls[0], { project: 'p', q: { function: 'notify', limit: 50, from: new Date(NOW - 3600e3), to: new Date(NOW), failingKeys: failingRecordKeys } });
  assert.match(String((await get('/api/functions/notify/impact?limit=0')).body.error), /parameter "limit"/);
  assert.match(String((await get('/api/functions/notify/impact?from=now&to=now-1h')).body.error), /"from" must be before "to"/);
  assert.equal((await get('/api/functions/notify/impact?from=yesterday')).status, 400);
});

test('transactions: filters (entry too) passed on; status must be ok, error or all', async () => {
  const { calls, get } = setup();
  const ok = await get('/api/transactions?function=orders-api&status=error&user=u-1&limit=5');
  assert.equal(ok.status, 200);
  assert.deepEqual(ok.body, { items: [] });
  assert.deepEqual(calls[0], { project: 'p', from: new Date(NOW - 86400e3), to: new Date(NOW), limit: 5, function: 'orders-api', status: 'error', user: 'u-1' });
  await get('/api/transactions?entry=POST%20%2Forders&from=now-1h');
  assert.deepEqual(calls[1], { project: 'p', from: new Date(NOW - 3600e3), to: new Date(NOW), limit: 100, entry: 'POST /orders' });
  await get('/api/transactions?entry=');
  assert.equal((calls[2] as TransactionFilter).entry, undefined, 'an empty entry is no filter');
  const bad = await get('/api/transactions?status=failed');
  assert.equal(bad.status, 400);
  assert.match(String(bad.body.error), /parameter "status"/);
  assert.equal(parseTxStatus('all'), undefined);
  assert.equal(parseTxStatus(null), undefined);
});
