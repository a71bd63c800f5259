import { parseLocalDate } from '@floor-os/reports';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Allow } from 'class-validator';
import { Satisfies } from '../../common/dto-rules';
import { MAX_ACTION_TITLE_CHARS, MAX_MINUTES_CHARS } from '../weekly-review.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `POST /reports/weekly-reviews`: generate a finished week by hand. week_start is checked by the service,
 * whose answers carry their own codes (INVALID_WEEK, WEEK_NOT_FINISHED) — a value that is not text included.
 */
export class GenerateWeeklyReviewDto {
  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    description: 'A Monday (YYYY-MM-DD) of a finished week; default the last one',
  })
  @Allow()
  week_start?: unknown;
}

/** `PUT /reports/weekly-reviews/{id}/minutes`. */
export class WeeklyReviewMinutesDto {
  @ApiProperty({ maxLength: MAX_MINUTES_CHARS, description: "The meeting's minutes (replaces what was there)" })
  @Satisfies(
    (text) => typeof text === 'string' && text.length <= MAX_MINUTES_CHARS,
    (text) =>
      typeof text === 'string' ? `text must be at most ${MAX_MINUTES_CHARS} characters` : 'text must be a string',
  )
  text: string;
}

const titleRule = (required: boolean) =>
  Satisfies(
    (title) =>
      (!required && title === undefined) ||
      (typeof title === 'string' && title.trim() !== '' && title.trim().length <= MAX_ACTION_TITLE_CHARS),
    (title) =>
      typeof title === 'string' && title.trim() !== ''
        ? `title must be at most ${MAX_ACTION_TITLE_CHARS} characters`
        : 'title must be a non-empty string',
  );
const ownerRule = () =>
  Satisfies(
    (owner) => owner === undefined || owner === null || (typeof owner === 'string' && UUID.test(owner)),
    'owner_id must be the id of a user of this tenant',
  );
const dueRule = () =>
  Satisfies((due) => {
    if (due === undefined || due === null) return true;
    const date = parseLocalDate(due);
    return date !== null && date >= '2000-01-01' && date <= '2199-12-31';
  }, 'due_date must be a date YYYY-MM-DD');

/** `POST /reports/weekly-reviews/{id}/actions`. Whether the owner is an active user is the service's check. */
export class CreateReviewActionDto {
  @ApiProperty({ maxLength: MAX_ACTION_TITLE_CHARS })
  @titleRule(true)
  title: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'An active user of the tenant' })
  @ownerRule()
  owner_id?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @dueRule()
  due_date?: string | null;
}

/** `PUT /reports/weekly-reviews/{id}/actions/{action_id}`: at least one field (the service says when none is). */
export class UpdateReviewActionDto {
  @ApiPropertyOptional()
  @Satisfies((done) => done === undefined || typeof done === 'boolean', 'done must be true or false')
  done?: boolean;

  @ApiPropertyOptional({ maxLength: MAX_ACTION_TITLE_CHARS })
  @titleRule(false)
  title?: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @ownerRule()
  owner_id?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @dueRule()
  due_date?: string | null;
}
