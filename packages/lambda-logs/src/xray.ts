// X-Ray trace ids ("1-5e1b4151-43a974f0a4b0d5e0e1a0c0e0") to OpenTelemetry's 32 lowercase hex digits.

const XRAY = /^1-([0-9a-fA-F]{8})-([0-9a-fA-F]{24})$/;
const OTEL = /^[0-9a-fA-F]{32}$/;

/** "1-5e1b4151-43a974f0a4b0d5e0e1a0c0e0" -> "5e1b415143a974f0a4b0d5e0e1a0c0e0"; null if not an X-Ray id. */
export function xrayToOtelTraceId(xray: string): string | null {
  const m = XRAY.exec(xray.trim());
  if (!m) return null;
  const id = `${m[1]}${m[2]}`.toLowerCase();
  return /^0+$/.test(id) ? null : id;
}

/** An X-Ray id or an already-OTel 32-hex id -> 32-hex id, else null. */
export function normaliseTraceId(value: string): string | null {
  const text = value.trim();
  if (OTEL.test(text)) return /^0+$/.test(text) ? null : text.toLowerCase();
  return xrayToOtelTraceId(text);
}

/** The Root of an X-Amzn-Trace-Id value ("Root=1-...;Parent=...;Sampled=1") as a 32-hex id, else null. */
export function traceIdFromAmznTraceHeader(value: string): string | null {
  for (const part of value.split(';')) {
    const [key, val] = part.split('=', 2);
    if (key?.trim() === 'Root' && val !== undefined) return xrayToOtelTraceId(val);
  }
  return null;
}
