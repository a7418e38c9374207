// Strict base64 (Buffer.from silently skips bad characters; a corrupt record must be noticed).
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Bytes of standard base64 text (whitespace ignored, padding optional), or null when it is not base64. */
export function decodeBase64(text: string): Buffer | null {
  const compact = text.replace(/\s+/g, '');
  if (!BASE64.test(compact)) return null;
  const unpadded = compact.replace(/=+$/, '');
  if (unpadded.length % 4 === 1) return null;
  if (compact.length !== unpadded.length && compact.length % 4 !== 0) return null;
  return Buffer.from(unpadded, 'base64');
}
