import { fetchUtils } from 'react-admin';

/** Every panel route lives under this prefix, on the same origin as the panel. */
export const API_URL = '/api/v1';

/** The platform operator's workbench routes (`/sys/onboarding`) live outside the panel prefix. */
export const SYS_URL = '/sys';

/**
 * The one HTTP client of the panel: JSON in and out, the session cookie sent same-origin. Errors reject
 * with react-admin's `HttpError`, whose `message` is the API's `message` and whose `body` is the error JSON
 * (`{status_code, error, message, code?, correlation_id}`).
 */
export const httpClient = (url: string, options: fetchUtils.Options = {}) =>
  fetchUtils.fetchJson(url, { ...options, credentials: 'same-origin' });

/**
 * A call to a panel route outside the resource conventions (auth, tenant settings, dashboard, rotate).
 * `base` is the prefix the path goes under: the panel's `/api/v1` unless a route lives elsewhere (`SYS_URL`).
 */
export async function apiFetch<T>(
  path: string,
  options: { method?: string; body?: unknown; signal?: AbortSignal; base?: string } = {},
): Promise<T> {
  const { json } = await httpClient(`${options.base ?? API_URL}${path}`, {
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

/**
 * One page of a list route (the list convention: `sort`, `range`, `filter`; `Content-Range` carries the total),
 * under `base` (the panel's `/api/v1` unless the route lives elsewhere, e.g. `SYS_URL`).
 */
export async function apiList<T>(
  path: string,
  query: { filter?: Record<string, unknown>; range?: [number, number]; sort?: [string, 'ASC' | 'DESC'] } = {},
  signal?: AbortSignal,
  base: string = API_URL,
): Promise<{ rows: T[]; total: number }> {
  const params = new URLSearchParams();
  if (query.sort) params.set('sort', JSON.stringify(query.sort));
  if (query.range) params.set('range', JSON.stringify(query.range));
  if (query.filter && Object.keys(query.filter).length > 0) params.set('filter', JSON.stringify(query.filter));
  const search = params.toString();
  const { json, headers } = await httpClient(`${base}${path}${search ? `?${search}` : ''}`, { signal });
  const rows = json as T[];
  const total = Number(headers.get('content-range')?.split('/').pop());
  return { rows, total: Number.isFinite(total) ? total : rows.length };
}

/** The API's per-field messages of a 400 (`{fields: {"deep_link.url_template": ["…"]}}`), one string per field. */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  const body = error && typeof error === 'object' && 'body' in error ? (error as { body?: unknown }).body : undefined;
  const fields =
    body && typeof body === 'object' && 'fields' in body ? (body as { fields?: unknown }).fields : undefined;
  if (!fields || typeof fields !== 'object') return {};
  return Object.fromEntries(
    Object.entries(fields as Record<string, unknown>).map(([field, messages]) => [
      field,
      [messages].flat().map(String).join(' '),
    ]),
  );
}

/** The API's error `code` (e.g. `INVENTORY_INCOMPLETE`), if it sent one. */
export function errorCodeOf(error: unknown): string | undefined {
  const body = error && typeof error === 'object' && 'body' in error ? (error as { body?: unknown }).body : undefined;
  const code = body && typeof body === 'object' && 'code' in body ? (body as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}

/** A failure as one line for a notification. */
export function messageOf(error: unknown, fallback: string): string {
  return error instanceof Error && error.message ? error.message : fallback;
}
