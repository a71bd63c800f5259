/**
 * The JSON the API answers and the panel reads: one definition for both sides (snake_case, as on the wire).
 */
import type { PersonaId, RoleId } from '@floor-os/personas';

export type EnforcementMode = 'shadow' | 'enforce';

/** A tenant slug is url-safe: lower-case letters, digits and inner hyphens, 3–63 characters. */
export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{1,61}[a-z0-9])$/;
export const SLUG_RULE = 'lower-case letters, digits and inner hyphens, 3 to 63 characters';

export const USER_STATUSES = ['invited', 'active', 'offboarding', 'disabled'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export const AUDIT_ACTIONS = ['create', 'update', 'delete'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
export type ActorType = 'user' | 'api_key' | 'cli' | 'system';

export interface TenantView {
  id: string;
  slug: string;
  legal_name: string;
  pilot_mode: boolean;
  enforcement_mode: EnforcementMode;
  active_personas: PersonaId[];
  created_at: string;
  updated_at: string;
}

/** What `POST /auth/login`, `GET /auth/me` and `POST /auth/switch-tenant` answer. */
export interface SessionView {
  user: { id: string; email: string; name: string; personas: RoleId[]; tenant_id: string | null; status: string };
  personas: RoleId[];
  permissions: string[];
  /** The tenant in context: the user's own, or the one an operator switched to; null before that. */
  tenant: TenantView | null;
}

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

export interface ApiKeyView {
  id: string;
  label: string;
  prefix: string;
  status: 'active' | 'revoked';
  created_by_id: string | null;
  created_by_email: string | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  rotated_from_id: string | null;
}

/** Only in the create and rotate answers: the whole key. */
export interface CreatedApiKey extends ApiKeyView {
  secret: string;
}

export interface AuditEntryView {
  id: string;
  tenant_id: string | null;
  actor_type: ActorType;
  actor_id: string | null;
  actor_label: string;
  action: AuditAction;
  entity_type: string;
  entity_id: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  created_at: string;
}

/** `GET /api/v1/dashboard`: the numbers behind the home cards; a key is missing without its permission. */
export interface DashboardView {
  tenant: { slug: string; legal_name: string; pilot_mode: boolean; enforcement_mode: EnforcementMode } | null;
  users_by_persona?: Record<string, number>;
  api_keys?: { active: number; revoked: number; last_used_at: string | null };
  tenants?: { total: number; pilot: number; enforce: number };
}
