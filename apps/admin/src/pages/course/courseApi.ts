import { apiFetch, apiList, SYS_URL } from '../../providers/http';
import type { OperatorCourseView as OperatorCourse, OperatorRowView as OperatorRow } from '@floor-os/contracts';

/** `ref` is an operator's id, or `me`. */
const coursePath = (ref: string) => `/operators/${encodeURIComponent(ref)}/course`;

export const loadCourse = (ref: string, signal?: AbortSignal) =>
  apiFetch<OperatorCourse>(coursePath(ref), { base: SYS_URL, signal });

/** Platform operators matching `q` (email or name), by email. */
export const searchOperators = (q: string, signal?: AbortSignal) =>
  apiList<OperatorRow>(
    '/operators',
    { filter: q ? { q } : {}, range: [0, 49], sort: ['email', 'ASC'] },
    signal,
    SYS_URL,
  );

/** The operator ticks (or unticks) a task; a mentor may only untick. Answers the whole course. */
export const setTaskDone = (ref: string, slug: string, done: boolean) =>
  apiFetch<OperatorCourse>(`${coursePath(ref)}/tasks/${encodeURIComponent(slug)}`, {
    base: SYS_URL,
    method: 'PUT',
    body: { done },
  });

/** A mentor signs a checkpoint (note optional) or withdraws the sign-off (note required: what to redo). */
export const setCheckpointSigned = (ref: string, slug: string, signed: boolean, note: string) =>
  apiFetch<OperatorCourse>(`${coursePath(ref)}/checkpoints/${encodeURIComponent(slug)}`, {
    base: SYS_URL,
    method: 'PUT',
    body: note.trim() ? { signed, note: note.trim() } : { signed },
  });

/** A mentor marks an operator autonomous (C1–C5 signed) or clears the flag. */
export const setAutonomous = (operatorId: string, autonomous: boolean) =>
  apiFetch<OperatorCourse>(`/operators/${encodeURIComponent(operatorId)}/profile`, {
    base: SYS_URL,
    method: 'PATCH',
    body: { autonomous },
  });

/** A date without the time, in the browser's locale. */
export function formatDay(value: string | null | undefined): string {
  if (!value) return '—';
  const date = new Date(value);
  return Number.isNaN(date.getTime())
    ? value
    : date.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}
