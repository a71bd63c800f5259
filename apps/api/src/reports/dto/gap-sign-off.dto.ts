import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Satisfies } from '../../common/dto-rules';
import { MAX_SIGN_OFF_NOTE_CHARS } from '../gap-sign-offs.service';

const required = (field: 'from' | 'to') =>
  Satisfies((value) => value !== undefined, `${field} is required: the window you reviewed`);

/**
 * `POST /reports/gap/sign-offs`. from and to must be sent; whether they make a window is the report's own
 * rule (`parseReportWindow`, the same as the report's query), checked by the service.
 */
export class GapSignOffDto {
  @ApiProperty({ format: 'date-time', description: 'The window you reviewed: its start' })
  @required('from')
  from: string;

  @ApiProperty({ format: 'date-time', description: 'The window you reviewed: its end (exclusive)' })
  @required('to')
  to: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: MAX_SIGN_OFF_NOTE_CHARS })
  @Satisfies(
    (note) =>
      note === undefined || note === null || (typeof note === 'string' && note.length <= MAX_SIGN_OFF_NOTE_CHARS),
    (note) =>
      typeof note === 'string' ? `note may be at most ${MAX_SIGN_OFF_NOTE_CHARS} characters` : 'note must be text',
  )
  note?: string | null;
}
