import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Allow } from 'class-validator';
import { Satisfies } from '../../common/dto-rules';
import { normaliseEntry } from '../suppression.service';

const problemOf = (kind: unknown, value: unknown): string | null => {
  const normalised = normaliseEntry(kind, value);
  return 'error' in normalised ? normalised.error : null;
};

/**
 * One entry of the suppression list (`POST /suppression`, and each entry of a JSON import). kind and value
 * are checked together — a phone number is read as E.164, an email lower-cased — and a problem with either
 * is named under `value`, as the route always answered.
 */
export class SuppressionEntryDto {
  @ApiProperty({ enum: ['phone', 'email'] })
  @Allow() // checked with value, below
  kind: 'phone' | 'email';

  @ApiProperty({ example: '+12125550123' })
  @Satisfies((value, dto) => problemOf(dto.kind, value) === null, (value, dto) => problemOf(dto.kind, value) ?? '')
  value: string;

  @ApiPropertyOptional({ maxLength: 200, description: 'Longer text is cut to 200 characters; anything else is none' })
  @Allow()
  reason?: unknown;
}
