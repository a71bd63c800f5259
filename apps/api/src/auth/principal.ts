import type { Permission, RoleId } from '@floor-os/personas';
import { hasPermission, PLATFORM_OPERATOR } from '@floor-os/personas';

/** Who is calling: a signed-in user or an API key. */
export interface Principal {
  kind: 'user' | 'api_key';
  /** The user's or the key's id. */
  id: string;
  /** An email or `api key fos_…`, for the audit log. */
  label: string;
  /** The tenant the call acts in: the user's or key's own, or the one an operator switched to. */
  tenantId: string | null;
  tenantSlug: string | null;
  roles: RoleId[];
  sessionId?: string;
}

export function isOperator(principal: Principal): boolean {
  return principal.roles.includes(PLATFORM_OPERATOR);
}

export function can(principal: Principal, permission: Permission): boolean {
  return principal.kind === 'user' && hasPermission(principal.roles, permission);
}

/** The tenant a tenant-scoped call acts in; the guard has already refused calls without one. */
export function tenantOf(principal: Principal): string {
  if (!principal.tenantId) throw new Error('tenant-scoped call without a tenant');
  return principal.tenantId;
}
