// A deliberately CPU-bound "resize": the bytes as a greyscale square, a few box-blur passes, then
// a downsample to a thumbnail (the result is a binary PGM image).

export function squareSide(bytes: number): number {
  return Math.max(1, Math.floor(Math.sqrt(bytes)));
}

function blurPass(src: Uint8Array, side: number, radius: number): Uint8Array {
  const out = new Uint8Array(src.length);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      let sum = 0;
      let n = 0;
      for (let dy = -radius; dy <= radius; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= side) continue;
        for (let dx = -radius; dx <= radius; dx++) {
          const xx = x + dx;
          if (xx < 0 || xx >= side) continue;
          sum += src[yy * side + xx] ?? 0;
          n++;
        }
      }
      out[y * side + x] = Math.round(sum / n);
    }
  }
  return out;
}

export function thumbnail(image: Uint8Array, size = 64, passes = 3, radius = 2): Buffer {
  const side = squareSide(image.length);
  let pixels = image.subarray(0, side * side);
  for (let i = 0; i < passes; i++) pixels = blurPass(pixels, side, radius);
  const out = Buffer.alloc(size * size);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      out[y * size + x] = pixels[Math.floor((y * side) / size) * side + Math.floor((x * side) / size)] ?? 0;
    }
  }
  return Buffer.concat([Buffer.from(`P5\n${size} ${size}\n255\n`, 'ascii'), out]);
}
