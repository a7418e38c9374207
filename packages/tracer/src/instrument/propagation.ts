// Whether an outbound request may carry a W3C traceparent: never to AWS (a header added after
// SigV4 signing breaks the signature; AWS APIs ignore it anyway).
export type HeaderLookup = (name: string) => string | undefined;

export function isAwsHost(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return h.endsWith('.amazonaws.com') || h.endsWith('.amazonaws.com.cn') || h.endsWith('.on.aws') || h.endsWith('.api.aws');
}

export function isAwsSigned(header: HeaderLookup): boolean {
  const auth = header('authorization');
  if (auth !== undefined && /^AWS4-/i.test(auth)) return true;
  return header('x-amz-date') !== undefined || header('x-amz-content-sha256') !== undefined || header('x-amz-security-token') !== undefined;
}

export function mayPropagate(host: string, header: HeaderLookup): boolean {
  return !isAwsHost(host) && !isAwsSigned(header) && header('traceparent') === undefined;
}

export function traceparent(traceId: string, spanId: string): string | undefined {
  if (/^0+$/.test(spanId) || /^0+$/.test(traceId)) return undefined;
  return `00-${traceId}-${spanId}-01`;
}
