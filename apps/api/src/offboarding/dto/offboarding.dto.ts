import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Satisfies } from '../../common/dto-rules';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);
const absent = (value: unknown) => value === undefined || value === null;

/** `POST /offboarding`. Whether the user exists in the tenant is the service's question (400 `user_id`). */
export class OpenOffboardingDto {
  @ApiProperty({ format: 'uuid' })
  @Satisfies(isUuid, 'user_id must be the id of a user of this tenant')
  user_id: string;

  @ApiProperty({ maxLength: 2000 })
  @Satisfies(
    (reason) => typeof reason === 'string' && reason.trim().length > 0 && reason.length <= 2000,
    'reason is required (at most 2000 characters)',
  )
  reason: string;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @Satisfies(
    (day) => absent(day) || (typeof day === 'string' && DAY.test(day) && !Number.isNaN(Date.parse(day))),
    'last_day must be a date (YYYY-MM-DD)',
  )
  last_day?: string | null;
}

/** `POST /offboarding/{id}/api-keys/{key_id}`: revoke the key, or hand it over to another user. */
export class OffboardingKeyActionDto {
  @ApiProperty({ enum: ['revoke', 'hand_over'] })
  @Satisfies((action) => action === 'revoke' || action === 'hand_over', 'action must be revoke or hand_over')
  action: 'revoke' | 'hand_over';

  @ApiPropertyOptional({ format: 'uuid', description: 'hand_over only: an active user of the tenant' })
  @Satisfies(
    (to, dto) => (dto.action === 'hand_over' ? isUuid(to) : dto.action !== 'revoke' || absent(to)),
    (_to, dto) =>
      dto.action === 'hand_over'
        ? 'to_user_id must be the id of an active user of this tenant'
        : 'to_user_id goes with hand_over only',
  )
  to_user_id?: string | null;
}

/** `POST /offboarding/{id}/reassign`. */
export class OffboardingReassignDto {
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The agent who takes the accounts, or null to leave them unassigned',
  })
  @Satisfies(
    (agent) => agent === null || isUuid(agent),
    'agent_id must be an active agent of this tenant, or null for the unassigned pool',
  )
  agent_id: string | null;
}

/** `POST /offboarding/{id}/sign-off`: no body, or a note. */
export class OffboardingSignOffDto {
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 2000 })
  @Satisfies(
    (note) => absent(note) || (typeof note === 'string' && note.length <= 2000),
    'note must be text (at most 2000 characters)',
  )
  note?: string | null;
}
