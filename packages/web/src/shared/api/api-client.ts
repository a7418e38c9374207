// GET JSON from the Nightjar API; non-2xx answers carry { error } and become ApiRequestError.
import type { ApiError } from '@nightjar/model';

export class ApiRequestError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.name = 'ApiRequestError';
    this.status = status;
  }
}

export async function apiGet<T>(url: string, signal?: AbortSignal): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { headers: { accept: 'application/json' }, signal });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new ApiRequestError(0, 'Cannot reach the Nightjar server. Is it running?');
  }
  const text = await res.text();
  if (!res.ok) {
    let message = `${res.status} ${res.statusText}`.trim();
    try {
      const body = JSON.parse(text) as Partial<ApiError>;
      if (typeof body.error === 'string' && body.error) message = body.error;
    } catch {
      // not JSON: keep the status line
    }
    throw new ApiRequestError(res.status, message);
  }
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiRequestError(res.status, `Unexpected answer from ${url.split('?')[0] ?? url} (not JSON)`);
  }
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
