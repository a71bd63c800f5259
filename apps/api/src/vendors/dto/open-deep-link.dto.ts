import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { INITIATED_BY_DOC, INITIATORS, type Initiator } from '../../gate/dto/contact-check.dto';

/** `POST /api/v1/accounts/{account_id}/deep-links/{vendor}/open`: an empty body is the collector's contact. */
export class OpenDeepLinkDto {
  @ApiPropertyOptional({
    enum: INITIATORS,
    default: 'collector',
    description: `${INITIATED_BY_DOC} Only for a voice or payment link.`,
  })
  @IsOptional()
  @IsIn(INITIATORS)
  initiated_by?: Initiator;
}
