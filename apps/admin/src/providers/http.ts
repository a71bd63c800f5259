import { fetchUtils } from 'react-admin';

/** Every panel route lives under this prefix, on the same origin as the panel. */
export const API_URL = '/api/v1';

/**
 * The one HTTP client of the panel: JSON in and out, the session cookie sent same-origin. Errors reject
 * with react-admin's `HttpError`, whose `message` is the API's `message` and whose `body` is the error JSON
 * (`{status_code, error, message, code?, correlation_id}`).
 */
export const httpClient = (url: string, options: fetchUtils.Options = {}) =>
  fetchUtils.fetchJson(url, { ...options, credentials: 'same-origin' });

/** A call to a panel route outside the resource conventions (auth, tenant settings, dashboard, rotate). */
export async function apiFetch<T>(
  path: string,
  options: { method?: string; body?: unknown; signal?: AbortSignal } = {},
): Promise<T> {
  const { json } = await httpClient(`${API_URL}${path}`, {
    method: options.method ?? 'GET',
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: options.signal,
  });
  return json as T;
}

/** The HTTP status of an error thrown by `httpClient`, if it has one. */
export function statusOf(error: unknown): number | undefined {
  if (error && typeof error === 'object' && 'status' in error && typeof error.status === 'number') {
    return error.status;
  }
  return undefined;
}
