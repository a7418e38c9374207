// gunzip with a hard cap on the decompressed size, so a gzip bomb stops at the cap instead of
// filling memory (zlib stops inflating once maxOutputLength is reached).
import { gunzipSync } from 'node:zlib';
import { constants as bufferConstants } from 'node:buffer';

export type GunzipResult = { ok: true; data: Buffer } | { ok: false; reason: string };

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

export function gunzipBounded(bytes: Uint8Array, maxBytes: number): GunzipResult {
  const limit = Math.max(1, Math.min(Math.floor(maxBytes), bufferConstants.MAX_LENGTH));
  try {
    return { ok: true, data: gunzipSync(bytes, { maxOutputLength: limit }) };
  } catch (err) {
    const e = err as { code?: unknown; message?: unknown };
    if (e.code === 'ERR_BUFFER_TOO_LARGE') {
      return { ok: false, reason: `gzip: decompressed size exceeds the limit of ${limit} bytes` };
    }
    return { ok: false, reason: `gzip: ${typeof e.message === 'string' ? e.message : 'cannot decompress'}` };
  }
}
