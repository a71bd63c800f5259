import type { PilotMilestoneDay } from '@floor-os/reports';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Satisfies } from '../../common/dto-rules';
import { MAX_DECISION_NOTE, parseMilestoneDay } from '../usage.service';

const isInstant = (value: unknown) =>
  typeof value === 'string' &&
  value.length <= 40 &&
  /^\d{4}-\d{2}-\d{2}T/.test(value) &&
  Number.isFinite(Date.parse(value));
const instantRule = (field: 'from' | 'to') =>
  Satisfies(
    (value) => value === undefined || isInstant(value),
    `${field} must be an ISO instant such as 2026-01-05T00:00:00Z`,
  );

/** `GET /reports/usage?from&to`. Whether the window is in order and short enough is the service's check. */
export class UsageQueryDto {
  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    description:
      "ISO instant with its offset, such as 2026-03-02T14:00:00Z. Default: the tenant's start, or 53 weeks before `to`.",
  })
  @instantRule('from')
  from?: string;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    description: 'ISO instant with its offset (exclusive); default now',
  })
  @instantRule('to')
  to?: string;
}

const isMilestoneDay = (value: unknown) => {
  try {
    parseMilestoneDay(value);
    return true;
  } catch {
    return false;
  }
};

/** `GET /reports/usage/readout.pdf?day=`. */
export class UsageReadoutQueryDto {
  @ApiProperty({ enum: ['30', '60', '90'], description: 'The readout as it stood on this day of the pilot' })
  @Satisfies(isMilestoneDay, 'day must be 30, 60 or 90')
  day: string;
}

/** `PUT /reports/usage/decisions`: one decision per milestone day; a change replaces it. */
export class UsageDecisionDto {
  @ApiProperty({ enum: [30, 60, 90] })
  @Satisfies((day) => day === 30 || day === 60 || day === 90, 'day must be 30, 60 or 90')
  day: PilotMilestoneDay;

  @ApiProperty({ enum: ['continue', 'expand', 'pause'] })
  @Satisfies(
    (decision) => decision === 'continue' || decision === 'expand' || decision === 'pause',
    'decision must be continue, expand or pause',
  )
  decision: 'continue' | 'expand' | 'pause';

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: MAX_DECISION_NOTE,
    description: 'Required for a pause: why the pilot stops and what the exit interview said',
  })
  @Satisfies(
    (note, dto) => {
      const text = note === undefined || note === null ? '' : note;
      if (typeof text !== 'string' || text.length > MAX_DECISION_NOTE) return false;
      return !(dto.decision === 'pause' && text.trim() === '');
    },
    (note) =>
      note === undefined || note === null || (typeof note === 'string' && note.length <= MAX_DECISION_NOTE)
        ? 'a pause needs its exit note: why the pilot stops and what the exit interview said'
        : `note must be text of at most ${MAX_DECISION_NOTE} characters`,
  )
  note?: string | null;
}
