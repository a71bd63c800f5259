import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ErrorBody } from '../all-exceptions.filter';

/** Every error answer of the API (`AllExceptionsFilter`): one shape, whatever the status. */
export class ErrorResponse implements ErrorBody {
  @ApiProperty({ example: 400, description: 'The HTTP status, repeated' })
  status_code: number;

  @ApiProperty({ example: 'Bad Request', description: 'The status in words' })
  error: string;

  @ApiProperty({ example: 'Validation failed', description: 'What went wrong, for a person' })
  message: string;

  @ApiPropertyOptional({
    example: 'VALIDATION_FAILED',
    description: 'A machine-readable code a client can branch on (NOT_FOUND on every 404)',
  })
  code?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'array', items: { type: 'string' } },
    example: { phone_number: ['phone_number must be a phone number'] },
    description: 'With a 400: each refused field and why',
  })
  fields?: Record<string, string[]>;

  @ApiProperty({
    example: '0f9d2c1e-7a4b-4c2d-9e8f-1a2b3c4d5e6f',
    description: 'The request id (also in `X-Correlation-Id`): quote it when reporting a problem',
  })
  correlation_id: string;
}
