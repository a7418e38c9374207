// The end user's id: configured dotted paths first, then the authorizer's identity.
import { at, isObj, parseJsonObject, prop } from '../util/read.ts';

const CLAIMS = ['sub', 'username', 'cognito:username', 'email'];

function text(v: unknown): string | undefined {
  if (typeof v === 'string' && v.length > 0) return v.length > 256 ? v.slice(0, 256) : v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

/** Follows "a.b.0.c" through objects, arrays and JSON-text strings (e.g. "body.user.id"). */
export function readPath(event: unknown, path: string): unknown {
  let cur: unknown = event;
  for (const segment of path.split('.')) {
    if (typeof cur === 'string') cur = parseJsonObject(cur);
    if (Array.isArray(cur)) {
      const i = Number(segment);
      cur = Number.isInteger(i) && i >= 0 ? cur[i] : undefined;
    } else cur = prop(cur, segment);
    if (cur === undefined || cur === null) return undefined;
  }
  return cur;
}

function fromClaims(claims: unknown): string | undefined {
  if (!isObj(claims)) return undefined;
  for (const name of CLAIMS) {
    const v = text(prop(claims, name));
    if (v !== undefined) return v;
  }
  return undefined;
}

export function findUserId(event: unknown, paths: readonly string[] = []): string {
  for (const p of paths) {
    const v = text(readPath(event, p));
    if (v !== undefined) return v;
  }
  const auth = at(event, 'requestContext', 'authorizer');
  return (
    fromClaims(prop(auth, 'claims')) ?? // REST API, Cognito user pool authorizer
    fromClaims(at(auth, 'jwt', 'claims')) ?? // HTTP API JWT authorizer
    text(at(auth, 'iam', 'cognitoIdentity', 'identityId')) ??
    text(at(auth, 'iam', 'userArn')) ?? // HTTP API / Function URL IAM auth
    text(prop(auth, 'principalId')) ?? // REST API Lambda authorizer
    text(at(event, 'requestContext', 'identity', 'cognitoIdentityId')) ??
    text(at(event, 'requestContext', 'identity', 'userArn')) ??
    ''
  );
}
