/** Users as `GET /api/v1/users[/:id]` answers them. */
import type { RoleId } from '@floor-os/personas';

export const USER_STATUSES = ['invited', 'active', 'offboarding', 'disabled'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export interface UserView {
  id: string;
  tenant_id: string | null;
  email: string;
  name: string;
  personas: RoleId[];
  status: UserStatus;
  last_login_at: string | null;
  manager_id: string | null;
  agent_code: string | null;
  created_at: string;
  updated_at: string;
}

/** Only in the answers that create an invitation: the one-time link. */
export interface IssuedInvitation {
  invitation_url: string;
  invitation_expires_at: string;
}

/** `POST /api/v1/invitations/accept`: the account is active; sign in with this email. */
export interface AcceptedInvitation {
  email: string;
}
