/** An operator as `GET /sys/operators` lists them (the mentor's picker). */
export interface OperatorRow {
  id: string;
  email: string;
  name: string;
  status: string;
  autonomous: boolean;
  tasks_done: number;
  checkpoints_signed: number;
  /** The first open task or checkpoint, by slug; null once the course is done. */
  next: string | null;
}

export interface CourseItemProgress {
  slug: string;
  kind: 'task' | 'checkpoint';
  code: string;
  title: string;
  week: number;
  done_at: string | null;
  signed_off_at: string | null;
  signed_off_by: { id: string; email: string } | null;
  /** The mentor's note: with a sign-off, or what to redo after a withdrawal. */
  note: string | null;
}

/** `GET /sys/operators/{id|me}/course`, and the answer of every change to it. */
export interface OperatorCourse {
  operator: { id: string; email: string; name: string; status: string };
  autonomous: boolean;
  autonomous_since: string | null;
  /** The signed-in operator is looking at their own course (else: as a mentor). */
  is_self: boolean;
  summary: {
    tasksDone: number;
    tasksTotal: number;
    checkpointsSigned: number;
    checkpointsTotal: number;
    next: string | null;
  };
  items: CourseItemProgress[];
}
