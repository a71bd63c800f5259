import { HttpError } from 'react-admin';
import type { ImportMapping, ImportTarget, ImportView } from '@floor-os/contracts';
import type { FixedWidthLayout, ImportFormat } from '../pages/imports/types';
import { API_URL, apiFetch } from './http';

export interface UploadRequest {
  file: File;
  target: ImportTarget;
  format: ImportFormat;
  layout?: FixedWidthLayout;
  /** Saves the layout for this tenant under this name. */
  layoutName?: string;
}

/**
 * An import's steps (SPEC I1–I6) as custom methods of the data provider: upload, read, map, check, apply,
 * cancel. The history is the list resource `imports`, read by `<List>`. Every step answers the import as it
 * stands after it.
 */
export interface ImportsMethods {
  uploadImport(request: UploadRequest): Promise<ImportView>;
  getImport(id: string): Promise<ImportView>;
  saveImportMapping(id: string, mapping: ImportMapping): Promise<ImportView>;
  /** The wizard always stops at `validated` so the counts are read before anything is written. */
  confirmImport(id: string): Promise<ImportView>;
  applyImport(id: string): Promise<ImportView>;
  cancelImport(id: string): Promise<ImportView>;
}

const importPath = (id: string) => `/imports/${encodeURIComponent(id)}`;

/** The intake report's rejected rows as CSV, served by the API with the session cookie. */
export const rejectedCsvUrl = (id: string) => `${API_URL}${importPath(id)}/rejected.csv`;

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return text;
  }
}

/**
 * `POST /imports` as multipart: the browser sets the boundary, so no content type here. The options go
 * before the file, so a streaming multipart reader has them by the time the file arrives.
 */
async function uploadImport({ file, target, format, layout, layoutName }: UploadRequest): Promise<ImportView> {
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

export const importsMethods: ImportsMethods = {
  uploadImport,
  getImport: (id) => apiFetch(importPath(id)),
  saveImportMapping: (id, mapping) => apiFetch(`${importPath(id)}/mapping`, { method: 'PUT', body: { mapping } }),
  confirmImport: (id) => apiFetch(`${importPath(id)}/confirm`, { method: 'POST', body: { review: true } }),
  applyImport: (id) => apiFetch(`${importPath(id)}/apply`, { method: 'POST', body: {} }),
  cancelImport: (id) => apiFetch(`${importPath(id)}/cancel`, { method: 'POST', body: {} }),
};
