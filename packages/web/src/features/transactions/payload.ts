// Payloads for reading: JSON with nested JSON strings (API Gateway "body", SNS "Message", SQS
// "body") decoded in place and pretty-printed, and the occurrences of a blamed field marked.
// Pure: no React, no DOM.

const MAX_DEPTH = 6;

function looksLikeJson(t: string): boolean {
  const s = t.trim();
  return (s.startsWith('{') && s.endsWith('}')) || (s.startsWith('[') && s.endsWith(']'));
}

function expandValue(v: unknown, depth: number): { value: unknown; expanded: boolean } {
  if (depth > MAX_DEPTH) return { value: v, expanded: false };
  if (typeof v === 'string' && looksLikeJson(v)) {
    try {
      const inner = expandValue(JSON.parse(v) as unknown, depth + 1);
      return { value: inner.value, expanded: true };
    } catch {
      return { value: v, expanded: false };
    }
  }
  if (Array.isArray(v)) {
    let expanded = false;
    const value = v.map((x) => {
      const r = expandValue(x, depth + 1);
      expanded ||= r.expanded;
      return r.value;
    });
    return { value, expanded };
  }
  if (v !== null && typeof v === 'object') {
    let expanded = false;
    const value: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      const r = expandValue(x, depth + 1);
      expanded ||= r.expanded;
      value[k] = r.value;
    }
    return { value, expanded };
  }
  return { value: v, expanded: false };
}

/** The payload pretty-printed with nested JSON strings decoded; `expanded` tells whether any was.
 * null when the text is not a JSON object or array. */
export function readablePayload(text: string): { text: string; expanded: boolean } | null {
  if (!looksLikeJson(text)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.trim());
  } catch {
    return null;
  }
  const r = expandValue(parsed, 0);
  return { text: JSON.stringify(r.value, null, 2), expanded: r.expanded };
}

export interface Segment {
  text: string;
  mark: boolean;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Splits pretty-printed JSON into segments, marking `"field": <value>` where the value is empty
 * ("", null, [] or {}, or DynamoDB's typed {"S": ""} and {"NULL": true}); when the field only has non-empty values, marks those instead, so the
 * reader still finds it. No field or no occurrence: one unmarked segment. */
export function markField(pretty: string, field: string | null): Segment[] {
  if (!field) return [{ text: pretty, mark: false }];
  const key = `"${escapeRe(field)}"\\s*:\\s*`;
  const empty = new RegExp(`${key}(?:""|null|\\[\\]|\\{\\}|\\{\\s*"S"\\s*:\\s*""\\s*\\}|\\{\\s*"NULL"\\s*:\\s*true\\s*\\})`, 'g');
  const any = new RegExp(`${key}(?:"(?:[^"\\\\]|\\\\.)*"|-?\\d[\\d.eE+-]*|true|false|null)`, 'g');
  let re = empty;
  if (!empty.test(pretty)) re = any;
  re.lastIndex = 0;
  const out: Segment[] = [];
  let last = 0;
  for (let m = re.exec(pretty); m !== null; m = re.exec(pretty)) {
    if (m.index > last) out.push({ text: pretty.slice(last, m.index), mark: false });
    out.push({ text: m[0], mark: true });
    last = m.index + m[0].length;
    if (m[0].length === 0) re.lastIndex++;
  }
  if (last < pretty.length) out.push({ text: pretty.slice(last), mark: false });
  return out.length > 0 ? out : [{ text: pretty, mark: false }];
}
