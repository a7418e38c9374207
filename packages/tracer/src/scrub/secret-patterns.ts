// What counts as a secret: key names (the value under them is masked whatever it is) and value
// shapes (masked wherever they appear in a string).

export const MASK = '[REDACTED]';

/** Key names whose values are secrets. Plain "key" is deliberately absent (S3 and DynamoDB keys). */
export const SECRET_KEY_PATTERN =
  /pass(?:word|wd|phrase)|(?<![a-z])(?:pass|pwd|auth|sig|ssn|otp|pin)(?![a-z])|secret|token|api[-_ ]?key|access[-_ ]?key|private[-_ ]?key|credential|authori[sz]ation|signature|session|cookie|bearer|client[-_ ]?assertion/i;

export function isSecretKey(key: string, extra: readonly RegExp[] = []): boolean {
  if (SECRET_KEY_PATTERN.test(key)) return true;
  for (const p of extra) {
    p.lastIndex = 0;
    if (p.test(key)) return true;
  }
  return false;
}

/** Compiles user-supplied patterns (RegExp or source text, case-insensitive); invalid ones are skipped. */
export function compilePatterns(patterns: readonly (string | RegExp)[] | undefined): RegExp[] {
  const out: RegExp[] = [];
  for (const p of patterns ?? []) {
    if (p instanceof RegExp) out.push(new RegExp(p.source, p.flags.replace('g', '')));
    else if (typeof p === 'string' && p.length > 0) {
      try {
        out.push(new RegExp(p, 'i'));
      } catch {
        // an invalid pattern from configuration is ignored rather than breaking the host
      }
    }
  }
  return out;
}
