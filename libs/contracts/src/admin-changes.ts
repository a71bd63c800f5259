/** The admin changes' log (audit log of who changed what), as `GET /api/v1/audit-log[/:id]` answers it. */

export const AUDIT_ACTIONS = ['create', 'update', 'delete'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
export type ActorType = 'user' | 'api_key' | 'cli' | 'system';

export interface AuditEntryView {
  id: string;
  tenant_id: string | null;
  actor_type: ActorType;
  actor_id: string | null;
  actor_label: string;
  action: AuditAction;
  entity_type: string;
  entity_id: string;
  /** The name of the thing changed (a user's name, a tenant's legal name, a key's label…); null when it has none. */
  entity_label: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  created_at: string;
}
