// The end user's tier (plan): configured dotted paths first, then the authorizer's claims or context
// fields named tier/plan (JWT and Cognito claims, Lambda authorizer context). Never throws.
import { at, isObj, prop } from '../util/read.ts';
import { readPath } from './user-id.ts';

/** Field names looked up in the authorizer's claims or context, in this order. */
export const TIER_FIELDS: readonly string[] = ['tier', 'plan', 'custom:tier', 'custom:plan'];

const MAX_TIER_LENGTH = 64;

function text(v: unknown): string | undefined {
  if (typeof v === 'string') {
    const t = v.trim();
    if (t.length > 0) return t.length > MAX_TIER_LENGTH ? t.slice(0, MAX_TIER_LENGTH) : t;
  }
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

function fromFields(holder: unknown): string | undefined {
  if (!isObj(holder)) return undefined;
  for (const name of TIER_FIELDS) {
    const v = text(prop(holder, name));
    if (v !== undefined) return v;
  }
  return undefined;
}

/** The tier, or '' when the event carries none. */
export function findUserTier(event: unknown, paths: readonly string[] = []): string {
  try {
    for (const p of paths) {
      const v = text(readPath(event, p));
      if (v !== undefined) return v;
    }
    const auth = at(event, 'requestContext', 'authorizer');
    return (
      fromFields(at(auth, 'jwt', 'claims')) ?? // HTTP API JWT authorizer
      fromFields(prop(auth, 'claims')) ?? // REST API Cognito user pool authorizer
      fromFields(prop(auth, 'lambda')) ?? // HTTP API Lambda authorizer context
      fromFields(auth) ?? // REST API Lambda authorizer context (flat on the authorizer)
      ''
    );
  } catch {
    return '';
  }
}
