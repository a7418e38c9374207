// Payload evidence: the fields whose value is "" or null in a recorded input or output. Payloads nest
// JSON inside strings (an SQS body holding an SNS envelope whose Message is JSON) and may be
// truncated, so parsing is recursive with a regex fallback that tolerates escaped quotes. Items in
// DynamoDB's typed JSON ({"phone": {"S": ""}}) are read in their plain form.
import { isTypedItem, plainItem } from './dynamodb-json.ts';

const MAX_DEPTH = 8;

function looksLikeJson(s: string): boolean {
  const t = s.trimStart();
  return t.startsWith('{') || t.startsWith('[');
}

export interface EmptyField {
  field: string;
  /** How it appeared: '""' or 'null'. */
  value: '""' | 'null';
}

function walk(v: unknown, out: EmptyField[], depth: number): void {
  if (depth > MAX_DEPTH) return;
  if (typeof v === 'string') {
    if (looksLikeJson(v)) fromText(v, out, depth + 1);
    return;
  }
  if (Array.isArray(v)) {
    for (const x of v) walk(x, out, depth + 1);
    return;
  }
  if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(isTypedItem(v) ? plainItem(v) : v)) {
      if (x === '' || x === null) out.push({ field: k, value: x === null ? 'null' : '""' });
      else walk(x, out, depth + 1);
    }
  }
}

// (\\*)" name \1" : (\1"\1" | null) — the same run of backslashes escapes every quote of one nesting level.
const EMPTY_FIELD = /(\\*)"([A-Za-z_$][\w$.-]{0,100})\1"\s*:\s*(?:\1"\1"|null|\{\s*\1"S\1"\s*:\s*\1"\1"\s*\}|\{\s*\1"NULL\1"\s*:\s*true\s*\})/g;

function fromText(text: string, out: EmptyField[], depth: number): void {
  try {
    walk(JSON.parse(text) as unknown, out, depth);
  } catch {
    for (const m of text.matchAll(EMPTY_FIELD)) if (m[2] !== undefined) out.push({ field: m[2], value: /(null|true\s*\})$/.test(m[0]) ? 'null' : '""' });
  }
}

/** The fields found "" or null anywhere in a payload, in order of appearance, one per name. */
export function emptyFieldsOf(payload: string): EmptyField[] {
  if (payload === '') return [];
  const out: EmptyField[] = [];
  fromText(payload, out, 0);
  const seen = new Set<string>();
  return out.filter((f) => !seen.has(f.field) && seen.add(f.field) !== undefined);
}

/** Names of the fields found "" or null anywhere in a payload, in order of appearance. */
export function emptyFields(payload: string): string[] {
  return emptyFieldsOf(payload).map((f) => f.field);
}

function norm(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Fields named by an error message ("phone number is empty" names phone and phoneNumber), best first. */
export function fieldsNamedIn(message: string, fields: readonly string[]): string[] {
  const msg = norm(message);
  const words = new Set(message.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length > 1));
  return fields
    .filter((f) => {
      const n = norm(f);
      return n.length > 1 && (msg.includes(n) || words.has(n));
    })
    .sort((a, b) => norm(b).length - norm(a).length);
}
