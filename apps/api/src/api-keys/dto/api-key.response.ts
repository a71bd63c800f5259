import type { ApiKeyView, CreatedApiKey } from '@floor-os/contracts';
import { ApiProperty } from '@nestjs/swagger';

/** An API key as listed: never the secret. */
export class ApiKeyResponse implements ApiKeyView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'pilot-primary' })
  label: string;

  @ApiProperty({ description: 'The first characters of the key, to tell keys apart' })
  prefix: string;

  @ApiProperty({ enum: ['active', 'revoked'] })
  status: 'active' | 'revoked';

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  created_by_id: string | null;

  @ApiProperty({ type: String, nullable: true })
  created_by_email: string | null;

  @ApiProperty({ format: 'date-time' })
  created_at: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  last_used_at: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  revoked_at: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The key this one replaced (rotation)' })
  rotated_from_id: string | null;
}

/** A key just made (create or rotate): the only answer that carries the whole key. */
export class CreatedApiKeyResponse extends ApiKeyResponse implements CreatedApiKey {
  @ApiProperty({ description: 'The whole key, shown once: send it as X-API-Key' })
  secret: string;
}
