import type { SsoSettingsView } from '@floor-os/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { NamedRef, PersonRef } from '../../common/dto/refs.response';

/** Admin → SSO: the tenant's OpenID Connect settings (the client secret is write-only). */
export class SsoSettingsResponse implements SsoSettingsView {
  @ApiProperty()
  configured: boolean;

  @ApiProperty({ type: String, nullable: true, example: 'https://login.example.com' })
  issuer: string | null;

  @ApiProperty({ type: String, nullable: true })
  client_id: string | null;

  @ApiProperty({ description: 'Whether a client secret is stored (it is never answered)' })
  has_client_secret: boolean;

  @ApiProperty({ type: [String], example: ['acme-collections.com'] })
  email_domains: string[];

  @ApiProperty({ description: 'Password sign-in is refused for everyone but the break-glass user' })
  required: boolean;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  break_glass_user_id: string | null;

  @ApiProperty({ type: () => PersonRef, nullable: true })
  break_glass_user: PersonRef | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  last_sign_in_at: string | null;

  @ApiProperty({ type: () => NamedRef, nullable: true })
  last_sign_in_user: NamedRef | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  updated_at: string | null;

  @ApiProperty({ description: 'The address to register at the identity provider' })
  redirect_uri: string;

  @ApiProperty({
    type: () => [PersonRef],
    description: "The tenant's active Tenant Admins, who may be the break-glass user",
  })
  break_glass_candidates: PersonRef[];
}
