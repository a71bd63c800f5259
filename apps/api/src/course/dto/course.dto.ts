import { ApiProperty } from '@nestjs/swagger';
import { Satisfies } from '../../common/dto-rules';

/** At most this many characters in a checkpoint's note. */
export const NOTE_MAX = 500;

const isBoolean = (value: unknown) => typeof value === 'boolean';

/** `PUT …/course/tasks/{slug}`. */
export class CourseTickDto {
  @ApiProperty()
  @Satisfies(isBoolean, 'done must be true or false')
  done: boolean;
}

/** `PUT …/course/checkpoints/{slug}`: a mentor signs, or withdraws the sign-off with what to redo. */
export class CourseSignOffDto {
  @ApiProperty()
  @Satisfies(isBoolean, 'signed must be true or false')
  signed: boolean;

  @ApiProperty({
    type: String,
    nullable: true,
    required: false,
    maxLength: NOTE_MAX,
    description: 'Required to withdraw a sign-off',
  })
  @Satisfies(
    (note) => note === undefined || note === null || (typeof note === 'string' && note.length <= NOTE_MAX),
    (note) => (typeof note === 'string' ? `note must be at most ${NOTE_MAX} characters` : 'note must be text'),
  )
  note?: string | null;
}

/** `PATCH …/profile`. */
export class OperatorProfileDto {
  @ApiProperty()
  @Satisfies(isBoolean, 'autonomous must be true or false')
  autonomous: boolean;
}
