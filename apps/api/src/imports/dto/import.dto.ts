import type { ImportMapping } from '@floor-os/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AsSent, Satisfies } from '../../common/dto-rules';
import { MAP_OF } from '../../common/openapi';

/**
 * `PUT /imports/{id}/mapping`. The mapping's keys are the import's target fields and its values the file's
 * headers — data, not DTO fields: kept as sent and checked by the service against the target's own field
 * list and the file's headers (`mappingProblems`, 400 naming each field).
 */
export class ImportMappingDto {
  @ApiProperty({
    ...MAP_OF.headers,
    description: 'Target field → source header (transactions’ reference may name several)',
  })
  @AsSent()
  mapping: ImportMapping;
}

/** `POST /imports/{id}/confirm`: no body, or whether to stop for a review. */
export class ImportConfirmDto {
  @ApiPropertyOptional({ description: 'Stop at validated for a look before apply' })
  @Satisfies((review) => review === undefined || typeof review === 'boolean', 'review must be true or false')
  review?: boolean;
}
