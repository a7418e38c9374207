// Log bodies and payloads are often JSON: detect and pretty-print them.

/** Pretty-printed JSON when the text is a JSON object or array, otherwise null. */
export function prettyJson(text: string): string | null {
  const t = text.trim();
  if (!(t.startsWith('{') && t.endsWith('}')) && !(t.startsWith('[') && t.endsWith(']'))) return null;
  try {
    return JSON.stringify(JSON.parse(t), null, 2);
  } catch {
    return null;
  }
}

/** Lambda log lines often prefix JSON with a timestamp, request id and level (tab separated). */
export function splitJsonTail(text: string): { prefix: string; json: string } | null {
  const whole = prettyJson(text);
  if (whole !== null) return { prefix: '', json: whole };
  const brace = text.search(/[[{]/);
  if (brace <= 0) return null;
  const json = prettyJson(text.slice(brace));
  return json === null ? null : { prefix: text.slice(0, brace).trimEnd(), json };
}
