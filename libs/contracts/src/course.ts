/** The operators' course (tasks T1–T20, checkpoints C1–C5) as `/sys/operators` answers it. */
import type { UserStatus } from './users';

/** An operator as `GET /sys/operators` lists them (the mentor's picker). */
export interface OperatorRowView {
  id: string;
  email: string;
  name: string;
  status: UserStatus;
  /** The profile flag set by a mentor once C1–C5 are signed. */
  autonomous: boolean;
  tasks_done: number;
  checkpoints_signed: number;
  /** The first open task or checkpoint, by slug; null once the course is done. */
  next: string | null;
}

export interface CourseItemProgress {
  slug: string;
  kind: 'task' | 'checkpoint';
  /** `T1` … `T20`, `C1` … `C5`. */
  code: string;
  title: string;
  week: number;
  /** A task: when it was ticked. */
  done_at: string | null;
  /** A checkpoint: when a mentor signed it. */
  signed_off_at: string | null;
  signed_off_by: { id: string; email: string } | null;
  /** The mentor's note: with a sign-off, or what to redo after a withdrawal. */
  note: string | null;
}

/** The course in numbers (these field names are camelCase on the wire). */
export interface CourseSummaryView {
  tasksDone: number;
  tasksTotal: number;
  checkpointsSigned: number;
  checkpointsTotal: number;
  next: string | null;
}

/** `GET /sys/operators/{id|me}/course`, and the answer of every change to it. */
export interface OperatorCourseView {
  operator: { id: string; email: string; name: string; status: UserStatus };
  autonomous: boolean;
  autonomous_since: string | null;
  /** The signed-in operator is looking at their own course (else: as a mentor). */
  is_self: boolean;
  summary: CourseSummaryView;
  items: CourseItemProgress[];
}
