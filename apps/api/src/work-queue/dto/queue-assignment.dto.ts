import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Satisfies } from '../../common/dto-rules';

/** At most this many accounts per assignment. */
export const MAX_ASSIGN = 500;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `POST /queue-assignments`: accounts to an agent of the caller's team, or back to nobody. */
export class QueueAssignmentDto {
  @ApiProperty({
    type: [String],
    minItems: 1,
    maxItems: MAX_ASSIGN,
    description: 'Account ids, unassigned or on your team',
  })
  @Satisfies(
    (ids) =>
      Array.isArray(ids) &&
      ids.length > 0 &&
      ids.length <= MAX_ASSIGN &&
      ids.every((id) => typeof id === 'string' && id.length > 0 && id.length <= 64),
    `account_ids must be 1 to ${MAX_ASSIGN} account ids`,
  )
  account_ids: string[];

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'An agent of your team, or null to unassign',
  })
  @Satisfies(
    (id) => id === null || (typeof id === 'string' && UUID.test(id)),
    'agent_id must be a user id of your team, or null to unassign',
  )
  agent_id: string | null;

  @ApiPropertyOptional({ minimum: 0, maximum: 100 })
  @Satisfies(
    (priority) =>
      priority === undefined ||
      (Number.isInteger(priority) && (priority as number) >= 0 && (priority as number) <= 100),
    'priority must be a whole number from 0 to 100',
  )
  priority?: number;
}
