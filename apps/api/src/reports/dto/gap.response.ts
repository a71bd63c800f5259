import type { GapReport, GapSample, GapSignOffView, GapStatuteGroup } from '@floor-os/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { NamedRef } from '../../common/dto/refs.response';

export class GapSampleResponse implements GapSample {
  @ApiProperty()
  audit_id: string;

  @ApiProperty()
  account_id: string;

  @ApiProperty({ type: String, nullable: true })
  phone_number: string | null;

  @ApiProperty({ type: String, nullable: true })
  agent_id: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: "The name of the tenant's user behind agent_id; null for an agent code no user holds",
  })
  agent_name?: string | null;

  @ApiProperty({ format: 'date-time' })
  at: string;
}

export class GapStatuteGroupResponse implements GapStatuteGroup {
  @ApiProperty()
  rule_id: string;

  @ApiProperty()
  statute: string;

  @ApiProperty({ description: "The rule's reason in words" })
  title: string;

  @ApiProperty()
  count: number;

  @ApiProperty({ type: () => [GapSampleResponse] })
  samples: GapSampleResponse[];
}

class GapTenantResponse {
  @ApiProperty()
  slug: string;

  @ApiProperty()
  legal_name: string;
}

/** The compliance gap report (SPEC P3): what the shadow decisions would have blocked, by statute. */
export class GapReportResponse implements GapReport {
  @ApiProperty({ format: 'date-time' })
  from: string;

  @ApiProperty({ format: 'date-time' })
  to: string;

  @ApiProperty({ format: 'date-time' })
  as_of: string;

  @ApiProperty({ type: () => GapTenantResponse })
  tenant: GapTenantResponse;

  @ApiProperty({ description: 'Shadow decisions in the window' })
  decisions: number;

  @ApiProperty({ description: 'Of them, those that would have blocked' })
  would_block: number;

  @ApiProperty({ type: () => [GapStatuteGroupResponse] })
  by_statute: GapStatuteGroupResponse[];
}

/** A signed gap report: the report as signed, and the SHA-256 of its stored PDF. */
export class GapSignOffResponse implements GapSignOffView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'date-time' })
  from: string;

  @ApiProperty({ format: 'date-time' })
  to: string;

  @ApiProperty({ type: () => NamedRef })
  signed_by: NamedRef;

  @ApiProperty({ format: 'date-time' })
  signed_at: string;

  @ApiProperty({ type: String, nullable: true })
  note: string | null;

  @ApiProperty({ description: 'SHA-256 (hex) of the stored PDF bytes' })
  sha256: string;

  @ApiProperty({ type: () => GapReportResponse })
  report: GapReportResponse;
}
