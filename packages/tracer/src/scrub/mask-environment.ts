// Environment variables for capture: every name kept, secret values masked.
import { maskSecrets } from './mask-string.ts';
import { compilePatterns, isSecretKey, MASK } from './secret-patterns.ts';
import { utf8Prefix, truncationMarker } from './truncate.ts';

export interface MaskEnvironmentOptions {
  /** Extra name patterns whose values are masked. */
  secretPatterns?: readonly (string | RegExp)[];
  /** Values are cut to this many UTF-8 bytes (default 512). */
  maxValueBytes?: number;
}

/** Names whose values are always masked even though they do not look secret. */
const ALWAYS = /^(AWS_SESSION_TOKEN|AWS_SECRET_ACCESS_KEY|AWS_ACCESS_KEY_ID|AWS_SECURITY_TOKEN|NIGHTJAR_TOKEN|DATABASE_URL)$/i;

export function maskEnvironment(env: Record<string, string | undefined>, options: MaskEnvironmentOptions = {}): Record<string, string> {
  const out: Record<string, string> = {};
  try {
    const extra = compilePatterns(options.secretPatterns);
    const max = Math.max(16, options.maxValueBytes ?? 512);
    for (const name of Object.keys(env)) {
      let value: unknown;
      try {
        value = env[name];
      } catch {
        value = undefined;
      }
      if (typeof value !== 'string') continue;
      let masked = ALWAYS.test(name) || isSecretKey(name, extra) ? MASK : maskSecrets(value);
      if (Buffer.byteLength(masked) > max) {
        const kept = utf8Prefix(masked, max);
        masked = kept + truncationMarker(Buffer.byteLength(masked) - Buffer.byteLength(kept));
      }
      Object.defineProperty(out, name, { value: masked, enumerable: true, writable: true, configurable: true });
    }
  } catch {
    // a hostile env object yields what was collected so far
  }
  return out;
}
