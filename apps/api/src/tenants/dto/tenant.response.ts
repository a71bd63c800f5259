import type { CreatedTenant, EnforcementMode, TenantView } from '@floor-os/contracts';
import { PERSONA_IDS, type PersonaId } from '@floor-os/personas';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** A tenant: one collection agency. */
export class TenantResponse implements TenantView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'acme-collections' })
  slug: string;

  @ApiProperty({ example: 'Acme Collections LLC' })
  legal_name: string;

  @ApiProperty()
  pilot_mode: boolean;

  @ApiProperty({ enum: ['shadow', 'enforce'] })
  enforcement_mode: EnforcementMode;

  @ApiProperty({ enum: PERSONA_IDS, isArray: true })
  active_personas: PersonaId[];

  @ApiProperty({
    example: 'America/New_York',
    description: 'IANA zone: report days and weeks, the weekly review, the pilot milestones',
  })
  timezone: string;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Agent queue throughput per week before Floor OS (the usage readout baseline)',
  })
  queue_throughput_baseline: number | null;

  @ApiProperty({ format: 'date-time' })
  created_at: string;

  @ApiProperty({ format: 'date-time' })
  updated_at: string;
}

/** A tenant just provisioned: with `admin_email`, the link of its Tenant Admin's invitation (shown once). */
export class CreatedTenantResponse extends TenantResponse implements CreatedTenant {
  @ApiPropertyOptional({
    description:
      "The Tenant Admin's invitation link, when admin_email was given; the platform operator hands it over once",
    example: 'https://floor-os.example/#/accept-invitation?token=…',
  })
  admin_invitation_url?: string;
}
