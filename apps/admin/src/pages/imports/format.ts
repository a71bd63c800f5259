import type { ImportStatus, ImportView } from './types';

/** `1536` → "1.5 KB". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

/** Statuses in which the worker is still moving: the wizard polls `GET /imports/{id}` every second. */
export const RUNNING_STATUSES: readonly ImportStatus[] = ['queued', 'staging', 'applying'];

/** Statuses from which cancel still drops everything (nothing is applied before `applying`). */
export const CANCELLABLE_STATUSES: readonly ImportStatus[] = ['uploaded', 'mapped', 'queued', 'staging', 'validated'];

/** Statuses whose row counts mean something (the file has been read through). */
export const COUNTED_STATUSES: readonly ImportStatus[] = ['validated', 'applying', 'completed'];

/** "1,234 of 5,000 rows" while the total is known, "1,234 rows read" while it is not. */
export function progressText(progress: ImportView['progress']): string {
  const done = progress.rows_done.toLocaleString();
  return progress.total_rows === null ? `${done} rows read` : `${done} of ${progress.total_rows.toLocaleString()} rows`;
}

/** The fraction as a bar value, 0–100, whatever the API sent. */
export function percentOf(fraction: number): number {
  return Number.isFinite(fraction) ? Math.round(Math.min(1, Math.max(0, fraction)) * 1000) / 10 : 0;
}
