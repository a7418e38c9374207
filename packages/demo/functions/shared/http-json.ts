// JSON over HTTP with the global fetch (no dependency). No client-side timeout on purpose: a hanging
// third party runs the function into its Lambda timeout, as it would in production.
export interface JsonResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

export async function postJson(url: string, payload: unknown, headers: Record<string, string> = {}): Promise<JsonResponse> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify(payload),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, headers: res.headers, body };
}
