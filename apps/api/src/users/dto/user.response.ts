import type { AcceptedInvitation, IssuedInvitation, UserStatus, UserView } from '@floor-os/contracts';
import { USER_STATUSES } from '@floor-os/contracts';
import { ROLE_IDS, type RoleId } from '@floor-os/personas';
import { ApiProperty } from '@nestjs/swagger';

/** A user of a tenant (or a platform operator). */
export class UserResponse implements UserView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null for platform operators' })
  tenant_id: string | null;

  @ApiProperty()
  email: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ enum: ROLE_IDS, isArray: true })
  personas: RoleId[];

  @ApiProperty({ enum: USER_STATUSES })
  status: UserStatus;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  last_login_at: string | null;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: "The user's manager (the team a Manager assigns work to)",
  })
  manager_id: string | null;

  @ApiProperty({ type: String, nullable: true, description: "The agent's id in the dialer" })
  agent_code: string | null;

  @ApiProperty({ format: 'date-time' })
  created_at: string;

  @ApiProperty({ format: 'date-time' })
  updated_at: string;
}

/** The one-time invitation link: only in the answers that create one. */
export class IssuedInvitationResponse implements IssuedInvitation {
  @ApiProperty({ description: 'The link the user opens to set a password (shown once)' })
  invitation_url: string;

  @ApiProperty({ format: 'date-time' })
  invitation_expires_at: string;
}

/** `POST /users`: the user, invited, with the link. */
export class InvitedUserResponse extends UserResponse implements IssuedInvitation {
  @ApiProperty({ description: 'The link the user opens to set a password (shown once)' })
  invitation_url: string;

  @ApiProperty({ format: 'date-time' })
  invitation_expires_at: string;
}

/** `POST /invitations/accept`: the account is active; sign in with this email. */
export class AcceptedInvitationResponse implements AcceptedInvitation {
  @ApiProperty()
  email: string;
}
