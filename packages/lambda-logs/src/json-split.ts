// Top-level JSON objects of a text holding one, several on lines (NDJSON) or several back to back
// ("}{", as concatenated gzip members decompress to).

/** The texts of the top-level {...} values, or null when the text is not only objects and whitespace. */
export function splitJsonObjects(text: string): string[] | null {
  const out: string[] = [];
  let depth = 0;
  let inString = false;
  let escaped = false;
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (escaped) escaped = false;
      else if (c === 0x5c) escaped = true;
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) {
      if (depth === 0) return null;
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      if (depth === 0) {
        if (c === 0x5b) return null;
        start = i;
      }
      depth++;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
      if (depth < 0) return null;
      if (depth === 0) out.push(text.slice(start, i + 1));
    } else if (depth === 0 && c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) {
      return null;
    }
  }
  return depth === 0 && !inString ? out : null;
}
