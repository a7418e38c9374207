// Reads a request body with the size limits applied while streaming, undoing gzip/deflate.
import type { IncomingMessage } from 'node:http';
import { createGunzip, createInflate } from 'node:zlib';
import type { Transform } from 'node:stream';
import { IngestHttpError } from './errors.ts';
import type { IngestLimits } from './limits.ts';

export async function readBody(req: IncomingMessage, limits: IngestLimits): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > limits.maxBodyBytes) {
    req.resume();
    throw new IngestHttpError(413, `request body of ${declared} bytes exceeds the limit of ${limits.maxBodyBytes} bytes`);
  }
  const encoding = String(req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  let decoder: Transform | null = null;
  if (encoding === 'gzip' || encoding === 'x-gzip') decoder = createGunzip();
  else if (encoding === 'deflate') decoder = createInflate();
  else if (encoding !== 'identity' && encoding !== '') {
    req.resume();
    throw new IngestHttpError(415, `unsupported Content-Encoding "${encoding}" (use gzip, deflate or none)`);
  }
  return decoder ? readDecoded(req, decoder, limits) : readPlain(req, limits.maxBodyBytes);
}

function readPlain(req: IncomingMessage, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > max) {
        failed = true;
        reject(new IngestHttpError(413, `request body exceeds the limit of ${max} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!failed) resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    });
    req.on('error', (err) => {
      if (!failed) {
        failed = true;
        reject(new IngestHttpError(400, `could not read the request body: ${err.message}`));
      }
    });
  });
}

function readDecoded(req: IncomingMessage, decoder: Transform, limits: IngestLimits): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let wire = 0;
    let size = 0;
    let done = false;
    const fail = (err: IngestHttpError) => {
      if (done) return;
      done = true;
      req.unpipe(decoder);
      decoder.destroy();
      req.resume();
      reject(err);
    };
    req.on('data', (chunk: Buffer) => {
      wire += chunk.length;
      if (wire > limits.maxBodyBytes) fail(new IngestHttpError(413, `request body exceeds the limit of ${limits.maxBodyBytes} bytes`));
    });
    decoder.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limits.maxDecompressedBytes) {
        fail(new IngestHttpError(413, `decompressed body exceeds the limit of ${limits.maxDecompressedBytes} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    decoder.on('end', () => {
      if (done) return;
      done = true;
      resolve(Buffer.concat(chunks, size));
    });
    decoder.on('error', (err) => fail(new IngestHttpError(400, `body is not valid compressed data: ${err.message}`)));
    req.on('error', (err) => fail(new IngestHttpError(400, `could not read the request body: ${err.message}`)));
    req.pipe(decoder);
  });
}
