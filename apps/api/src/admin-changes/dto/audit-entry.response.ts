import type { ActorType, AuditAction, AuditEntryView } from '@floor-os/contracts';
import { AUDIT_ACTIONS } from '@floor-os/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { MAP_OF } from '../../common/openapi';

const ACTOR_TYPES: ActorType[] = ['user', 'api_key', 'cli', 'system'];

/** One administrative change: who changed what, before and after. */
export class AuditEntryResponse implements AuditEntryView {
  @ApiProperty()
  id: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  tenant_id: string | null;

  @ApiProperty({ enum: ACTOR_TYPES })
  actor_type: ActorType;

  @ApiProperty({ type: String, nullable: true })
  actor_id: string | null;

  @ApiProperty({ description: "The user's email, the key's label…" })
  actor_label: string;

  @ApiProperty({ enum: AUDIT_ACTIONS })
  action: AuditAction;

  @ApiProperty({ example: 'user' })
  entity_type: string;

  @ApiProperty()
  entity_id: string;

  @ApiProperty({
    type: String,
    nullable: true,
    description:
      "The name of the thing changed (a user's name, a tenant's legal name, a key's label…); null when it has none",
  })
  entity_label: string | null;

  @ApiProperty({ ...MAP_OF.anything, nullable: true })
  before: Record<string, unknown> | null;

  @ApiProperty({ ...MAP_OF.anything, nullable: true })
  after: Record<string, unknown> | null;

  @ApiProperty({ format: 'date-time' })
  created_at: string;
}
