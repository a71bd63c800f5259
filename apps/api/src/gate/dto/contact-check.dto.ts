import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BadRequestException } from '@nestjs/common';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

export const CHECK_CHANNELS = ['voice', 'sms', 'email', 'payment'] as const;
export const DIAL_MODES = ['manual', 'automated', 'prerecorded'] as const;
/** Who started the contact (SPEC G10): the collector (default) or the consumer. */
export const INITIATORS = ['collector', 'consumer'] as const;
export type Initiator = (typeof INITIATORS)[number];

/** What the API docs say about `initiated_by` (decided detail 30). */
export const INITIATED_BY_DOC =
  'Who started the contact; default `collector`. `consumer`: an inbound call the consumer placed (`voice`) or a payment the consumer ' +
  'starts (`payment`) — the frequency caps, the calling hours and CEASE then only warn, and an inbound call is recorded as an ' +
  'attempt that counts toward no cap; bankruptcy, attorney, deceased, dispute and suppression still block. With `sms` or `email`, ' +
  '`consumer` is refused (400).';

/**
 * Decided detail 30: `consumer` applies to voice (an inbound call) and payment (a payment the consumer starts);
 * on any other channel it is a field error naming `initiated_by`.
 */
export function initiatedByProblem(channel: string, initiatedBy: string | undefined | null): string | null {
  if (initiatedBy !== 'consumer' || channel === 'voice' || channel === 'payment') return null;
  return `initiated_by consumer is refused for ${channel}: a consumer-initiated contact is an inbound call (voice) or a payment the consumer starts`;
}

/** The same check for the panel's doors, as a 400 in the validation shape. */
export function assertInitiatedBy(channel: string, initiatedBy: string | undefined | null): void {
  const problem = initiatedByProblem(channel, initiatedBy);
  if (problem)
    throw new BadRequestException({
      message: 'Validation failed',
      code: 'VALIDATION_FAILED',
      fields: { initiated_by: [problem] },
    });
}

/** `POST /api/v1/compliance/contact-check` (SPEC G1). `channel` may come in the query instead. */
export class ContactCheckDto {
  @ApiProperty({ example: 'acme-collections', description: "The key's tenant: its slug or id" })
  @IsString()
  @MinLength(1)
  @MaxLength(63)
  tenant_id: string;

  @ApiProperty({ example: 'ACC-1001' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  account_id: string;

  @ApiPropertyOptional({ enum: CHECK_CHANNELS })
  @IsOptional()
  @IsIn(CHECK_CHANNELS)
  channel?: (typeof CHECK_CHANNELS)[number];

  @ApiPropertyOptional({ description: "The dialer's agent id or the user's id" })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  agent_id?: string;

  @ApiPropertyOptional({
    example: '+12125550123',
    description: 'The number about to be dialled (E.164 or US national); defaults to the account’s',
  })
  @IsOptional()
  @IsString()
  @Matches(/^\+?[0-9 ()./-]{7,20}$/, { message: 'phone_number must be a phone number' })
  phone_number?: string;

  @ApiPropertyOptional({
    enum: DIAL_MODES,
    description:
      'Default automated for a voice call the collector places, manual otherwise (an inbound call is not dialled)',
  })
  @IsOptional()
  @IsIn(DIAL_MODES)
  dial_mode?: (typeof DIAL_MODES)[number];

  @ApiPropertyOptional({
    enum: INITIATORS,
    default: 'collector',
    description: `${INITIATED_BY_DOC} May come as a query parameter instead; body and query must agree.`,
  })
  @IsOptional()
  @IsIn(INITIATORS)
  initiated_by?: Initiator;
}

/** The panel's door (SPEC G9): the tenant and agent come from the session. */
export class PanelContactCheckDto {
  @ApiProperty({ example: 'ACC-1001' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  account_id: string;

  @ApiProperty({ enum: CHECK_CHANNELS })
  @IsIn(CHECK_CHANNELS)
  channel: (typeof CHECK_CHANNELS)[number];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Matches(/^\+?[0-9 ()./-]{7,20}$/, { message: 'phone_number must be a phone number' })
  phone_number?: string;

  @ApiPropertyOptional({ enum: DIAL_MODES })
  @IsOptional()
  @IsIn(DIAL_MODES)
  dial_mode?: (typeof DIAL_MODES)[number];

  @ApiPropertyOptional({ enum: INITIATORS, default: 'collector', description: INITIATED_BY_DOC })
  @IsOptional()
  @IsIn(INITIATORS)
  initiated_by?: Initiator;
}
