import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isVipTier, VIP_TIERS } from './transactions.ts';

test('VIP tiers: vip, premium, enterprise, gold, platinum, whatever the case or surrounding blanks', () => {
  for (const t of ['vip', 'VIP', 'Premium', 'enterprise', ' gold ', 'PLATINUM']) assert.equal(isVipTier(t), true, t);
  assert.deepEqual([...VIP_TIERS].sort(), ['enterprise', 'gold', 'platinum', 'premium', 'vip']);
});

test('anything else is not VIP: other tiers, look-alikes, nothing', () => {
  for (const t of ['standard', 'free', 'basic', 'pro', 'vip-trial', 'gold2', 'v i p', '']) assert.equal(isVipTier(t), false, t);
  assert.equal(isVipTier(undefined), false);
  assert.equal(isVipTier(null), false);
});
