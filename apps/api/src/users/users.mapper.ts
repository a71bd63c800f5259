import type { UserView } from '@floor-os/contracts';
import type { User } from './user.entity';

export type { UserView };

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
