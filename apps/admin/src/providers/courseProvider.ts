import type { OperatorCourseView as OperatorCourse, OperatorRowView as OperatorRow } from '@floor-os/contracts';
import { apiFetch, apiList, SYS_URL } from './http';

/**
 * The operator course (SPEC O7) under `/sys/operators`: an operator's course (`ref` is an operator's id, or
 * `me`), its tasks and checkpoints, the mentor's autonomy flag, and the operators a mentor picks from.
 */
export interface CourseMethods {
  getCourse(ref: string): Promise<OperatorCourse>;
  /** Platform operators matching `q` (email or name), by email, at most 50. */
  searchOperators(q: string): Promise<{ rows: OperatorRow[]; total: number }>;
  /** The operator ticks (or unticks) a task; a mentor may only untick. Answers the whole course. */
  setCourseTaskDone(ref: string, slug: string, done: boolean): Promise<OperatorCourse>;
  /** A mentor signs a checkpoint (note optional) or withdraws the sign-off (note required: what to redo). */
  setCourseCheckpointSigned(ref: string, slug: string, signed: boolean, note: string): Promise<OperatorCourse>;
  /** A mentor marks an operator autonomous (C1–C5 signed) or clears the flag. */
  setOperatorAutonomous(operatorId: string, autonomous: boolean): Promise<OperatorCourse>;
}

const coursePath = (ref: string) => `/operators/${encodeURIComponent(ref)}/course`;

export const courseMethods: CourseMethods = {
  getCourse: (ref) => apiFetch(coursePath(ref), { base: SYS_URL }),
  searchOperators: (q) =>
    apiList('/operators', { filter: q ? { q } : {}, range: [0, 49], sort: ['email', 'ASC'] }, undefined, SYS_URL),
  setCourseTaskDone: (ref, slug, done) =>
    apiFetch(`${coursePath(ref)}/tasks/${encodeURIComponent(slug)}`, { base: SYS_URL, method: 'PUT', body: { done } }),
  setCourseCheckpointSigned: (ref, slug, signed, note) =>
    apiFetch(`${coursePath(ref)}/checkpoints/${encodeURIComponent(slug)}`, {
      base: SYS_URL,
      method: 'PUT',
      body: note.trim() ? { signed, note: note.trim() } : { signed },
    }),
  setOperatorAutonomous: (operatorId, autonomous) =>
    apiFetch(`/operators/${encodeURIComponent(operatorId)}/profile`, {
      base: SYS_URL,
      method: 'PATCH',
      body: { autonomous },
    }),
};
