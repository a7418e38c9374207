// HS256 JSON Web Tokens for the demo's simulated customers and the local API Gateway's JWT
// authorizer (sign and verify with node:crypto; no dependency).
import { createHmac, timingSafeEqual } from 'node:crypto';

const b64url = (b: Buffer | string): string => Buffer.from(b).toString('base64url');

export type Claims = Record<string, string | number | boolean>;

export function signJwt(claims: Claims, secret: string): string {
  const head = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const body = b64url(JSON.stringify(claims));
  const sig = createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${sig}`;
}

/** The claims of a valid token (signature and exp checked), or a reason it is not valid. */
export function verifyJwt(token: string, secret: string, nowSeconds: number): { claims: Claims } | { error: string } {
  const parts = token.split('.');
  if (parts.length !== 3) return { error: 'malformed token' };
  const [head = '', body = '', sig = ''] = parts;
  const want = Buffer.from(createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url'));
  const got = Buffer.from(sig);
  if (want.length !== got.length || !timingSafeEqual(want, got)) return { error: 'invalid signature' };
  try {
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Claims;
    if (typeof claims.exp === 'number' && claims.exp < nowSeconds) return { error: 'token expired' };
    return { claims };
  } catch {
    return { error: 'malformed token' };
  }
}
