import { HttpError } from 'react-admin';
import { API_URL, apiFetch } from '../../providers/http';
import type { ImportMapping, ImportTarget, ImportView } from '@floor-os/contracts';
import type { FixedWidthLayout, ImportFormat } from './types';

const EXTENSION_FORMATS: Record<string, ImportFormat> = {
  csv: 'csv',
  txt: 'csv',
  json: 'json',
  ndjson: 'json',
  xml: 'xml',
  se: 'sie',
  si: 'sie',
  sie: 'sie',
  fw: 'fipjp',
  dat: 'fipjp',
};

/** The format the API would infer from the file's extension, or null when it would not know. */
export function formatFromFilename(filename: string): ImportFormat | null {
  const dot = filename.lastIndexOf('.');
  return dot === -1 ? null : (EXTENSION_FORMATS[filename.slice(dot + 1).toLowerCase()] ?? null);
}

export interface UploadRequest {
  file: File;
  target: ImportTarget;
  format: ImportFormat;
  layout?: FixedWidthLayout;
  /** Saves the layout for this tenant under this name. */
  layoutName?: string;
}

/**
 * `POST /imports` as multipart: the browser sets the boundary, so no content type here. The options go
 * before the file, so a streaming multipart reader has them by the time the file arrives.
 */
export async function uploadImport({ file, target, format, layout, layoutName }: UploadRequest): Promise<ImportView> {
  const form = new FormData();
  form.append('target', target);
  form.append('format', format);
  if (layout) form.append('layout', JSON.stringify(layout));
  if (layout && layoutName) form.append('layout_name', layoutName);
  form.append('file', file, file.name);
  const response = await fetch(`${API_URL}/imports`, { method: 'POST', body: form, credentials: 'include' });
  const text = await response.text();
  const body: unknown = parseJson(text);
  if (!response.ok) {
    const message =
      body && typeof body === 'object' && 'message' in body && typeof body.message === 'string'
        ? body.message
        : response.statusText;
    // The same error shape as `httpClient`'s, so `messageOf` and `errorCodeOf` read it.
    throw new HttpError(message || `Upload failed (${response.status})`, response.status, body);
  }
  return body as ImportView;
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return text;
  }
}

const importPath = (id: string) => `/imports/${encodeURIComponent(id)}`;

export const loadImport = (id: string, signal?: AbortSignal) => apiFetch<ImportView>(importPath(id), { signal });

export const saveMapping = (id: string, mapping: ImportMapping) =>
  apiFetch<ImportView>(`${importPath(id)}/mapping`, { method: 'PUT', body: { mapping } });

/** The wizard always stops at `validated` so the counts are read before anything is written. */
export const confirmImport = (id: string) =>
  apiFetch<ImportView>(`${importPath(id)}/confirm`, { method: 'POST', body: { review: true } });

export const applyImport = (id: string) =>
  apiFetch<ImportView>(`${importPath(id)}/apply`, { method: 'POST', body: {} });

export const cancelImport = (id: string) =>
  apiFetch<ImportView>(`${importPath(id)}/cancel`, { method: 'POST', body: {} });

/** The intake report's rejected rows as CSV, served by the API with the session cookie. */
export const rejectedCsvUrl = (id: string) => `${API_URL}${importPath(id)}/rejected.csv`;
