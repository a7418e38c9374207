// The session cache: bounded by default; the unbounded release keeps MBs per call and never evicts.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SessionCache } from './session-cache.ts';

const ev = [{ type: 'page_view', userId: 'u-1' }];

describe('SessionCache', () => {
  it('bounded: evicts the oldest sessions and keeps no snapshots', () => {
    const c = new SessionCache(false);
    for (let i = 0; i < 700; i++) c.record(`s-${i}`, ev);
    assert.equal(c.size, 500);
    assert.equal(c.retainedBytes, 0);
  });

  it('unbounded: grows by a few MB per call', () => {
    const c = new SessionCache(true);
    for (let i = 0; i < 5; i++) c.record('s-1', ev);
    c.record('s-2', ev);
    assert.equal(c.size, 2);
    assert.equal(c.retainedBytes, 6 * 3 * 1024 * 1024);
  });
});
