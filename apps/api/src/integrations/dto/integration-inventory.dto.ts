import { INVENTORY_DIALERS } from '@floor-os/contracts';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Satisfies } from '../../common/dto-rules';
import { BodyRequired, UnknownFieldsUnder } from '../../common/validation';

/** At most this many characters per text field of the worksheet. */
export const INVENTORY_TEXT_MAX = { crm: 120, payment_processor: 120, notes: 2000 } as const;

const absent = (value: unknown) => value === undefined || value === null;
const text = (name: keyof typeof INVENTORY_TEXT_MAX) =>
  Satisfies(
    (value) => absent(value) || (typeof value === 'string' && value.length <= INVENTORY_TEXT_MAX[name]),
    `${name} must be text of at most ${INVENTORY_TEXT_MAX[name]} characters, or null`,
  );

/**
 * `PUT /integration-inventory`: the fields to change (null clears one; blank text clears it too). Unknown
 * fields are listed under `body` with the other problems, as this route always answered; a missing body is
 * refused (400 naming `body`), as before.
 */
@BodyRequired()
@UnknownFieldsUnder('body')
export class IntegrationInventoryDto {
  @ApiPropertyOptional({ enum: INVENTORY_DIALERS, nullable: true })
  @Satisfies(
    (value) => absent(value) || (INVENTORY_DIALERS as readonly unknown[]).includes(value),
    `dialer must be one of ${INVENTORY_DIALERS.join(', ')} or null`,
  )
  dialer?: (typeof INVENTORY_DIALERS)[number] | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: INVENTORY_TEXT_MAX.crm })
  @text('crm')
  crm?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: INVENTORY_TEXT_MAX.payment_processor })
  @text('payment_processor')
  payment_processor?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: INVENTORY_TEXT_MAX.notes })
  @text('notes')
  notes?: string | null;
}
