import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

export const CHECK_CHANNELS = ['voice', 'sms', 'email', 'payment'] as const;
export const DIAL_MODES = ['manual', 'automated', 'prerecorded'] as const;

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

  @ApiPropertyOptional({ example: '+12125550123', description: 'The number about to be dialled (E.164 or US national); defaults to the account’s' })
  @IsOptional()
  @IsString()
  @Matches(/^\+?[0-9 ()./-]{7,20}$/, { message: 'phone_number must be a phone number' })
  phone_number?: string;

  @ApiPropertyOptional({ enum: DIAL_MODES, description: 'Default automated for voice' })
  @IsOptional()
  @IsIn(DIAL_MODES)
  dial_mode?: (typeof DIAL_MODES)[number];
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
}
