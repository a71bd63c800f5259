import type { CurrentSessionView, SessionView, SsoStartView, WhoAmIView } from '@floor-os/contracts';
import { ROLE_IDS, type RoleId } from '@floor-os/personas';
import { ApiProperty } from '@nestjs/swagger';
import { TenantResponse } from '../../tenants/dto/tenant.response';

type SessionUser = SessionView['user'];

class SessionUserResponse implements SessionUser {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  email: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ enum: ROLE_IDS, isArray: true })
  personas: RoleId[];

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null for platform operators' })
  tenant_id: string | null;

  @ApiProperty({ example: 'active' })
  status: string;

  @ApiProperty({ description: "The operator's profile flag; always false for tenant users" })
  autonomous: boolean;
}

/** `POST /auth/login`, `GET /auth/me` and `POST /auth/switch-tenant`: who is signed in and what they may do. */
export class SessionResponse implements SessionView {
  @ApiProperty({ type: () => SessionUserResponse })
  user: SessionUserResponse;

  @ApiProperty({ enum: ROLE_IDS, isArray: true })
  personas: RoleId[];

  @ApiProperty({ type: [String], example: ['users.read', 'api_keys.write'] })
  permissions: string[];

  @ApiProperty({
    type: () => TenantResponse,
    nullable: true,
    description: "The tenant in context: the user's own, or the one an operator switched to",
  })
  tenant: TenantResponse | null;
}

/** `GET /auth/session`: the session of this browser, or null before sign-in. */
export class CurrentSessionResponse implements CurrentSessionView {
  @ApiProperty({
    type: () => SessionResponse,
    nullable: true,
    description: 'null when no one is signed in here (no session cookie, or an ended session)',
  })
  session: SessionResponse | null;
}

/** `GET /auth/whoami`: which tenant these credentials act for. */
export class WhoAmIResponse implements WhoAmIView {
  @ApiProperty({ enum: ['user', 'api_key'], example: 'api_key' })
  kind: 'user' | 'api_key';

  @ApiProperty({ description: "The user's email or the key's label" })
  label: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  tenant_id: string | null;

  @ApiProperty({ type: String, nullable: true })
  tenant_slug: string | null;
}

export class SsoStartResponse implements SsoStartView {
  @ApiProperty({
    type: String,
    nullable: true,
    description: "Where the browser goes to sign in; null when the email's domain has no single sign-on",
  })
  redirect_url: string | null;
}
