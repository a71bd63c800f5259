import type { RoleId } from '@floor-os/personas';
import type { User, UserStatus } from './user.entity';

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

export function mapUser(user: User): UserView {
  return {
    id: user.id,
    tenant_id: user.tenantId,
    email: user.email,
    name: user.name,
    personas: user.personas,
    status: user.status,
    last_login_at: user.lastLoginAt?.toISOString() ?? null,
    manager_id: user.managerId,
    agent_code: user.agentCode,
    created_at: user.createdAt.toISOString(),
    updated_at: user.updatedAt.toISOString(),
  };
}
