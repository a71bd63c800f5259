import type { CourseItemProgress, CourseSummaryView, OperatorCourseView, OperatorRowView } from '@floor-os/contracts';
import { USER_STATUSES } from '@floor-os/contracts';
import { ApiProperty } from '@nestjs/swagger';
import type { Agrees, SameShape } from '../../common/dto/contract';

/** The wire types (the service answers them too): the classes below implement them, so the compiler checks they agree. */
type OperatorRow = OperatorRowView;
type Progress = OperatorCourseView;
type ProgressOperator = Progress['operator'];
type Summary = CourseSummaryView;
type Item = CourseItemProgress;
type SignedBy = NonNullable<Item['signed_off_by']>;

/** A platform operator on the course tracker. */
export class OperatorRowResponse implements OperatorRow {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  email: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ enum: USER_STATUSES })
  status: OperatorRow['status'];

  @ApiProperty({ description: 'The profile flag set by a mentor once C1–C5 are signed' })
  autonomous: boolean;

  @ApiProperty()
  tasks_done: number;

  @ApiProperty()
  checkpoints_signed: number;

  @ApiProperty({ type: String, nullable: true, description: 'The next task or checkpoint, in course order' })
  next: string | null;
}

class CourseOperatorResponse implements ProgressOperator {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  email: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ enum: USER_STATUSES })
  status: ProgressOperator['status'];
}

/** The course in numbers (these field names are camelCase on the wire). */
class CourseSummaryResponse implements Summary {
  @ApiProperty()
  tasksDone: number;

  @ApiProperty()
  tasksTotal: number;

  @ApiProperty()
  checkpointsSigned: number;

  @ApiProperty()
  checkpointsTotal: number;

  @ApiProperty({ type: String, nullable: true })
  next: string | null;
}

class CourseSignerResponse implements SignedBy {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  email: string;
}

class CourseItemResponse implements Item {
  @ApiProperty()
  slug: string;

  @ApiProperty({ enum: ['task', 'checkpoint'] })
  kind: 'task' | 'checkpoint';

  @ApiProperty({ example: 'T7', description: 'T1 … T20, C1 … C5' })
  code: string;

  @ApiProperty()
  title: string;

  @ApiProperty()
  week: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'A task: when it was ticked' })
  done_at: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'A checkpoint: when a mentor signed it',
  })
  signed_off_at: string | null;

  @ApiProperty({ type: () => CourseSignerResponse, nullable: true })
  signed_off_by: CourseSignerResponse | null;

  @ApiProperty({ type: String, nullable: true })
  note: string | null;
}

/** One operator's course: every task and checkpoint with its tick or sign-off, the summary and the flag. */
export class CourseProgressResponse implements Progress {
  @ApiProperty({ type: () => CourseOperatorResponse })
  operator: CourseOperatorResponse;

  @ApiProperty()
  autonomous: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  autonomous_since: string | null;

  @ApiProperty({ description: 'The caller is this operator' })
  is_self: boolean;

  @ApiProperty({ type: () => CourseSummaryResponse })
  summary: CourseSummaryResponse;

  @ApiProperty({ type: () => [CourseItemResponse] })
  items: CourseItemResponse[];
}

/** Each answer and its wire type agree both ways (a field either side lacks fails `tsc`). */
export type OperatorRowResponseAgrees = Agrees<SameShape<OperatorRowResponse, OperatorRowView>>;
export type CourseProgressResponseAgrees = Agrees<SameShape<CourseProgressResponse, OperatorCourseView>>;
