// Cutting strings by UTF-8 bytes, with a visible marker.

export const truncationMarker = (droppedBytes: number): string => `…[truncated ${droppedBytes} bytes]`;

/** The longest prefix of `s` that is at most `maxBytes` UTF-8 bytes (never splitting a character). */
export function utf8Prefix(s: string, maxBytes: number): string {
  if (maxBytes <= 0) return '';
  // Every UTF-16 unit is at least one byte: no need to encode more than maxBytes units.
  const head = s.length > maxBytes ? s.slice(0, maxBytes) : s;
  const buf = Buffer.from(head, 'utf8');
  if (buf.length <= maxBytes) return head;
  let n = maxBytes;
  while (n > 0 && ((buf[n] ?? 0) & 0xc0) === 0x80) n--;
  return buf.subarray(0, n).toString('utf8');
}
