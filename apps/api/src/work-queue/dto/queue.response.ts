import type { QueueAssignmentResult, QueueItemView, TeamAgentView } from '@floor-os/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { NamedRef } from '../../common/dto/refs.response';

type LastDecision = NonNullable<QueueItemView['last_decision']>;

class QueueLastDecision implements LastDecision {
  @ApiProperty()
  audit_id: string;

  @ApiProperty({ format: 'date-time' })
  decided_at: string;

  @ApiProperty()
  allowed: boolean;

  @ApiProperty()
  would_block: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  next_allowed_at: string | null;
}

/** A queue row: the account, who has it, and its latest collector decision (no extra gate call). */
export class QueueItemResponse implements QueueItemView {
  @ApiProperty({ description: 'The account id (react-admin reads `id`)' })
  id: string;

  @ApiProperty()
  account_id: string;

  @ApiProperty({ type: String, nullable: true, example: '0123' })
  phone_last4: string | null;

  @ApiProperty({ type: String, nullable: true })
  state: string | null;

  @ApiProperty({ type: String, nullable: true, example: '1234.50' })
  balance: string | null;

  @ApiProperty({ description: 'Higher first' })
  priority: number;

  @ApiProperty({ type: () => NamedRef, nullable: true })
  assigned_agent: NamedRef | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  assigned_at: string | null;

  @ApiProperty({ type: () => QueueLastDecision, nullable: true })
  last_decision: QueueLastDecision | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the account opens again; null: now, or no decision yet',
  })
  next_allowed_at: string | null;
}

/** An agent of the manager's team. */
export class TeamAgentResponse implements TeamAgentView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty()
  email: string;

  @ApiProperty({ type: String, nullable: true })
  agent_code: string | null;

  @ApiProperty({ description: 'Accounts assigned to the agent now' })
  assigned_count: number;
}

export class QueueAssignmentResponse implements QueueAssignmentResult {
  @ApiProperty({ description: 'Accounts assigned (or unassigned)' })
  assigned: number;
}
