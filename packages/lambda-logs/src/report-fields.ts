// The "Key: value" fields of Lambda's text platform lines (REPORT, INIT_REPORT, INIT_START, ...),
// separated by tabs, newlines or (in some copies) single spaces.

const KEYS = [
  'Billed Restore Duration',
  'Restore Duration',
  'Billed Duration',
  'Init Duration',
  'Max Memory Used',
  'Memory Size',
  'Duration',
  'Status',
  'Error Type',
  'XRAY TraceId',
  'SegmentId',
  'Sampled',
  'Phase',
  'Runtime Version ARN',
  'Runtime Version',
  'RequestId',
  'Version',
  'Name',
  'State',
  'Events',
  'Types',
];

// A key counts only at the start of the text or after whitespace; longer keys come first so that
// "Billed Duration" is not read as "Duration".
const KEY_PATTERN = new RegExp(`(?<!\\S)(${KEYS.join('|')}):`, 'g');

/** Field name -> trimmed value (the first occurrence of each key wins). */
export function readFields(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  const matches = [...text.matchAll(KEY_PATTERN)];
  for (let i = 0; i < matches.length; i++) {
    const m = matches[i];
    if (m === undefined || m.index === undefined) continue;
    const key = m[1] ?? '';
    const valueStart = m.index + m[0].length;
    const next = matches[i + 1];
    const valueEnd = next?.index ?? text.length;
    if (!fields.has(key)) fields.set(key, text.slice(valueStart, valueEnd).trim());
  }
  return fields;
}

/** First whitespace-delimited token of a field value, or null when empty. */
export function firstToken(value: string | undefined): string | null {
  if (value === undefined) return null;
  const token = value.trim().split(/\s+/, 1)[0] ?? '';
  return token === '' ? null : token;
}
