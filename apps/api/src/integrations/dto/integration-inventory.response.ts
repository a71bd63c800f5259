import type { IntegrationInventoryView } from '@floor-os/contracts';
import { INVENTORY_DIALERS } from '@floor-os/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { NamedRef } from '../../common/dto/refs.response';

/** The integration inventory worksheet: which dialer, CRM and payment processor the tenant runs. */
export class IntegrationInventoryResponse implements IntegrationInventoryView {
  @ApiProperty({ enum: INVENTORY_DIALERS, nullable: true })
  dialer: (typeof INVENTORY_DIALERS)[number] | null;

  @ApiProperty({ type: String, nullable: true })
  crm: string | null;

  @ApiProperty({ type: String, nullable: true })
  payment_processor: string | null;

  @ApiProperty({ type: String, nullable: true })
  notes: string | null;

  @ApiProperty({ type: () => NamedRef, nullable: true, description: 'Cleared by any change after a sign-off' })
  signed_off_by: NamedRef | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  signed_off_at: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  updated_at: string | null;
}
