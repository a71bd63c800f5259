import { DEEP_LINK_CATEGORIES } from '@floor-os/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AsSent, Satisfies } from '../../common/dto-rules';
import { BodyRequired } from '../../common/validation';

/** The "Open in" button of a vendor: checked by `deepLinkProblems` (vendors.service.ts), fields `deep_link.*`. */
export class DeepLinkBody {
  @ApiProperty()
  enabled: boolean;

  @ApiProperty({ example: 'https://app.five9.com/agent?account={account_id}' })
  url_template: string;

  @ApiProperty()
  label: string;

  @ApiProperty({ enum: DEEP_LINK_CATEGORIES })
  category: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 999, default: 0 })
  sort_order?: number;
}

/**
 * `PUT /vendors/{vendor}`: a new secret becomes current; the previous one keeps verifying until the next change.
 * A missing body is refused, as before (read as `{}` it would create the card).
 */
@BodyRequired()
export class VendorCardDto {
  @ApiPropertyOptional()
  @Satisfies((value) => value === undefined || typeof value === 'boolean', 'enabled must be true or false')
  enabled?: boolean;

  @ApiPropertyOptional({ minLength: 16, maxLength: 200, description: 'Write-only' })
  @Satisfies(
    (value) => value === undefined || (typeof value === 'string' && value.length >= 16 && value.length <= 200),
    'webhook_secret must be 16 to 200 characters',
  )
  webhook_secret?: string;

  /**
   * Kept as sent and checked by the service against the template rules and the link's known fields (its
   * problems are named `deep_link.<field>`, an unknown key included, `constructor` as much as any).
   */
  @ApiPropertyOptional({ type: () => DeepLinkBody, nullable: true })
  @AsSent()
  deep_link?: unknown;
}
