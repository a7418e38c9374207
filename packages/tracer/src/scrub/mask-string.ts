// Masks secret-shaped text wherever it appears in a string: JWTs, AWS access key ids, AWS secret
// access keys (40 base64-ish characters in an AWS credential context, or standing alone), card
// numbers (13-19 digits with optional spaces/dashes, issuer prefix 2-6, Luhn), bearer/basic
// credentials and passwords in URLs.
import { looksLikeCardNumber } from './luhn.ts';
import { MASK } from './secret-patterns.ts';

const JWT = /eyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*/g;
const JWT_TAIL = /eyJ[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]*)?$/;
const ACCESS_KEY_ID = /(?<![A-Z0-9])(?:AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|APKA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Z0-9])/g;
const SECRET_CONTEXT = /aws.?secret|secret.?access.?key|secretkey|(?:AKIA|ASIA)[A-Z0-9]{16}/i;
const SECRET_40 = /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;
const STANDALONE_40 = /^[A-Za-z0-9/+]{40}$/;
const CARD = /(?<!\d)[2-6](?:[ -]?\d){12,18}(?!\d)/g;
const AUTH_SCHEME = /\b(Bearer|Basic|Digest)\s+[A-Za-z0-9._~+/=-]{8,}/gi;
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:)[^\s@/]+@/gi;

function mixedCase(s: string): boolean {
  return /[a-z]/.test(s) && /[A-Z]/.test(s) && /\d/.test(s);
}

/** The string with every secret-shaped part replaced by the mask. */
export function maskSecrets(s: string, extra: readonly RegExp[] = []): string {
  if (s.length < 8) return s;
  let out = s;
  const trimmed = out.trim();
  if (STANDALONE_40.test(trimmed) && mixedCase(trimmed)) return MASK;
  if (out.includes('eyJ')) out = out.replace(JWT, MASK);
  const awsContext = SECRET_CONTEXT.test(out);
  out = out.replace(ACCESS_KEY_ID, MASK);
  if (awsContext) out = out.replace(SECRET_40, MASK);
  if (/\d{4}/.test(out) || /\d[ -]\d/.test(out)) {
    out = out.replace(CARD, (m) => (looksLikeCardNumber(m.replace(/[ -]/g, '')) ? MASK : m));
  }
  out = out.replace(AUTH_SCHEME, (_m, scheme: string) => `${scheme} ${MASK}`);
  if (out.includes('://')) out = out.replace(URL_PASSWORD, (_m, head: string) => `${head}${MASK}@`);
  for (const p of extra) out = out.replace(p.global ? p : new RegExp(p.source, `${p.flags}g`), MASK);
  return out;
}

/** Masks a JWT cut short at the end of a truncated string (it no longer matches the full shape). */
export function maskDanglingJwt(s: string): string {
  return JWT_TAIL.test(s) ? s.replace(JWT_TAIL, MASK) : s;
}

/** A number that is a card number (integers of 13-19 digits passing Luhn). */
export function isCardLikeNumber(n: number | bigint): boolean {
  if (typeof n === 'number' && !Number.isSafeInteger(n)) return false;
  const digits = n.toString();
  return looksLikeCardNumber(digits);
}
