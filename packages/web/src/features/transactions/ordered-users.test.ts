/// <reference types="node" />
// orderedUsers: the order of the transaction page's user chips (VIP, then the entry's user, then by count).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SpanItem, TxEntry, TxUser } from '@nightjar/model';
import { orderedUsers } from './tx-model';

const rootSpan = (requestId: string, user: string): SpanItem => ({
  traceId: 't', spanId: `s-${requestId}`, parentSpanId: '', name: 'orders-api', service: 'orders-api', kind: 'server', start: '', startNs: '0', durationMs: 1,
  status: 'unset', statusMessage: '', attributes: { 'enduser.id': user }, resource: {}, events: [], functionName: 'orders-api', requestId, linkOut: [], linkIn: [], input: '', output: '',
});
const entry: TxEntry = { kind: 'http', name: 'POST /orders', nodeId: 'api:POST /orders', function: 'orders-api', requestId: 'r-o', time: null };
const users: TxUser[] = [
  { id: 'u-many', count: 9, affected: false, tier: 'standard', vip: false },
  { id: 'u-entry', count: 1, affected: false, vip: false },
  { id: 'u-vip', count: 1, affected: false, tier: 'platinum', vip: true },
  { id: 'u-vip-2', count: 3, affected: false, tier: 'VIP', vip: true },
];

test('VIP users first (by count), then the entry user, then by count; tier and vip kept for the chips', () => {
  const out = orderedUsers({ users, entry, spans: [rootSpan('r-o', 'u-entry')] });
  assert.deepEqual(out.map((u) => [u.id, u.vip, u.entry]), [
    ['u-vip-2', true, false],
    ['u-vip', true, false],
    ['u-entry', false, true],
    ['u-many', false, false],
  ]);
  assert.equal(out[1]?.tier, 'platinum');
});

test('a VIP entry user leads; users without a vip flag sort as non-VIP', () => {
  const out = orderedUsers({ users: [...users, { id: 'u-old', count: 20 }].map((u) => (u.id === 'u-entry' ? { ...u, vip: true } : u)), entry, spans: [rootSpan('r-o', 'u-entry')] });
  assert.deepEqual(out.map((u) => u.id), ['u-entry', 'u-vip-2', 'u-vip', 'u-old', 'u-many']);
});
