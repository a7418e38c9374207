import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BoundedQueue } from './bounded-queue.ts';

describe('BoundedQueue', () => {
  it('drops the oldest items when full and counts them', () => {
    const q = new BoundedQueue<string>(10);
    q.push('a', 4);
    q.push('b', 4);
    q.push('c', 4);
    assert.equal(q.dropped, 1);
    assert.equal(q.bytes, 8);
    assert.deepEqual(q.take(100), ['b', 'c']);
    assert.equal(q.length, 0);
    assert.equal(q.bytes, 0);
  });

  it('drops an item larger than the bound, keeping the rest', () => {
    const q = new BoundedQueue<string>(10);
    q.push('a', 4);
    q.push('huge', 11);
    assert.equal(q.dropped, 1);
    assert.deepEqual(q.take(100), ['a']);
  });

  it('take() returns batches bounded by bytes, at least one item', () => {
    const q = new BoundedQueue<string>(100);
    for (const s of ['a', 'b', 'c']) q.push(s, 6);
    assert.deepEqual(q.take(13), ['a', 'b']);
    assert.deepEqual(q.take(1), ['c']);
    assert.deepEqual(q.take(1), []);
  });
});
