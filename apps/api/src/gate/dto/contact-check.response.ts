import type { ContactCheckAnswer, GateReason } from '@floor-os/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** One rule that blocked or warned. */
export class GateReasonResponse implements GateReason {
  @ApiProperty({ example: 'REG_F_7IN7' })
  rule_id: string;

  @ApiProperty({ enum: ['block', 'warn'] })
  severity: 'block' | 'warn';

  @ApiProperty({ example: '12 CFR 1006.14(b)(2)' })
  statute: string;

  @ApiProperty()
  message: string;
}

/** The gate's answer (SPEC G1): contact allowed or not, why, and the audit id that records it. */
export class ContactCheckAnswerResponse implements ContactCheckAnswer {
  @ApiProperty({ description: 'May the contact go ahead (in shadow mode always true; see would_block)' })
  allowed: boolean;

  @ApiProperty({ type: () => [GateReasonResponse], description: 'The rules that blocked or warned' })
  reasons: GateReasonResponse[];

  @ApiProperty({ type: [String], description: 'The statutes behind the reasons' })
  statutes: string[];

  @ApiProperty({ description: 'The decision in the audit trail (a ULID)' })
  audit_id: string;

  @ApiProperty({ format: 'date-time', description: 'How long the answer holds' })
  expires_at: string;

  @ApiProperty({ enum: ['shadow', 'enforce'] })
  mode: 'shadow' | 'enforce';

  @ApiPropertyOptional({ description: 'Shadow mode: whether enforce mode would have blocked' })
  would_block?: boolean;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'When a blocked contact may next be tried, if a rule says so',
  })
  next_allowed_at?: string;
}
