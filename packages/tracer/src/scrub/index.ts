export { maskEnvironment, type MaskEnvironmentOptions } from './mask-environment.ts';
export { maskSecrets } from './mask-string.ts';
export {
  DEFAULT_MAX_DEPTH,
  DEFAULT_MAX_FIELD_BYTES,
  DEFAULT_MAX_TOTAL_BYTES,
  ERROR_MAX_FIELD_BYTES,
  SCRUB_FAILED,
  scrubPayload,
  type ScrubOptions,
} from './scrub-payload.ts';
export { isSecretKey, MASK, SECRET_KEY_PATTERN } from './secret-patterns.ts';
