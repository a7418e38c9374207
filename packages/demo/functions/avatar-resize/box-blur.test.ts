// The thumbnail: a 64x64 binary PGM; blurring flattens a checkerboard towards grey.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { squareSide, thumbnail } from './box-blur.ts';

describe('thumbnail', () => {
  it('makes a 64x64 PGM whose pixels are blurred', () => {
    const side = 200;
    const checker = new Uint8Array(side * side).map((_, i) => ((i % side) + Math.floor(i / side)) % 2 === 0 ? 255 : 0);
    assert.equal(squareSide(checker.length), side);
    const out = thumbnail(checker);
    const header = 'P5\n64 64\n255\n';
    assert.equal(out.subarray(0, header.length).toString('ascii'), header);
    const pixels = out.subarray(header.length);
    assert.equal(pixels.length, 64 * 64);
    const inner = pixels[32 * 64 + 32]!;
    assert.ok(inner > 90 && inner < 165, `blurred to grey: ${inner}`);
  });
});
