// Origins never traced: the Nightjar endpoint itself (the exporter's own requests).
const ignored = new Set<string>();

export function ignoreOrigin(url: string | undefined): void {
  if (url === undefined) return;
  try {
    ignored.add(new URL(url).origin);
  } catch {
    // not a URL: nothing to ignore
  }
}

export function isIgnored(origin: string): boolean {
  return ignored.has(origin);
}
